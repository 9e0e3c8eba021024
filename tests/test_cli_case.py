"""`kokuho-desk case import FILE` / `case export ID FILE`: bad files exit 2 and add nothing."""

import json

import pytest

from kokuho_desk.cli import main
from kokuho_desk.model.casefile import case_from_json, case_to_json
from kokuho_desk.store import open_store
from tests.conftest import example_files

GOOD = {
    "as_of": "2025-06-01",
    "municipality": "大阪市",
    "members": [
        {
            "relation": "head",
            "name": "見本 太郎",
            "kana": "ミホン タロウ",
            "birth_date": "1960-04-10",
            "income": {"declared": True, "pension": 1200000},
        }
    ],
    "contact": {"postal_code": "530-0001", "address": "大阪府大阪市見本区架空町1-2-3"},
}


def _with(path_value_pairs):
    data = json.loads(json.dumps(GOOD))
    for path, value in path_value_pairs:
        node = data
        *parents, last = path
        for p in parents:
            node = node[p]
        if value is _DELETE:
            del node[last]
        else:
            node[last] = value
    return json.dumps(data, ensure_ascii=False)


_DELETE = object()
BAD_FILES = [  # (file text, the field or words the message must name)
    ("{not json", "JSONとして読めません"),
    ("[1, 2]", "JSONのオブジェクト"),
    (_with([(("as_of",), _DELETE)]), "as_of"),
    (_with([(("as_of",), "2025-02-30")]), "as_of"),
    (_with([(("as_of",), "きのう")]), "as_of"),
    (_with([(("members",), [])]), "members"),
    (_with([(("members", 0, "relation"), "child")]), "members"),
    (_with([(("members", 0, "relation"), "boss")]), "members[0].relation"),
    (_with([(("members", 0, "birth_date"), "2030-01-01")]), "members[0].birth_date"),
    (_with([(("members", 0, "birth_date"), "昭和70年1月1日")]), "members[0].birth_date"),
    (_with([(("members", 0, "birth_date"), "1880-01-01")]), "members[0].birth_date"),
    (_with([(("members", 0, "name"), "")]), "members[0].name"),
    (_with([(("members", 0, "name"), "見" * 101)]), "members[0].name"),
    (_with([(("members", 0, "income", "pension"), "たくさん")]), "members[0].income.pension"),
    (_with([(("members", 0, "income", "pension"), -5)]), "members[0].income.pension"),
    (_with([(("members", 0, "income", "pension"), 10_000_000_000)]), "members[0].income.pension"),
    (_with([(("members", 0, "income", "declared"), "はい")]), "members[0].income.declared"),
    (_with([(("contact", "postal_code"), "53-01")]), "contact.postal_code"),
    (_with([(("contact", "phone"), "電話なし")]), "contact.phone"),
    (_with([(("fiscal_year",), 1800)]), "fiscal_year"),
    (_with([(("favourite_colour",), "青")]), "favourite_colour"),
    (_with([(("status",), "pending")]), "status"),
    (_with([(("arrears",), [{"amount": 5000}])]), "arrears[0]"),
    (_with([(("seizures",), [{"asset": "salary", "amount": 300000, "monthly_gross": 200000}])]), "seizures[0].amount"),
    (_with([(("log",), [{"date": "2025-06-01", "due_date": "2025-05-01"}])]), "log[0].due_date"),
    (_with([(("insurance",), {"status": "gold"})]), "insurance.status"),
]


def _count(db):
    with open_store(db) as store:
        return store.count(status=None)


@pytest.mark.parametrize("text, field", BAD_FILES, ids=[f for _, f in BAD_FILES])
def test_import_of_a_bad_file_exits_2_names_the_field_and_adds_nothing(tmp_path, capsys, text, field):
    """Ensure each kind of bad case file exits 2 with a Japanese message naming the field, and saves nothing."""
    db = tmp_path / "cases.db"
    (tmp_path / "bad.json").write_text(text, encoding="utf-8")
    assert main(["--db", str(db), "case", "import", str(tmp_path / "bad.json")]) == 2
    err = capsys.readouterr().err
    assert "取り込めません（何も保存していません）" in err and field in err
    assert _count(db) == 0
    with open_store(db) as store:
        assert store.audit_log() == []


