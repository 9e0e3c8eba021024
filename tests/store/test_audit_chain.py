"""The audit log: append-only, hash-chained, ids never reused; the check names the entry where the chain breaks."""

import pytest
from sqlcipher3 import dbapi2

from kokuho_desk.store import open_store
from kokuho_desk.store.audit_chain import GENESIS, entry_hash
from tests.store.conftest import make_case


@pytest.fixture
def audited(tmp_path):
    path = tmp_path / "cases.db"
    with open_store(path, user="相談員A") as store:
        case_id = store.create(make_case())
        store.record_view(case_id)
        store.audit("letter", case_id, "copayment-relief")
    return path


def _rows(path):
    conn = dbapi2.connect(str(path))
    rows = conn.execute(
        "SELECT id, at, user, action, case_id, detail, prev_hash, hash FROM audit ORDER BY id"
    ).fetchall()
    conn.close()
    return rows


def test_each_entry_holds_the_hash_of_the_one_before(audited):
    """Ensure entry 1's prev_hash is 64 zeros, each later prev_hash is the previous entry's hash, and each hash is
    SHA-256 of the entry's own fields and prev_hash; the whole chain verifies."""
    rows = _rows(audited)
    assert [r[3] for r in rows] == ["create", "view", "letter"]
    assert rows[0][6] == GENESIS
    for before, row in zip(rows, rows[1:]):
        assert row[6] == before[7]
    assert all(r[7] == entry_hash(*r[1:6], r[6]) for r in rows)
    with open_store(audited) as store:
        assert store.verify_audit_chain() is None


def test_insert_or_replace_cannot_rewrite_an_entry_and_ids_are_never_reused(audited):
    """Ensure `INSERT OR REPLACE` over an existing id is refused by a trigger (the entry unchanged), UPDATE and
    DELETE too; and the table's ids are AUTOINCREMENT (never reused)."""
    conn = dbapi2.connect(str(audited), isolation_level=None)
    with pytest.raises(dbapi2.DatabaseError, match="書き換えできません"):
        conn.execute("INSERT OR REPLACE INTO audit (id, at, action, prev_hash, hash) VALUES (1, 'x', 'forged', '', '')")
    with pytest.raises(dbapi2.DatabaseError, match="変更できません"):
        conn.execute("UPDATE audit SET detail = 'x' WHERE id = 2")
    with pytest.raises(dbapi2.DatabaseError, match="削除できません"):
        conn.execute("DELETE FROM audit WHERE id = 3")
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit'").fetchone()[0]
    conn.close()
    assert "AUTOINCREMENT" in sql
    assert _rows(audited)[0][3] == "create"


def test_the_check_says_where_the_chain_breaks(audited):
    """Ensure an entry altered by a tool that bypasses the triggers is found: the check names entry 2."""
    conn = dbapi2.connect(str(audited), isolation_level=None)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET detail = '改ざん' WHERE id = 2")
    conn.close()
    with open_store(audited) as store:
        broken = store.verify_audit_chain()
    assert broken is not None and broken.entry_id == 2 and "番号 2" in str(broken)


def test_a_malformed_row_is_shown_not_fatal(audited):
    """Ensure a row with an unreadable time and a text case number is listed with what is wrong, no exception."""
    conn = dbapi2.connect(str(audited), isolation_level=None)
    conn.execute("INSERT INTO audit (at, action, case_id, prev_hash, hash) VALUES ('昨日', 'view', 'abc', '', '')")
    conn.close()
    with open_store(audited) as store:
        entry = store.audit_log()[0]
        assert entry.at is None and "日時が読めません" in entry.problem
        assert store.verify_audit_chain().entry_id == entry.id


def test_migration_0007_chains_the_entries_already_there(tmp_path):
    """Ensure a database at the schema before 0007 with 3 audit entries and a case migrates: the entries keep
    their ids and content, the chain verifies, later entries continue it, and the case is at version 1."""
    from kokuho_desk.store.db import connect
    from kokuho_desk.store.migrations import migrate, migration_names
    from tests.store.test_migrations import insert_as_of_version

    path = tmp_path / "old.db"
    db = connect(path)
    migrate(db, path, stop_before="0007_integrity")
    with db.conn:
        insert_as_of_version(db, 5, make_case())
        for n, action in enumerate(["create", "view", "letter"], start=1):
            db.execute(
                "INSERT INTO audit (at, user, action, case_id, detail) VALUES (?, '相談員A', ?, 1, NULL)",
                [f"2025-06-0{n}T10:00:00+09:00", action],
            )
    db.close()
    with open_store(path) as store:
        assert store.verify_audit_chain() is None
        assert [(e.id, e.action) for e in reversed(store.audit_log())][:3] == [
            (1, "create"),
            (2, "view"),
            (3, "letter"),
        ]
        assert store.version(1) == 1
        store.record_view(1)
        assert store.verify_audit_chain() is None and store.audit_log()[0].id == 4
    assert "0007_integrity" in migration_names()
