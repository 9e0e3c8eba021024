"""`kokuho-desk check` starts fast (issue 21.5): in a fresh interpreter it imports neither the
database layer nor Qt, and with the parsed data cached it parses no TOML at all."""

import json
import os
import subprocess
import sys

from tests.conftest import example_path

# Needed only by other commands: the database (sqlite_utils, the store), the window, PDF letters,
# the user-folder lookup and the full command-line parser.
NEVER_ON_THE_CHECK_PATH = (
    "sqlite_utils",
    "sqlite3",
    "kokuho_desk.store",
    "PySide6",
    "shiboken6",
    "reportlab",
    "kokuho_desk.letters",
    "platformdirs",
    # the parser of every other form of the command line (a plain check is read by hand)
    "argparse",
    # OpenSSL's hashes: the parsed cache digests with BLAKE2 from its built-in module
    "hashlib",
    "_hashlib",
)
# Imported by a check only when the case needs them: a deadline moved past a holiday (jpholiday), a
# wage seizure (fractions), an internal error (traceback), rates the desk entered (no bundled ones for
# the year). A case needing none imports none.
ONLY_WHEN_NEEDED = (
    "jpholiday",
    "fractions",
    "traceback",
    "kokuho_desk.rules.desk_rates",
    "kokuho_desk.model.desk_rate",
)
# Imported by dataclasses for deep copies a check never makes (cli.DATACLASSES_RARELY_USE): copy, with
# weakref. (A first run imports weakref with tempfile, to write the cache.)
NEVER_ASKED_OF_DATACLASSES = ("weakref",)


def _imported_by_check(stdin: bytes, tmp_path) -> tuple[set[str], dict]:
    env = {k: v for k, v in os.environ.items() if k != "KOKUHO_DESK_CACHE_DIR"}
    if sys.platform.startswith("linux"):
        env["XDG_CACHE_HOME"] = str(tmp_path / "cache")  # the user's cache folder, found as a desk finds it
    else:
        env["KOKUHO_DESK_CACHE_DIR"] = str(tmp_path / "cache")
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kokuho_desk", "check", "-", "--json"],
        input=stdin,
        capture_output=True,
        check=True,
        env=env,
    )
    modules = {
        line.split("|")[-1].strip() for line in out.stderr.decode().splitlines() if line.startswith("import time:")
    }
    return modules, json.loads(out.stdout)


def test_check_imports_no_database_qt_or_letters_and_parses_no_toml_when_cached(tmp_path):
    """Ensure `kokuho-desk check - --json` for a case named by its municipality (泉佐野市, so the
    master list and the rate profiles are read) imports none of the other commands' libraries (nor
    those of checks this case does not need), and
    on a second run (the cache built by the first, in an empty folder) not even tomllib. Its premium stays 泉佐野市's own
    令和8年度 worked example: 医療 398,228 + 支援 127,956 + 介護 108,344 + 子ども 11,326 = 645,854円."""
    case = json.loads(example_path("izumisano-2026-family3").read_text(encoding="utf-8"))["case"]
    stdin = json.dumps(case, ensure_ascii=False).encode()
    first, result = _imported_by_check(stdin, tmp_path)
    second, again = _imported_by_check(stdin, tmp_path)
    assert result["premium"]["total"] == again["premium"]["total"] == 645854
    for modules in (first, second):
        assert "kokuho_desk.rules.engine" in modules  # the measure sees the check's own imports
        assert sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in NEVER_ON_THE_CHECK_PATH)) == []
        assert sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in ONLY_WHEN_NEEDED)) == []
    assert "tomllib" in first  # the first run parsed (the cache folder of this test run was empty)
    assert "tomllib" not in second
    assert sorted(m for m in second if m in NEVER_ASKED_OF_DATACLASSES) == []
