"""Outputs never overwrite the database, never follow a link, never silently replace statistics, and are private."""

import os

import pytest

from kokuho_desk.cli import main
from kokuho_desk.model.casefile import load_case, save_case
from kokuho_desk.store import open_store
from tests.store.conftest import make_case


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "case-in.json"
    save_case(make_case(), path)
    return path


def _db_with_a_case(tmp_path):
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        case_id = store.create(make_case())
    return db, case_id


def test_letter_refuses_to_write_over_the_database(tmp_path, case_file, capsys):
    """Ensure `letter … -o <the database>` exits 2 with a Japanese message and the database is byte for byte intact."""
    db, case_id = _db_with_a_case(tmp_path)
    before = db.read_bytes()
    assert main(["--db", str(db), "letter", "copayment-relief", str(case_file), "-o", str(db)]) == 2
    assert "データベースのファイルには書き出せません" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_case_export_refuses_to_write_over_the_database(tmp_path, case_file, capsys):
    """Ensure `case export ID <the database>` exits 2 in Japanese, the database intact and still opening."""
    db, case_id = _db_with_a_case(tmp_path)
    before = db.read_bytes()
    assert main(["--db", str(db), "case", "export", str(case_id), str(db)]) == 2
    assert "データベースのファイルには書き出せません" in capsys.readouterr().err
    assert db.read_bytes() == before
    with open_store(db) as store:
        assert store.count() == 1


def test_outputs_do_not_follow_a_symbolic_link(tmp_path, case_file, capsys):
    """Ensure a letter and a case export to a name that is a link (to a file elsewhere) are refused and the
    link's target is unchanged."""
    db, case_id = _db_with_a_case(tmp_path)
    target = tmp_path / "elsewhere.txt"
    target.write_text("大事なファイル", encoding="utf-8")
    link = tmp_path / "out.pdf"
    link.symlink_to(target)
    assert main(["--db", str(db), "letter", "copayment-relief", str(case_file), "-o", str(link)]) == 2
    assert main(["--db", str(db), "case", "export", str(case_id), str(link)]) == 2
    assert capsys.readouterr().err.count("リンク（シンボリックリンク）には書き出しません") == 2
    assert target.read_text(encoding="utf-8") == "大事なファイル"


def test_stats_export_does_not_replace_an_existing_file_or_write_over_the_database(tmp_path, case_file, capsys):
    """Ensure `stats export --out` onto last quarter's file, or onto the database itself, exits 2 and
    leaves the file as it was."""
    db, _ = _db_with_a_case(tmp_path)
    assert main(["--db", str(db), "stats", "desk", "--id", "desk-1", "--name", "見本の窓口"]) == 0
    out = tmp_path / "統計.zip"
    out.write_text("先期の統計", encoding="utf-8")
    assert main(["--db", str(db), "stats", "export", "--out", str(out)]) == 2
    assert "もうあります" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "先期の統計"
    before = db.read_bytes()
    assert main(["--db", str(db), "stats", "export", "--out", str(db)]) == 2
    assert "データベースのファイルには書き出せません" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_letters_and_case_exports_are_private_files(tmp_path, case_file):
    """Ensure a letter PDF and an exported case file are created with mode 0600 (POSIX) when the user's umask
    is 022 (the letter by its own open mode, the export by the umask 077 the program sets at start)."""
    db, case_id = _db_with_a_case(tmp_path)
    old = os.umask(0o022)
    try:
        letter, exported = tmp_path / "申請書.pdf", tmp_path / "case.json"
        assert main(["--db", str(db), "letter", "copayment-relief", str(case_file), "-o", str(letter)]) == 0
        assert main(["--db", str(db), "case", "export", str(case_id), str(exported)]) == 0
    finally:
        os.umask(old)
    assert oct(letter.stat().st_mode & 0o777) == "0o600"
    assert oct(exported.stat().st_mode & 0o777) == "0o600"
    assert load_case(exported).head.name == "山田 太郎"
