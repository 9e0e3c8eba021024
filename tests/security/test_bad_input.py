"""Hostile case files get a clear Japanese refusal (exit 2), never an internal error, and nothing is saved."""

import json

import pytest

from kokuho_desk.cli import main
from kokuho_desk.model.casefile import MAX_CASE_FILE_BYTES, CaseFileError, case_from_json, case_to_dict
from kokuho_desk.store import open_store
from tests.store.conftest import make_case


def _case(**changes) -> dict:
    data = case_to_dict(make_case(address="大阪市北区梅田1-1"))
    data.update(changes)
    return data


def _refused(tmp_path, capsys, text: str, *expected: str) -> None:
    """Both `check` and `case import` exit 2 with every expected phrase on stderr, no traceback, nothing saved."""
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    db = tmp_path / "desk.db"
    assert main(["check", str(path)]) == 2
    assert main(["--db", str(db), "case", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "内部エラー" not in err
    for phrase in expected:
        assert err.count(phrase) >= 2, (phrase, err)
    with open_store(db) as store:
        assert store.count(status=None) == 0


def test_json_nested_5000_deep_is_refused(tmp_path, capsys):
    """Ensure an array 5,000 deep inside a case and an object 5,000 deep are refused as too deeply nested."""
    deep = json.dumps(_case(notes="メモ")).replace('"notes"', '"x": ' + "[" * 5000 + "]" * 5000 + ', "notes"', 1)
    _refused(tmp_path, capsys, deep, "入れ子が深すぎます")
    _refused(tmp_path, capsys, '{"a":' * 5000 + "1" + "}" * 5000, "入れ子が深すぎます")


def test_a_date_in_the_year_9999_is_refused(tmp_path, capsys):
    """Ensure as_of 9999-12-31 is refused with a message about the date, not an overflow."""
    _refused(tmp_path, capsys, json.dumps(_case(as_of="9999-12-31")), "9999-12-31", "日付を確かめてください")


def test_a_lone_surrogate_is_refused(tmp_path, capsys):
    """Ensure a JSON escape of a lone surrogate (\\ud800) in the notes is refused as a broken character."""
    _refused(tmp_path, capsys, json.dumps(_case(notes="相談\ud800メモ")), "対になっていないサロゲート")


@pytest.mark.parametrize(
    "bad, kind", [("\x00", "制御文字"), ("\x1b[31m", "制御文字"), ("\u202e", "文字の向きを変える制御文字")]
)
def test_control_and_bidi_characters_are_refused_in_names_and_addresses(tmp_path, capsys, bad, kind):
    """Ensure NUL, an ESC sequence and a right-to-left override in the head's name and in the address are refused."""
    data = _case()
    data["members"][0]["name"] = f"山田{bad}太郎"
    _refused(tmp_path, capsys, json.dumps(data), kind, "members[0].name")
    data = _case()
    data["contact"]["address"] = f"大阪市{bad}北区"
    _refused(tmp_path, capsys, json.dumps(data), kind, "contact.address")


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path, capsys):
    """Ensure a 1.2 MB case file (a long note) is refused as too large, in Japanese."""
    text = json.dumps(_case(notes="あ" * 400_000), ensure_ascii=False)
    assert len(text.encode("utf-8")) > MAX_CASE_FILE_BYTES
    _refused(tmp_path, capsys, text, "大きすぎます")


def test_an_ordinary_case_file_with_tabs_and_line_breaks_is_accepted():
    """Ensure the character check does not refuse ordinary text: line breaks and a tab in the notes are fine."""
    case = case_from_json(json.dumps(_case(notes="一行目\n二行目\t続き")))
    assert case.notes == "一行目\n二行目\t続き"
    with pytest.raises(CaseFileError):
        case_from_json(json.dumps(_case(notes="\u2066隠す\u2069")))