def test_import_of_a_missing_file_exits_2(tmp_path, capsys):
    """Ensure a file that does not exist is reported in Japanese with exit 2."""
    assert main(["--db", str(tmp_path / "c.db"), "case", "import", str(tmp_path / "nai.json")]) == 2
    assert "ファイルを開けません" in capsys.readouterr().err


def test_import_then_export_gives_the_same_file(tmp_path, capsys):
    """Ensure import stores the case (a row, searchable) and export writes back the identical case file."""
    src, out, db = tmp_path / "in.json", tmp_path / "out.json", tmp_path / "c.db"
    src.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    assert main(["--db", str(db), "case", "import", str(src)]) == 0
    assert "ケース番号 1 として取り込みました: 見本 太郎" in capsys.readouterr().out
    with open_store(db) as store:
        assert [s.head_name for s in store.search("ミホン")] == ["見本 太郎"]
    assert main(["--db", str(db), "case", "export", "1", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == case_to_json(case_from_json(src.read_text(encoding="utf-8"))) + "\n"
    with open_store(db) as store:
        assert (store.audit_log()[0].action, store.audit_log()[0].detail) == ("export", str(out))


@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.stem)
def test_shared_examples_round_trip_through_import_and_export(tmp_path, example):
    """Ensure each shared worked example's case survives import and export unchanged."""
    case_text = json.dumps(json.loads(example.read_text(encoding="utf-8"))["case"], ensure_ascii=False)
    src, out, db = tmp_path / "in.json", tmp_path / "out.json", tmp_path / "c.db"
    src.write_text(case_text, encoding="utf-8")
    assert main(["--db", str(db), "case", "import", str(src)]) == 0
    assert main(["--db", str(db), "case", "export", "1", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(case_to_json(case_from_json(case_text)))


def test_export_of_an_unknown_id_exits_2(tmp_path, capsys):
    """Ensure exporting an id that does not exist says so in Japanese, exits 2 and writes no file."""
    assert main(["--db", str(tmp_path / "c.db"), "case", "export", "7", str(tmp_path / "x.json")]) == 2
    assert "ケース番号 7 は見つかりません" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_export_to_an_unwritable_place_exits_2(tmp_path, capsys):
    """Ensure a target that cannot be written (a folder) gives a Japanese message and exit 2."""
    src, db = tmp_path / "in.json", tmp_path / "c.db"
    src.write_text(json.dumps(GOOD), encoding="utf-8")
    main(["--db", str(db), "case", "import", str(src)])
    assert main(["--db", str(db), "case", "export", "1", str(tmp_path)]) == 2
    assert "ファイルに書き出せません" in capsys.readouterr().err


def test_a_db_that_is_not_a_database_exits_2(tmp_path, capsys):
    """Ensure --db pointing at a non-database file is refused in Japanese and the file is untouched."""
    bad = tmp_path / "notes.txt"
    bad.write_text("メモ", encoding="utf-8")
    src = tmp_path / "in.json"
    src.write_text(json.dumps(GOOD), encoding="utf-8")
    assert main(["--db", str(bad), "case", "import", str(src)]) == 2
    assert "データベースとして読めない" in capsys.readouterr().err
    assert bad.read_text(encoding="utf-8") == "メモ"


def test_import_is_recorded_in_the_audit_log(tmp_path):
    """Ensure `case import` leaves an "import" audit entry naming the new case."""
    src, db = tmp_path / "case.json", tmp_path / "cases.db"
    src.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    assert main(["--db", str(db), "case", "import", str(src)]) == 0
    with open_store(db) as store:
        entries = [e for e in store.audit_log() if e.action == "import"]
    assert len(entries) == 1 and entries[0].case_id == 1 and entries[0].detail == str(src)
