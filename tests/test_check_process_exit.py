"""A `kokuho-desk check` process ends without the interpreter's teardown (cli._end_now): everything it
writes is out, with the exit status main() returns, and atexit calls still run."""

import contextlib
import io
import json
import os
import subprocess
import sys

import pytest

from kokuho_desk.cli import main
from tests.conftest import example_path


def _case_file(tmp_path):
    case = json.loads(example_path("osaka-city-2022-family-2wari").read_text(encoding="utf-8"))["case"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    return path


def _in_process(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("json_flag", [["--json"], []], ids=["json", "statement"])
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_a_check_process_writes_all_main_writes_and_its_status(tmp_path, json_flag, buffered):
    """Ensure the process's stdout (a file: fully buffered unless PYTHONUNBUFFERED) and stderr are
    byte for byte what main() writes in the test process, and its exit status is main()'s, for a
    good case file (0) and an invalid one (2, the message on stderr)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    bad = tmp_path / "bad.json"
    bad.write_text('{"as_of": "2025-06-01", "members": [{"relation": "head", "birth_date": "x"}]}', encoding="utf-8")
    for path, expected_status in ((_case_file(tmp_path), 0), (bad, 2)):
        argv = ["check", str(path), *json_flag]
        status, out, err = _in_process(argv)
        with open(tmp_path / "out", "wb") as stdout, open(tmp_path / "err", "wb") as stderr:
            done = subprocess.run([sys.executable, "-m", "kokuho_desk", *argv], stdout=stdout, stderr=stderr, env=env)
        assert status == done.returncode == expected_status
        assert (tmp_path / "out").read_text(encoding="utf-8") == out
        assert (tmp_path / "err").read_text(encoding="utf-8") == err
        assert len(out) > 1000 if expected_status == 0 else "birth_date" in err


def test_atexit_calls_still_run(tmp_path):
    """Ensure a process where something registered an atexit call ends as usual: the call runs, after
    the check's output, and the status is the check's."""
    program = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('atexit ran'))\n"
        "from kokuho_desk.cli import main\n"
        f"sys.argv = ['kokuho-desk', 'check', {str(_case_file(tmp_path))!r}, '--json']\n"
        "raise SystemExit(main())\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    report, _, last = done.stdout.rstrip("\n").rpartition("\n")
    assert last == "atexit ran"
    assert json.loads(report)["premium"]["total"] == 328758


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_what_is_still_buffered_is_written_before_the_end(buffered):
    """Ensure _end_now writes out what stdout and stderr still hold (a check's reports are larger than
    the buffers, so the test above would not see it) and ends with the status given, running nothing
    after it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    program = (
        "import sys\nfrom kokuho_desk import cli\n"
        "sys.stdout.write('結果'); sys.stderr.write('注意')\ncli._end_now(3)\nprint('not reached')\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, env=env)
    assert (done.returncode, done.stdout.decode(), done.stderr.decode()) == (3, "結果", "注意")
