"""`kokuho-desk check`: exit codes, JSON on stdout, the Japanese 計算書, stdin."""

import json
import subprocess
import sys

from kokuho_desk.cli import main
from tests.conftest import example_path


def _case_file(tmp_path, example="osaka-city-2022-family-2wari", **extra):
    case = json.loads(example_path(example).read_text(encoding="utf-8"))["case"]
    case.update(extra)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_json_exit_0(tmp_path, capsys):
    """Ensure a good file exits 0 and prints the result-1 JSON with the premium to the yen."""
    assert main(["check", str(_case_file(tmp_path)), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["format"] == "kokuho-desk/result-1"
    assert out["premium"]["total"] == 328758 and out["premium"]["reduction"] == "2割"


def test_check_statement_in_japanese(tmp_path, capsys):
    """Ensure the 計算書 says first, in plain words, that the notice (330,000円) is 1,242円 more than the
    recomputation (328,758円), names the reduction applied, and shows each line checkable."""
    assert main(["check", str(_case_file(tmp_path, notice={"total": 330000}))]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "令和4年度 国民健康保険料 計算書"
    assert lines[3] == "通知書の額は再計算より 1,242円多くなっています。"
    assert "適用した軽減: 2割軽減" in out
    assert "均等割 見本 一郎: 27,488円 → 2割軽減後 21,990円" in out
    assert "年間保険料 合計 328,758円" in out
    assert "通知書 330,000円 − 再計算 328,758円 = +1,242円" in out


def test_check_bad_file_exits_2_in_japanese(tmp_path, capsys):
    """Ensure an invalid case file exits 2 with a Japanese message naming the field."""
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"as_of": "2025-06-01", "members": [{"relation": "head", "birth_date": "1990-13-01"}]}', encoding="utf-8"
    )
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "members[0].birth_date" in err and "日付" in err


def test_check_missing_file_exits_2(tmp_path, capsys):
    """Ensure a file that does not exist exits 2 with a Japanese message."""
    assert main(["check", str(tmp_path / "none.json")]) == 2
    assert "ファイルを開けません" in capsys.readouterr().err


def test_check_reads_stdin_in_a_process(tmp_path):
    """Ensure `check -` reads the case from stdin in a real process and exits 0."""
    text = _case_file(tmp_path).read_text(encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "kokuho_desk", "check", "-", "--json"],
        input=text.encode(),
        capture_output=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr.decode()
    assert json.loads(out.stdout)["premium"]["total"] == 328758


def test_check_what_if_is_reported(tmp_path, capsys):
    """Ensure --what-if is passed on and the 計算書 says the planned rule is assumed."""
    assert main(["check", str(_case_file(tmp_path)), "--what-if", "child_reduction_2027"]) == 0
    assert "仮定（what-if）: child_reduction_2027" in capsys.readouterr().out


def test_check_called_in_process_keeps_the_callers_collector(tmp_path, capsys):
    """Ensure main() called with arguments (a test, a script) leaves the garbage collector as it was:
    only `check` as a process of its own runs without it (cli.SHORT_LIVED)."""
    import gc

    frozen = gc.get_freeze_count()
    assert main(["check", str(_case_file(tmp_path)), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["premium"]["total"] == 328758
    assert gc.isenabled() and gc.get_freeze_count() == frozen
