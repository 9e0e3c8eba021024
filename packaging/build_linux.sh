#!/usr/bin/env bash
# Builds the Linux desktop bundle: dist/kokuho-desk/ (one folder, run dist/kokuho-desk/kokuho-desk)
# and dist/kokuho-desk-<version>-linux-<arch>.tar.gz to hand out.
# Run after `bash .ci/setup`; PYTHON may name another interpreter that has the project installed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 || "$PYTHON" -m pip install -q "pyinstaller>=6.10"

"$PYTHON" -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/kokuho_desk.spec

version=$("$PYTHON" -c 'import kokuho_desk; print(kokuho_desk.__version__)')
archive="dist/kokuho-desk-${version}-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" kokuho-desk
echo "bundle:  dist/kokuho-desk ($(du -sh dist/kokuho-desk | cut -f1))"
echo "archive: $archive ($(du -sh "$archive" | cut -f1))"
