"""The desktop bundle: built from packaging/kokuho_desk.spec, then run with no Python around it."""

import subprocess
import sys
from pathlib import Path

import pytest

from kokuho_desk import APP_ID, __version__
from tests.conftest import REPO

pytestmark = pytest.mark.slow

SPEC = REPO / "packaging" / "kokuho_desk.spec"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Build the one-folder bundle into a temporary folder; return the bundle's folder."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (it comes with the test extra)")
    tmp = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp / "dist"), "--workpath", str(tmp / "work"), str(SPEC)],
        cwd=tmp, check=True, capture_output=True, text=True,
    )
    return tmp / "dist" / APP_ID


@pytest.fixture
def run_bundle(bundle, tmp_path):
    """Run the bundle's program as a volunteer's machine would: no venv, no PYTHONPATH."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(bundle / APP_ID), *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)

    return run


def test_version(run_bundle):
    """Ensure the bundled program starts and reports the package's version."""
    out = run_bundle("--version")
    assert (out.returncode, out.stdout.strip()) == (0, f"kokuho-desk {__version__}")


def test_ships_fonts_with_licence(bundle):
    """Ensure the bundle carries the IPAex fonts for the letters together with their licence."""
    fonts = bundle / "_internal" / "resources" / "fonts"
    assert {"ipaexg.ttf", "ipaexm.ttf", "IPA_Font_License_Agreement_v1.0.txt"} <= {p.name for p in fonts.iterdir()}
