"""`kokuho-desk stats desk|export|merge` end to end, on a real store and the real rules engine."""

import zipfile
from datetime import date

import pytest

from kokuho_desk.cli import main
from kokuho_desk.store import open_store
from tests.stats.builders import MARKER, make_case


@pytest.fixture
def db(tmp_path):
    """A real store of 12 cases first seen in April–May 2026 (a quarter that has ended)."""
    path = tmp_path / "cases.db"
    with open_store(path) as store:
        for i in range(12):
            store.create(make_case(i, as_of=date(2026, 6, 1), first_log=date(2026, 4 + i % 2, 1)))
    return str(path)


def test_export_needs_the_desk_identity(db, tmp_path, capsys):
    """Ensure export without a desk id and name is refused with a Japanese message, and works once set."""
    out = tmp_path / "stats.zip"
    assert main(["--db", db, "stats", "export", "--out", str(out)]) == 2
    assert "相談窓口のIDと名前" in capsys.readouterr().err
    assert main(["--db", db, "stats", "desk", "--id", "kita", "--name", "北相談会"]) == 0
    assert main(["--db", db, "stats", "export", "--out", str(out)]) == 0
    assert "書き出しました" in capsys.readouterr().out
    with zipfile.ZipFile(out) as z:
        assert MARKER not in "".join(z.read(n).decode("utf-8-sig") for n in z.namelist())
    with open_store(db) as store:
        assert store.audit_log()[0].action == "stats_export"
        assert "2026Q1" in store.stats_exports()


def test_second_export_and_small_k_are_refused(db, tmp_path, capsys):
    """Ensure k=3 is refused, and a second export with no new closed quarter says so."""
    assert main(["--db", db, "stats", "desk", "--id", "kita", "--name", "北相談会"]) == 0
    assert main(["--db", db, "stats", "export", "--out", str(tmp_path / "a.zip"), "--k", "3"]) == 2
    assert "5 以上" in capsys.readouterr().err
    assert main(["--db", db, "stats", "export", "--out", str(tmp_path / "a.zip")]) == 0
    assert main(["--db", db, "stats", "export", "--out", str(tmp_path / "b.zip")]) == 2
    assert "書き出し済み" in capsys.readouterr().err


def test_merge_writes_one_zip(db, tmp_path, capsys):
    """Ensure two desks' files merge into one zip with both desks named."""
    other = tmp_path / "other.db"
    with open_store(other) as store:
        for i in range(100, 110):
            store.create(make_case(i, as_of=date(2026, 6, 1), first_log=date(2026, 5, 1)))
    assert main(["--db", db, "stats", "desk", "--id", "kita", "--name", "北相談会"]) == 0
    assert main(["--db", str(other), "stats", "desk", "--id", "minami", "--name", "南相談会"]) == 0
    assert main(["--db", db, "stats", "export", "--out", str(tmp_path / "a.zip")]) == 0
    assert main(["--db", str(other), "stats", "export", "--out", str(tmp_path / "b.zip")]) == 0
    assert (
        main(["stats", "merge", str(tmp_path / "a.zip"), str(tmp_path / "b.zip"), "--out", str(tmp_path / "m.zip")])
        == 0
    )
    assert "北相談会、南相談会" in capsys.readouterr().out
    assert main(["stats", "merge", str(tmp_path / "a.zip"), "--out", str(tmp_path / "m.zip")]) == 2
    assert "もうあります" in capsys.readouterr().err


def test_reissue_of_a_quarter_not_exported_is_refused(db, tmp_path, capsys):
    """Ensure --reissue of a quarter never exported, or malformed, is refused in Japanese."""
    assert main(["--db", db, "stats", "desk", "--id", "kita", "--name", "北相談会"]) == 0
    assert main(["--db", db, "stats", "export", "--out", str(tmp_path / "a.zip"), "--reissue", "2025Q1"]) == 2
    assert "まだ書き出していない" in capsys.readouterr().err
    assert main(["--db", db, "stats", "export", "--out", str(tmp_path / "a.zip"), "--reissue", "R8-1"]) == 2
    assert "2026Q1" in capsys.readouterr().err


def test_rescreen_keeps_what_the_cases_count_for(tmp_path, capsys):
    """Ensure `rescreen` judges the open cases never judged and keeps, beside each judgement, what the
    case counts for in the statistics (so the next export reads it instead of the case)."""
    path = tmp_path / "open.db"
    with open_store(path) as store:
        ids = [store.create(make_case(i, as_of=date(2026, 6, 1), status="open", outcome=None)) for i in range(3)]
    assert main(["--db", str(path), "rescreen"]) == 0
    with open_store(path) as store:
        kept = dict(store._db.execute("SELECT case_id, stats FROM judgements").fetchall())
    assert sorted(kept) == ids
    assert all(text and '["insurance","certificate"]' in text for text in kept.values())
