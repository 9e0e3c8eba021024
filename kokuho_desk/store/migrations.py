"""The database schema as numbered migrations (sqlite-utils Migrations).

Each function is one numbered change and is never edited once released: a change
to the schema is a new function at the end. ``migrate`` applies what is pending,
each migration in its own transaction, after copying the file aside when an
existing database is about to change (a backup in the backups folder, see
backups.py), and sets ``PRAGMA user_version`` to the
number of applied migrations so that any SQLite tool shows the schema version.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import sqlite_utils

from kokuho_desk.model.casefile import case_from_json
from kokuho_desk.store import audit_chain, backups, search
from kokuho_desk.store.db import StoreError

migrations = sqlite_utils.Migrations("kokuho_desk")


@migrations(name="0001_cases")
def m0001_cases(db: sqlite_utils.Database) -> None:
    """Cases: short columns for listing and filtering; the case-file JSON in case_files.

    The JSON lives in its own table so that a scan of cases reads narrow rows.
    """
    db.execute("""
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            head_name TEXT,
            head_kana TEXT,
            address TEXT,
            municipality TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            outcome TEXT,
            members_count INTEGER NOT NULL,
            next_due_date TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        )""")
    db.execute("""
        CREATE TABLE case_files (
            case_id INTEGER PRIMARY KEY REFERENCES cases (id),
            data TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX cases_status_updated ON cases (status, updated_at)")
    db.execute("CREATE INDEX cases_updated ON cases (updated_at)")
    db.execute("CREATE INDEX cases_municipality ON cases (municipality)")
    db.execute("CREATE INDEX cases_next_due ON cases (next_due_date)")
    db.execute("CREATE INDEX cases_kana ON cases (head_kana)")


@migrations(name="0002_search")
def m0002_search(db: sqlite_utils.Database) -> None:
    """Japanese substring search (see search.py), filled for the cases already there.

    cases.name_key: names, kana and address, for short terms (LIKE over narrow rows);
    case_search.text: all searchable text, indexed by FTS5 trigram (cases_fts), kept by triggers.
    """
    db.execute("ALTER TABLE cases ADD COLUMN name_key TEXT NOT NULL DEFAULT ''")
    db.execute("""
        CREATE TABLE case_search (
            case_id INTEGER PRIMARY KEY REFERENCES cases (id),
            text TEXT NOT NULL
        )""")
    db.execute("""
        CREATE VIRTUAL TABLE cases_fts USING fts5(
            text, content='case_search', content_rowid='case_id', tokenize='trigram')""")
    db.execute("""
        CREATE TRIGGER case_search_insert AFTER INSERT ON case_search BEGIN
            INSERT INTO cases_fts (rowid, text) VALUES (new.case_id, new.text);
        END""")
    db.execute("""
        CREATE TRIGGER case_search_delete AFTER DELETE ON case_search BEGIN
            INSERT INTO cases_fts (cases_fts, rowid, text) VALUES ('delete', old.case_id, old.text);
        END""")
    db.execute("""
        CREATE TRIGGER case_search_update AFTER UPDATE ON case_search BEGIN
            INSERT INTO cases_fts (cases_fts, rowid, text) VALUES ('delete', old.case_id, old.text);
            INSERT INTO cases_fts (rowid, text) VALUES (new.case_id, new.text);
        END""")
    for case_id, data in db.execute("SELECT case_id, data FROM case_files").fetchall():
        case = case_from_json(data)
        db.execute("UPDATE cases SET name_key = ? WHERE id = ?", [search.case_name_key(case), case_id])
        db.execute("INSERT INTO case_search (case_id, text) VALUES (?, ?)", [case_id, search.case_search_text(case)])


@migrations(name="0003_deadlines")
def m0003_deadlines(db: sqlite_utils.Database) -> None:
    """Deadlines: dated next steps of a case, from its log and from the checks."""
    db.execute("""
        CREATE TABLE deadlines (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases (id),
            due_date TEXT NOT NULL,
            action TEXT NOT NULL,
            source TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("CREATE INDEX deadlines_due ON deadlines (due_date)")
    db.execute("CREATE INDEX deadlines_case ON deadlines (case_id, source)")


@migrations(name="0004_audit")
def m0004_audit(db: sqlite_utils.Database) -> None:
    """Audit: who did what to which case, when. Append-only: triggers refuse UPDATE and DELETE.

    case_id has no foreign key on purpose: the trail must outlive the case it names.
    """
    db.execute("""
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT,
            action TEXT NOT NULL,
            case_id INTEGER,
            detail TEXT
        )""")
    db.execute("CREATE INDEX audit_case ON audit (case_id)")
    db.execute("""
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
            SELECT RAISE(ABORT, '操作記録（audit）は変更できません');
        END""")
    db.execute("""
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
            SELECT RAISE(ABORT, '操作記録（audit）は削除できません');
        END""")


@migrations(name="0005_judgements")
def m0005_judgements(db: sqlite_utils.Database) -> None:
    """The last judgement of each case in short (reduction class, verdict per check), with the day
    it was judged on and the version of the law data; removed when the case changes."""
    db.execute("""
        CREATE TABLE judgements (
            case_id INTEGER PRIMARY KEY REFERENCES cases (id),
            as_of TEXT NOT NULL,
            rules TEXT NOT NULL,
            reduction TEXT,
            verdicts TEXT NOT NULL,
            judged_at TEXT NOT NULL
        )""")


@migrations(name="0006_desk_rates")
def m0006_desk_rates(db: sqlite_utils.Database) -> None:
    """Rate tables a desk entered itself (from a 納入通知書 or the city's page) for a municipality and
    fiscal year the bundled profiles lack; one row each (rules/desk_rates.py, docs/desk-rates.md).

    rates: the profile year as JSON (method, rounding, parts), as in resources/municipalities/*.toml.
    """
    db.execute("""
        CREATE TABLE desk_rates (
            municipality TEXT NOT NULL,
            fiscal_year INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('料', '税')),
            rates TEXT NOT NULL,
            source TEXT NOT NULL,
            entered_by TEXT,
            entered_at TEXT NOT NULL,
            PRIMARY KEY (municipality, fiscal_year)
        )""")


@migrations(name="0007_integrity")
def m0007_integrity(db: sqlite_utils.Database) -> None:
    """Integrity: cases.version for optimistic locking (a save of a case changed elsewhere since it was
    opened is refused); the audit log rebuilt with ids never reused (AUTOINCREMENT), a hash chain
    (prev_hash, hash; see audit_chain.py) over the entries already there, and triggers that refuse
    UPDATE, DELETE and an INSERT over an existing id (INSERT OR REPLACE deletes without firing DELETE
    triggers)."""
    db.execute("ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    db.execute("""
        CREATE TABLE audit_chained (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            user TEXT,
            action TEXT NOT NULL,
            case_id INTEGER,
            detail TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )""")
    previous = audit_chain.GENESIS
    for row in db.execute("SELECT id, at, user, action, case_id, detail FROM audit ORDER BY id").fetchall():
        _, at, user, action, case_id, detail = row
        own = audit_chain.entry_hash(at, user, action, case_id, detail, previous)
        db.execute("INSERT INTO audit_chained VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [*row, previous, own])
        previous = own
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("DROP TRIGGER audit_no_delete")
    db.execute("DROP TABLE audit")
    db.execute("ALTER TABLE audit_chained RENAME TO audit")
    db.execute("CREATE INDEX audit_case ON audit (case_id)")
    db.execute("""
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
            SELECT RAISE(ABORT, '操作記録（audit）は変更できません');
        END""")
    db.execute("""
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
            SELECT RAISE(ABORT, '操作記録（audit）は削除できません');
        END""")
    db.execute("""
        CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
        WHEN EXISTS (SELECT 1 FROM audit WHERE id = new.id) BEGIN
            SELECT RAISE(ABORT, '操作記録（audit）は書き換えできません');
        END""")


@migrations(name="0008_stats_exports")
def m0008_stats_exports(db: sqlite_utils.Database) -> None:
    """Statistics: the desk's identity (id and name set by the user, a random key made here),
    every period already exported with its version and the cells it published, and beside each
    kept judgement the amounts statistics put in bands (figures) and what the case counts for
    (stats: quarter, area, table cells), both removed with the judgement when the case changes.
    Needs only 0001–0005."""
    db.execute("""
        CREATE TABLE stats_desk (
            one INTEGER PRIMARY KEY CHECK (one = 1),
            desk_id TEXT,
            desk_name TEXT,
            desk_key TEXT NOT NULL
        )""")
    db.execute("INSERT INTO stats_desk (one, desk_key) VALUES (1, ?)", [secrets.token_hex(16)])
    db.execute("""
        CREATE TABLE stats_exports (
            id INTEGER PRIMARY KEY,
            period TEXT NOT NULL,
            version INTEGER NOT NULL,
            export_id TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            cells TEXT NOT NULL,
            UNIQUE (period, version)
        )""")
    db.execute("ALTER TABLE judgements ADD COLUMN figures TEXT")
    db.execute("ALTER TABLE judgements ADD COLUMN stats TEXT")


def migration_names() -> list[str]:
    """Every migration this version of the program knows, in order."""
    return [m.name for m in migrations.pending(sqlite_utils.Database(memory=True))]


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database, path: Path | None = None, *, stop_before: str | None = None) -> None:
    """Apply pending migrations; ``path`` is the file to copy aside before changing a used database."""
    known = migration_names()
    if schema_version(db) > len(known) or any(m.name not in known for m in migrations.applied(db)):
        raise StoreError(
            "このデータベースは新しい版の国保デスクで作られています。国保デスクを新しい版に更新してから開いてください。"
        )
    pending = migrations.pending(db)
    if not pending:
        return
    applied = len(migrations.applied(db))
    if applied and path is not None:
        backups.write_backup(db, path, f"before-v{applied + 1}")
    migrations.apply(db, stop_before=stop_before)
    with db.ensure_autocommit_on():
        db.execute(f"PRAGMA user_version = {len(migrations.applied(db))}")
