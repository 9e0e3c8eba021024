#!/usr/bin/env bash
# Builds the macOS app on a Mac (PyInstaller does not cross-build): dist/国保デスク.app and
# dist/kokuho-desk-<version>-macos-<arch>.dmg. The app is not signed or notarised: on first
# start, Control-click it and choose 「開く」.
# Needs Python 3.11 (python.org or Homebrew); makes .venv if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
if [ ! -x "$PYTHON" ]; then
  python3.11 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e .
fi
"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 || "$PYTHON" -m pip install -q "pyinstaller>=6.10"

"$PYTHON" -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/kokuho_desk.spec

version=$("$PYTHON" -c 'import kokuho_desk; print(kokuho_desk.__version__)')
app="dist/$("$PYTHON" -c 'import kokuho_desk; print(kokuho_desk.APP_NAME)').app"
image="dist/kokuho-desk-${version}-macos-$(uname -m).dmg"
hdiutil create -volname "kokuho-desk ${version}" -srcfolder "$app" -ov -format UDZO "$image"
echo "app:   $app"
echo "image: $image"
