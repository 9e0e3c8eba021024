"""Migrations: from an empty file and from every earlier version to the current one."""

import json
import sqlite3

import pytest

from kokuho_desk.model.casefile import case_to_json
from kokuho_desk.store import StoreError, list_backups, open_store
from kokuho_desk.store.db import connect
from kokuho_desk.store.migrations import migrate, migration_names, migrations, schema_version
from kokuho_desk.store.repository import case_columns
from kokuho_desk.store.search import case_name_key, case_search_text
from tests.store.conftest import make_case

NAMES = migration_names()


def _tables(db):
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}


def test_migrations_are_numbered_in_order_and_documented():
    """Ensure migration names are 0001_, 0002_ … in order and each function says what it changes."""
    assert [n[:4] for n in NAMES] == [f"{i:04d}" for i in range(1, len(NAMES) + 1)]
    assert all(m.fn.__doc__ for m in migrations.pending(connect(":memory:")))


def test_from_empty_file(tmp_path):
    """Ensure an empty file migrates to the current version with every table and the version number set."""
    with open_store(tmp_path / "new.db") as store:
        db = store._db
        assert schema_version(db) == len(NAMES)
        assert [m.name for m in migrations.applied(db)] == NAMES
        assert {
            "cases",
            "case_files",
            "case_search",
            "cases_fts",
            "deadlines",
            "audit",
            "audit_no_update",
            "judgements",
            "case_search_insert",
        } <= _tables(db)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert not list(tmp_path.rglob("*.bak"))


def insert_as_of_version(db, version, case):
    """Save a case the way the program at that schema version did."""
    row = {k: v for k, v in case_columns(case).items() if k != "name_key"}
    row |= {"created_at": "2025-06-01T10:00:00+09:00", "updated_at": "2025-06-01T10:00:00+09:00"}
    case_id = db.execute(
        f"INSERT INTO cases ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    ).lastrowid
    db.execute("INSERT INTO case_files (case_id, data) VALUES (?, ?)", [case_id, case_to_json(case)])
    if version >= 2:
        db.execute("UPDATE cases SET name_key = ? WHERE id = ?", [case_name_key(case), case_id])
        db.execute("INSERT INTO case_search (case_id, text) VALUES (?, ?)", [case_id, case_search_text(case)])


@pytest.mark.parametrize("version", range(1, len(NAMES)))
def test_from_each_earlier_version(tmp_path, version):
    """Ensure a database at an earlier version with a saved case migrates, keeps and indexes the case."""
    path = tmp_path / "old.db"
    db = connect(path)
    migrate(db, path, stop_before=NAMES[version])
    assert schema_version(db) == version
    case = make_case("架空 次郎", "カクウ ジロウ", address="山口県山口市見本町2-2")
    insert_as_of_version(db, version, case)
    db.conn.commit()
    db.close()

    with open_store(path) as store:
        assert schema_version(store._db) == len(NAMES)
        assert [s.head_name for s in store.search("山口市")] == ["架空 次郎"]
        assert [s.head_name for s in store.search("カクウ")] == ["架空 次郎"]
        assert [s.head_name for s in store.search("架空")] == ["架空 次郎"]
        case_id = store.case_summaries()[0].id
        assert json.loads(case_to_json(store.get(case_id))) == json.loads(case_to_json(case))
        store.close_case(case_id, "解決")
        assert store.audit_log(case_id)[0].action == "close"
    (backup,) = list_backups(path)
    assert backup.reason == f"before-v{version + 1}"
    with sqlite3.connect(backup.path) as copy:
        assert copy.execute("SELECT head_name FROM cases").fetchall() == [("架空 次郎",)]
        assert copy.execute("PRAGMA user_version").fetchone()[0] == version


def test_reopening_a_current_database_changes_nothing(tmp_path):
    """Ensure opening an up-to-date database applies nothing and makes no backup."""
    open_store(tmp_path / "a.db").close()
    with open_store(tmp_path / "a.db") as store:
        assert len(migrations.applied(store._db)) == len(NAMES)
    assert not list(tmp_path.rglob("*.bak"))


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    """Ensure a file migrated by a newer program is refused in Japanese and not touched."""
    path = tmp_path / "future.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(NAMES) + 1}")
    with pytest.raises(StoreError, match="新しい版"):
        open_store(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(NAMES) + 1
