"""The case repository: save, read, list, search, close, delete — one transaction per save.

Thread rules: a Store and its connection belong to the thread that opened it (sqlite3
refuses use from another thread). A worker thread opens its own Store on the same
path; WAL lets readers run while one writer saves, and a writer waits up to the busy
timeout for another.

Each case is stored as its canonical case-file JSON (``case_to_dict``, compact) in
case_files, validated before it is written, so whatever is saved can always be read
back. The short columns of ``cases`` (head_name, status, next_due_date …) serve
listing and filtering; ``case_search.text`` and ``cases.name_key`` serve search
(see search.py).

Writes take the write lock at their start (``BEGIN IMMEDIATE``), so a writer waits up to
the busy timeout for another instead of failing at once on a stale read. A case has a
version (cases.version, +1 per save): ``update(..., expected_version=v)`` refuses with
CaseChanged when the case was saved elsewhere since it was read at version v. The
consultation log is append-only: a save that lacks an entry already stored keeps it
(so a window save never drops an entry a CLI ``letter`` added meanwhile). The audit
log is hash-chained (audit_chain.py).
"""

from __future__ import annotations

import getpass
import hmac
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from kokuho_desk.heap import collection_paused
from kokuho_desk.model.case import CASE_STATUSES, Case, LogEntry
from kokuho_desk.model.casefile import case_from_dict, case_from_validated_dict, case_to_dict
from kokuho_desk.model.desk_rate import DeskRate
from kokuho_desk.model.judgement import StoredJudgement, VerdictSummary
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.store import audit_chain, backups, encryption, search
from kokuho_desk.store.db import (
    Error,
    OperationalError,
    PassphraseError,
    StoreError,
    connect,
    default_db_path,
    disk_message,
    encrypt_file,
)
from kokuho_desk.store.migrations import migrate

LOG_SOURCE = "log"  # deadlines taken from the case's own log; rebuilt on every save
ITER_BATCH = 200
_ORDER_BY = {
    "updated": "c.updated_at DESC, c.id DESC",
    # 氏名 in 五十音 order: by the reading (ふりがな) where one is recorded, then by the name
    "name": "c.head_kana IS NULL, c.head_kana, c.head_name IS NULL, c.head_name, c.id",
    "kana": "c.head_kana IS NULL, c.head_kana, c.id",
    "next_due": "c.next_due_date IS NULL, c.next_due_date, c.id",
    "municipality": "c.municipality IS NULL, c.municipality, c.id",
    "status": "c.status, c.id",
    "id": "c.id",
}
_SUMMARY_COLUMNS = (
    "c.id, c.head_name, c.head_kana, c.address, c.municipality, c.status, c.outcome, "
    "c.members_count, c.next_due_date, c.updated_at, c.created_at"
)


class CaseChanged(StoreError):
    """The case was saved elsewhere (another window, a command) since it was opened; nothing was saved."""

    def __init__(self, case_id: int):
        self.case_id = case_id
        super().__init__(
            f"ケース番号 {case_id} は、開いた後に別の画面またはコマンドで変更されています。"
            "このままでは保存していません。読み込み直すか、今の画面の内容で上書きしてください。"
        )


class CaseNotFound(LookupError):
    """No such case (or it was deleted); str(e) is the Japanese message."""

    def __init__(self, case_id: int):
        self.case_id = case_id
        super().__init__(f"ケース番号 {case_id} は見つかりません（削除されたか、まだ登録されていません）")

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class CaseSummary:
    """A case as the case list shows it."""

    id: int
    head_name: str | None
    head_kana: str | None
    address: str | None
    municipality: str | None
    status: str
    outcome: str | None
    members_count: int
    next_due_date: date | None
    updated_at: datetime
    created_at: datetime


@dataclass(frozen=True)
class Deadline:
    """A dated next step of a case, for the list of deadlines."""

    case_id: int
    head_name: str | None
    due_date: date
    action: str
    source: str


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the audit log (who did what, when, to which case)."""

    id: int
    at: datetime | None  # None when the stored time is not readable (the raw text is in problem)
    user: str | None
    action: str
    case_id: int | None
    detail: str | None
    problem: str | None = None  # a malformed row: what is wrong with it, in Japanese


def _audit_entry(row: tuple) -> AuditEntry:
    """An entry from a row of the audit table; a malformed row becomes an entry that says so."""
    entry_id, at, user, action, case_id, detail = row
    try:
        when = datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        when = None
    problems = [] if when is not None else [f"日時が読めません: {at!r}"]
    if not isinstance(case_id, int | None):
        problems.append(f"ケース番号が読めません: {case_id!r}")
        case_id = None
    text = lambda v: v if isinstance(v, str | None) else repr(v)  # noqa: E731
    return AuditEntry(
        entry_id, when, text(user), text(action) or "", case_id, text(detail), "、".join(problems) or None
    )


def merged_log(stored: list[LogEntry], new: list[LogEntry]) -> list[LogEntry]:
    """The log to save: ``new`` plus every stored entry it lacks (same date, kind and note), by date.

    Follow-up fields (next action, due date, done) of an entry may change; an entry never goes."""
    ident = lambda e: (e.entry_date, e.kind, e.note)  # noqa: E731
    present = {ident(e) for e in new}
    missing = [e for e in stored if ident(e) not in present]
    return sorted([*new, *missing], key=lambda e: e.entry_date) if missing else new


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="microseconds")


def _os_user() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return None


def case_data(case: Case) -> str:
    """The stored form of a case: its canonical case-file dict as compact JSON."""
    return json.dumps(case_to_dict(case), ensure_ascii=False, separators=(",", ":"))


def canonical(case: Case) -> tuple[Case, str]:
    """The case as it will be read back, and its stored JSON; raises CaseFileError if it is not valid."""
    stored = case_from_dict(case_to_dict(case))
    return stored, case_data(stored)


def case_columns(case: Case) -> dict[str, Any]:
    """The denormalised columns of a (valid) case, next to its JSON."""
    head = case.head
    return {
        "head_name": head.name,
        "head_kana": head.kana,
        "address": case.contact.address if case.contact else None,
        "municipality": case.municipality,
        "status": case.status,
        "outcome": case.outcome,
        "members_count": len(case.members),
        "name_key": search.case_name_key(case),
    }


def log_deadlines(case: Case) -> list[tuple[str, str, int]]:
    """(due_date, action, done) for every dated entry of the case's log."""
    return [
        (e.due_date.isoformat(), e.next_action or e.note or "期限", int(e.done))
        for e in case.log
        if e.due_date is not None
    ]


def _summary(row: tuple) -> CaseSummary:
    return CaseSummary(
        id=row[0],
        head_name=row[1],
        head_kana=row[2],
        address=row[3],
        municipality=row[4],
        status=row[5],
        outcome=row[6],
        members_count=row[7],
        next_due_date=date.fromisoformat(row[8]) if row[8] else None,
        updated_at=datetime.fromisoformat(row[9]),
        created_at=datetime.fromisoformat(row[10]),
    )


def _changed_fields(old: dict[str, Any], new: dict[str, Any]) -> str:
    keys = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    return "変更: " + "、".join(keys) if keys else "変更なし"


class Store:
    """The cases of one database file. Open with ``open_store``."""

    def __init__(self, db: sqlite_utils.Database, path: Path, user: str | None):
        self._db = db
        self.path = path
        self.user = user
        self._salt = encryption.file_header(path) if encryption.is_encrypted(path) else None

    @property
    def encrypted(self) -> bool:
        return self._salt is not None

    # --- passphrase and backups ----------------------------------------------------------

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` is the database's (for the lock screen); always False when not encrypted."""
        current = encryption.remembered(self.path)
        if self._salt is None or current is None:
            return False
        return hmac.compare_digest(passphrase.encode("utf-8"), current.encode("utf-8"))

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-encrypt the database with ``new``. Other open connections to the file must be closed first.

        Backups made before keep the passphrase they were made with.
        """
        if self._salt is None or not self.check_passphrase(old):  # never true without encryption
            raise PassphraseError("今のパスフレーズが違います。パスフレーズは変わっていません。")
        if not new:
            raise PassphraseError("新しいパスフレーズが空です。")
        self._db.execute(f"PRAGMA rekey = \"x'{encryption.derive_key(new, self._salt).hex()}'\"")
        encryption.remember(self.path, new)
        self.audit("passphrase", None, "パスフレーズを変更")

    def backup(self, reason: str = "manual", out: Path | None = None) -> Path:
        """Snapshot the database (encrypted like it) into the backups folder, or to ``out``; audited."""
        target = backups.write_backup(self._db, self.path, reason, out=out)
        self.audit("backup", None, str(target))
        return target

    def backup_if_due(self, now: datetime | None = None) -> Path | None:
        """The daily automatic backup, if the newest automatic one is more than a day old."""
        if not backups.daily_backup_due(self.path, now or datetime.now()):
            return None
        return self.backup("daily")

    # --- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def lock(self) -> None:
        """Close the connection and forget the passphrase and its keys (the idle lock); ``unlock`` re-opens.
        A plain (development) store has no key and stays open."""
        if self.encrypted:
            self._db.close()
            encryption.forget(self.path)

    def unlock(self, passphrase: str) -> bool:
        """Re-open after ``lock`` with the passphrase; False (still locked) if it is wrong or the store is plain."""
        if not self.encrypted:
            return False
        try:
            self._db = connect(self.path, passphrase)
        except PassphraseError:
            return False
        return True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction, holding the write lock from its start (BEGIN IMMEDIATE: waits up to the
        busy timeout for another writer); a database failure rolls everything back and becomes a StoreError."""
        conn = self._db.conn
        if conn.in_transaction:  # inside another write of this store: part of it
            yield
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.rollback()
                raise
        except OperationalError as e:
            raise StoreError(
                f"データベースに保存できませんでした。変更は保存されていません。\n{disk_message(e) or e}"
            ) from e

    # --- saving ------------------------------------------------------------------------

    def create(self, case: Case) -> int:
        stored, data = canonical(case)
        now = _now()
        row = case_columns(stored) | {"created_at": now, "updated_at": now}
        with self._transaction():
            names = ", ".join(row)
            cur = self._db.execute(
                f"INSERT INTO cases ({names}) VALUES ({', '.join('?' * len(row))})", list(row.values())
            )
            case_id = cur.lastrowid
            assert case_id is not None  # an INSERT always sets it
            self._db.execute("INSERT INTO case_files (case_id, data) VALUES (?, ?)", [case_id, data])
            self._db.execute(
                "INSERT INTO case_search (case_id, text) VALUES (?, ?)", [case_id, search.case_search_text(stored)]
            )
            self._save_log_deadlines(case_id, stored)
            self._write_audit("create", case_id, None)
        return case_id

    def update(self, case_id: int, case: Case, *, expected_version: int | None = None) -> int:
        """Save the case; with ``expected_version`` (the version it was read at) refuse with CaseChanged if it
        was saved elsewhere since. Returns the new version."""
        return self._replace(case_id, case, "update", expected_version=expected_version)

    def version(self, case_id: int) -> int:
        """The case's version: 1 when created, +1 per save."""
        row = self._db.execute("SELECT version FROM cases WHERE id = ? AND deleted_at IS NULL", [case_id]).fetchone()
        if row is None:
            raise CaseNotFound(case_id)
        return row[0]

    def _replace(
        self, case_id: int, case: Case, action: str, detail: str | None = None, *, expected_version: int | None = None
    ) -> int:
        with self._transaction():
            old = self._data(case_id)
            version = self.version(case_id)
            if expected_version is not None and version != expected_version:
                raise CaseChanged(case_id)
            kept = case_from_validated_dict(json.loads(old)).log
            stored, data = canonical(replace(case, log=merged_log(kept, case.log)))
            row = case_columns(stored) | {"updated_at": _now(), "version": version + 1}
            assignments = ", ".join(f"{k} = ?" for k in row)
            self._db.execute(f"UPDATE cases SET {assignments} WHERE id = ?", [*row.values(), case_id])
            self._db.execute("UPDATE case_files SET data = ? WHERE case_id = ?", [data, case_id])
            self._db.execute(
                "UPDATE case_search SET text = ? WHERE case_id = ?", [search.case_search_text(stored), case_id]
            )
            self._save_log_deadlines(case_id, stored)
            self._db.execute("DELETE FROM judgements WHERE case_id = ?", [case_id])  # judged another case
            if detail is None:
                detail = _changed_fields(json.loads(old), json.loads(data))
            self._write_audit(action, case_id, detail)
        return version + 1

    def _save_log_deadlines(self, case_id: int, case: Case) -> None:
        self._db.execute("DELETE FROM deadlines WHERE case_id = ? AND source = ?", [case_id, LOG_SOURCE])
        self._db.conn.executemany(
            "INSERT INTO deadlines (case_id, due_date, action, source, done) VALUES (?, ?, ?, ?, ?)",
            [(case_id, due, action, LOG_SOURCE, done) for due, action, done in log_deadlines(case)],
        )
        # A step the checks set that the log now records as 済み (ticked in 概要) is done there too.
        done = [e.next_action for e in case.log if e.done and e.next_action]
        self._db.conn.executemany(
            "UPDATE deadlines SET done = 1 WHERE case_id = ? AND source != ? AND action = ?",
            [(case_id, LOG_SOURCE, action) for action in done],
        )
        self._refresh_next_due(case_id)

    def _refresh_next_due(self, case_id: int) -> None:
        self._db.execute(
            "UPDATE cases SET next_due_date = (SELECT MIN(due_date) FROM deadlines "
            "WHERE case_id = ? AND done = 0) WHERE id = ?",
            [case_id, case_id],
        )

    def close_case(self, case_id: int, outcome: str | None = None) -> None:
        with self._transaction():  # read and write under one write lock
            case = self.get(case_id)
            self._replace(case_id, replace(case, status="closed", outcome=outcome), "close", outcome)

    def reopen(self, case_id: int) -> None:
        with self._transaction():
            case = self.get(case_id)
            detail = f"以前の結果: {case.outcome}" if case.outcome else None
            self._replace(case_id, replace(case, status="open", outcome=None), "reopen", detail)

    def delete(self, case_id: int) -> None:
        """Soft delete: the row stays (for the audit trail and recovery) but is hidden everywhere."""
        with self._transaction():
            self._data(case_id)
            self._db.execute("UPDATE cases SET deleted_at = ? WHERE id = ?", [_now(), case_id])
            self._write_audit("delete", case_id, None)

    # --- the trash (ごみ箱): deleted cases, restored or removed for good ----------------------

    def deleted_cases(self) -> list[tuple[CaseSummary, datetime]]:
        """Every deleted case that is still kept, with when it was deleted, most recently deleted first."""
        rows = self._db.execute(
            f"SELECT {_SUMMARY_COLUMNS}, c.deleted_at FROM cases c "
            "WHERE c.deleted_at IS NOT NULL ORDER BY c.deleted_at DESC, c.id DESC"
        ).fetchall()
        return [(_summary(r[:-1]), datetime.fromisoformat(r[-1])) for r in rows]

    def restore_deleted(self, case_id: int) -> None:
        """Bring a deleted case back (its file, deadlines and judgement were kept); audited."""
        with self._transaction():
            cur = self._db.execute(
                "UPDATE cases SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL", [case_id]
            )
            if cur.rowcount != 1:
                raise CaseNotFound(case_id)
            self._write_audit("undelete", case_id, None)

    def purge_deleted(self) -> int:
        """Remove every deleted case for good (its file, search text, deadlines and judgement);
        the audit trail keeps its entries and one 「完全に削除」 entry per case. Returns how many."""
        with self._transaction():
            ids = [
                r[0]
                for r in self._db.execute("SELECT id FROM cases WHERE deleted_at IS NOT NULL ORDER BY id").fetchall()
            ]
            for case_id in ids:
                for table in ("judgements", "deadlines", "case_search", "case_files"):
                    self._db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
                self._db.execute("DELETE FROM cases WHERE id = ?", [case_id])
                self._write_audit("purge", case_id, None)
        return len(ids)

    def add_log_entry(self, case_id: int, entry: LogEntry) -> None:
        """Append ``entry`` to the case's log (read and written under one write lock: nothing is lost)."""
        with self._transaction():
            case = self.get(case_id)
            self._replace(
                case_id, replace(case, log=[*case.log, entry]), "log", f"{entry.entry_date.isoformat()} {entry.kind}"
            )

    def set_next_actions(self, case_id: int, actions: list[NextAction], source: str) -> None:
        """Replace the case's deadlines from ``source`` (e.g. a check id); actions without a date are skipped."""
        if source == LOG_SOURCE:
            raise ValueError(f"source {LOG_SOURCE!r} is reserved for the case's log")
        with self._transaction():
            self._data(case_id)
            self._db.execute("DELETE FROM deadlines WHERE case_id = ? AND source = ?", [case_id, source])
            self._db.conn.executemany(
                "INSERT INTO deadlines (case_id, due_date, action, source) VALUES (?, ?, ?, ?)",
                [(case_id, a.due_date.isoformat(), a.action, source) for a in actions if a.due_date],
            )
            self._refresh_next_due(case_id)
            self._write_audit("next_actions", case_id, source)

    def audit(self, action: str, case_id: int | None = None, detail: str | None = None) -> None:
        """Record an action (a letter printed, statistics exported …) in the append-only audit table."""
        with self._transaction():
            self._write_audit(action, case_id, detail)

    def _write_audit(self, action: str, case_id: int | None, detail: str | None) -> None:
        """Append an entry chained to the last one (inside a write transaction: no other writer between)."""
        last = self._db.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        previous = last[0] if last else audit_chain.GENESIS
        at = _now()
        self._db.execute(
            "INSERT INTO audit (at, user, action, case_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                at,
                self.user,
                action,
                case_id,
                detail,
                previous,
                audit_chain.entry_hash(at, self.user, action, case_id, detail, previous),
            ],
        )

    def verify_audit_chain(self) -> audit_chain.ChainBreak | None:
        """Walk the whole audit log: None if every entry fits its chain, else the first that does not."""
        return audit_chain.verify(
            self._db.execute("SELECT id, at, user, action, case_id, detail, prev_hash, hash FROM audit ORDER BY id")
        )

    # --- desk-entered rate tables (rules/desk_rates.py) ---------------------------------

    def desk_rates(self) -> list[DeskRate]:
        """Every rate table this desk entered, by municipality and fiscal year."""
        rows = self._db.execute(
            "SELECT municipality, fiscal_year, kind, rates, source, entered_by, entered_at "
            "FROM desk_rates ORDER BY municipality, fiscal_year"
        ).fetchall()
        return [DeskRate(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6]) for r in rows]

    def save_desk_rates(self, entries: Iterable[DeskRate], action: str = "desk_rates") -> list[DeskRate]:
        """Store rate tables (each replacing the one of its municipality and year) in one transaction,
        each audited; one equal to the stored table is left as it is. Returns those written."""
        written = []
        with self._transaction():
            stored = {(e.municipality, e.fiscal_year): e for e in self.desk_rates()}
            for e in entries:
                old = stored.get((e.municipality, e.fiscal_year))
                if old is not None and old.same_table(e):
                    continue
                e = replace(e, entered_by=self.user, entered_at=_now())
                self._db.execute(
                    "INSERT OR REPLACE INTO desk_rates (municipality, fiscal_year, kind, rates, source, entered_by, "
                    "entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        e.municipality,
                        e.fiscal_year,
                        e.kind,
                        json.dumps(e.year, ensure_ascii=False),
                        e.source,
                        e.entered_by,
                        e.entered_at,
                    ],
                )
                self._write_audit(
                    action,
                    None,
                    f"{e.municipality} {e.fiscal_year}年度 {e.label}" + ("（置き換え）" if old is not None else ""),
                )
                written.append(e)
        return written

    # --- judgements --------------------------------------------------------------------

    def record_judgements(self, judged: Iterable[tuple[int, Case, VerdictSummary]], rules: str) -> int:
        """Keep the last judgement of cases, judged on each case's as_of under the law data
        `rules`; one judged from a case that is no longer the stored one is skipped. Returns
        how many were kept."""
        judged = list(judged)
        now, kept = _now(), 0
        with self._transaction():
            for case_id, case, judgement in judged:
                row = self._db.execute("SELECT data FROM case_files WHERE case_id = ?", [case_id]).fetchone()
                if row is None or row[0] != case_data(case):
                    continue
                self._db.execute(
                    "INSERT OR REPLACE INTO judgements (case_id, as_of, rules, reduction, verdicts, judged_at, figures) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        case_id,
                        case.as_of.isoformat(),
                        rules,
                        judgement.reduction,
                        json.dumps(judgement.verdicts, ensure_ascii=False, sort_keys=True),
                        now,
                        json.dumps(judgement.figures, sort_keys=True) if judgement.figures else None,
                    ],
                )
                kept += 1
        return kept

    def judgements(self, *, status: str | None = None) -> dict[int, StoredJudgement]:
        """The kept judgement of every (not deleted) case that has one, by case id."""
        where, params = self._filters(status, None, None, None)
        with collection_paused():  # up to one per case: see all_cases
            rows = self._db.execute(
                f"SELECT j.case_id, j.as_of, j.rules, j.reduction, j.verdicts, j.figures FROM judgements j "
                f"JOIN cases c ON c.id = j.case_id WHERE {' AND '.join(where)}",
                params,
            ).fetchall()
            return {r[0]: _stored_judgement(r[1:]) for r in rows}

    def last_judgement(self, case_id: int) -> tuple[StoredJudgement, datetime] | None:
        """The kept judgement of the case as stored now, and when it was made (None: not judged
        since it was last saved)."""
        row = self._db.execute(
            "SELECT as_of, rules, reduction, verdicts, judged_at FROM judgements WHERE case_id = ?", [case_id]
        ).fetchone()
        if row is None:
            return None
        stored = StoredJudgement(VerdictSummary(row[2], json.loads(row[3])), date.fromisoformat(row[0]), row[1])
        return stored, datetime.fromisoformat(row[4])

    # --- reading -----------------------------------------------------------------------

    def _data(self, case_id: int) -> str:
        row = self._db.execute(
            "SELECT f.data FROM cases c JOIN case_files f ON f.case_id = c.id WHERE c.id = ? AND c.deleted_at IS NULL",
            [case_id],
        ).fetchone()
        if row is None:
            raise CaseNotFound(case_id)
        return row[0]

    def get_with_version(self, case_id: int) -> tuple[Case, int]:
        """The case and its version, read together (for a later ``update(..., expected_version=…)``)."""
        row = self._db.execute(
            "SELECT f.data, c.version FROM cases c JOIN case_files f ON f.case_id = c.id "
            "WHERE c.id = ? AND c.deleted_at IS NULL",
            [case_id],
        ).fetchone()
        if row is None:
            raise CaseNotFound(case_id)
        return case_from_validated_dict(json.loads(row[0])), row[1]

    def get(self, case_id: int) -> Case:
        # Every stored case was validated when it was saved (_replace/create): build it directly.
        return case_from_validated_dict(json.loads(self._data(case_id)))

    def record_view(self, case_id: int) -> None:
        """Note in the audit log that the user opened the case (reads for lists and checks are not views)."""
        self.audit("view", case_id)

    def _filters(
        self, status: str | None, municipality: str | None, due_within_days: int | None, today: date | None
    ) -> tuple[list[str], list[Any]]:
        if status is not None and status not in CASE_STATUSES:
            raise ValueError(f"unknown status {status!r}")
        where, params = ["c.deleted_at IS NULL"], []
        if status is not None:
            where.append("c.status = ?")
            params.append(status)
        if municipality is not None:
            where.append("c.municipality = ?")
            params.append(municipality)
        if due_within_days is not None:  # overdue deadlines count as due
            limit = (today or date.today()) + timedelta(days=due_within_days)
            where.append("c.next_due_date <= ?")
            params.append(limit.isoformat())
        return where, params

    def case_summaries(
        self,
        offset: int = 0,
        limit: int = 50,
        *,
        status: str | None = "open",
        municipality: str | None = None,
        due_within_days: int | None = None,
        today: date | None = None,
        order_by: str = "updated",
    ) -> list[CaseSummary]:
        if order_by not in _ORDER_BY:
            raise ValueError(f"unknown order_by {order_by!r}; one of {', '.join(_ORDER_BY)}")
        where, params = self._filters(status, municipality, due_within_days, today)
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM cases c WHERE {' AND '.join(where)} "
            f"ORDER BY {_ORDER_BY[order_by]} LIMIT ? OFFSET ?"
        )
        return [_summary(r) for r in self._db.execute(sql, [*params, limit, offset]).fetchall()]

    def count(
        self,
        *,
        status: str | None = "open",
        municipality: str | None = None,
        due_within_days: int | None = None,
        today: date | None = None,
    ) -> int:
        where, params = self._filters(status, municipality, due_within_days, today)
        return self._db.execute(f"SELECT COUNT(*) FROM cases c WHERE {' AND '.join(where)}", params).fetchone()[0]

    def search(self, query: str, *, limit: int = 50, offset: int = 0, status: str | None = None) -> list[CaseSummary]:
        """Cases whose names, kana, address or notes contain every term of ``query``, newest case first.

        Terms under 3 characters match names, kana and address only; an empty query finds nothing.
        """
        found = search.plan(query)
        if found is None:
            return []
        where, params = self._filters(status, None, None, None)
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM {found.source} WHERE {' AND '.join(found.conditions + where)} "
            f"ORDER BY {found.order_by} LIMIT ? OFFSET ?"
        )
        return [_summary(r) for r in self._db.execute(sql, [*found.params, *params, limit, offset]).fetchall()]

    def same_person(self, kana: str, birth_date: date) -> list[CaseSummary]:
        """Cases of any status whose 世帯主 has this reading (ふりがな, compared as search compares it)
        and birth date, newest first: a new case for them is likely a second case of one client."""
        key = search.reading_key(kana)
        if not key:
            return []
        found = []
        for summary in self.search(key, status=None, limit=200):
            head = self.get(summary.id).head
            if head.birth_date == birth_date and head.kana and search.reading_key(head.kana) == key:
                found.append(summary)
        return found

    def deadlines(self, start: date, end: date) -> list[Deadline]:
        """Open, not-done deadlines of open cases from start to end (inclusive), earliest first."""
        rows = self._db.execute(
            "SELECT d.case_id, c.head_name, d.due_date, d.action, d.source FROM deadlines d "
            "JOIN cases c ON c.id = d.case_id "
            "WHERE c.deleted_at IS NULL AND c.status = 'open' AND d.done = 0 AND d.due_date BETWEEN ? AND ? "
            "ORDER BY d.due_date, d.case_id, d.id",
            [start.isoformat(), end.isoformat()],
        ).fetchall()
        return [Deadline(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4]) for r in rows]

    def all_cases(self, *, status: str | None = None) -> list[tuple[int, Case]]:
        """Every (not deleted) case in id order, all read at once, for batch work (statistics, rescreen).

        Read with the garbage collector paused: 100,000 cases are millions of objects without a
        cycle, and collections during the read would walk them over and over."""
        with collection_paused():
            return list(self.iter_cases(status=status))

    def iter_cases(self, *, status: str | None = None) -> Iterator[tuple[int, Case]]:
        """Every (not deleted) case in id order, read in batches."""
        where, params = self._filters(status, None, None, None)
        last = 0
        while True:
            rows = self._db.execute(
                f"SELECT c.id, f.data FROM cases c JOIN case_files f ON f.case_id = c.id "
                f"WHERE {' AND '.join(where)} AND c.id > ? "
                f"ORDER BY c.id LIMIT {ITER_BATCH}",
                [*params, last],
            ).fetchall()
            if not rows:
                return
            for case_id, data in rows:
                yield case_id, case_from_validated_dict(json.loads(data))
            last = rows[-1][0]

    def iter_stats(
        self, rules: str, kept: str
    ) -> Iterator[tuple[int, str | None, Case | None, StoredJudgement | None]]:
        """Every (not deleted) case in id order, read in batches (memory stays flat however many
        cases there are): (id, what it counts for in the statistics, None, None) when that was kept
        under the law data ``rules`` and starts with ``kept``, else (id, None, the case, its kept
        judgement or None)."""
        last, prefix = 0, kept.replace("%", "") + "%"
        current = "j.rules = ? AND j.stats LIKE ?"
        while True:
            rows = self._db.execute(
                f"SELECT c.id, CASE WHEN {current} THEN j.stats END, CASE WHEN {current} THEN NULL ELSE f.data END, "
                "j.as_of, j.rules, j.reduction, j.verdicts, j.figures FROM cases c "
                "JOIN case_files f ON f.case_id = c.id LEFT JOIN judgements j ON j.case_id = c.id "
                f"WHERE c.deleted_at IS NULL AND c.id > ? ORDER BY c.id LIMIT {ITER_BATCH}",
                [rules, prefix, rules, prefix, last],
            ).fetchall()
            if not rows:
                return
            for r in rows:
                if r[1] is not None:
                    yield r[0], r[1], None, None
                else:
                    yield (
                        r[0],
                        None,
                        case_from_validated_dict(json.loads(r[2])),
                        _stored_judgement(r[3:]) if r[3] else None,
                    )
            last = rows[-1][0]

    def keep_stats(self, rows: Iterable[tuple[int, str]]) -> None:
        """Keep what each case counts for beside its judgement (removed with it when the case changes)."""
        with self._transaction():
            self._db.conn.executemany(
                "UPDATE judgements SET stats = ? WHERE case_id = ?", [(stats, case_id) for case_id, stats in rows]
            )

    # --- statistics ledger (migration 0008): the desk's identity and what it exported ----------

    def desk_identity(self) -> tuple[str | None, str | None, str]:
        """(desk id, desk name, desk key); id and name are None until the user sets them."""
        return tuple(self._db.execute("SELECT desk_id, desk_name, desk_key FROM stats_desk").fetchone())

    def set_desk_identity(self, desk_id: str, desk_name: str) -> None:
        with self._transaction():
            self._db.execute("UPDATE stats_desk SET desk_id = ?, desk_name = ?", [desk_id, desk_name])
            self._write_audit("stats_desk", None, f"{desk_id} {desk_name}")

    def stats_exports(self) -> dict[str, tuple[int, str]]:
        """The periods already exported: period → (latest version, the cells it published as JSON)."""
        rows = self._db.execute("SELECT period, version, cells FROM stats_exports ORDER BY period, version")
        return {r[0]: (r[1], r[2]) for r in rows.fetchall()}

    def record_stats_export(self, export_id: str, periods: dict[str, tuple[int, str]], detail: str) -> None:
        """Remember the periods an export published (period → (version, cells JSON)); audited."""
        with self._transaction():
            for period, (version, cells) in periods.items():
                self._db.execute(
                    "INSERT INTO stats_exports (period, version, export_id, exported_at, cells) VALUES (?, ?, ?, ?, ?)",
                    [period, version, export_id, _now(), cells],
                )
            self._write_audit("stats_export", None, detail)

    def audit_log(self, case_id: int | None = None, limit: int = 200) -> list[AuditEntry]:
        """Audit entries, newest first; only those of one case when case_id is given."""
        where, params = ("WHERE case_id = ?", [case_id]) if case_id is not None else ("", [])
        rows = self._db.execute(
            f"SELECT id, at, user, action, case_id, detail FROM audit {where} ORDER BY id DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [_audit_entry(r) for r in rows]


def _stored_judgement(row: tuple) -> StoredJudgement:
    """(as_of, rules, reduction, verdicts, figures) columns of judgements → a StoredJudgement."""
    figures = json.loads(row[4]) if row[4] else {}
    return StoredJudgement(VerdictSummary(row[2], json.loads(row[3]), figures), date.fromisoformat(row[0]), row[1])


def open_store(path: str | Path | None = None, *, user: str | None = None, passphrase: str | None = None) -> Store:
    """Open (creating and migrating as needed) the database at path, or the default one.

    With a passphrase the database is encrypted (an existing plain one is encrypted
    first); without one, see db.py: the passphrase the file was unlocked with in this
    process, else a plain database (tests and development only). A wrong passphrase
    raises PassphraseError.
    """
    path = Path(path) if path is not None else default_db_path()
    backups.remove_leftovers(path)
    if passphrase is not None and encryption.file_header(path) == encryption.PLAINTEXT_HEADER:
        encrypt_file(path, passphrase)
        encrypt_plain_backups(path, passphrase)
    db = connect(path, passphrase)
    try:
        migrate(db, path)
    except Error as e:
        db.close()
        raise StoreError(f"データベースを準備できませんでした: {path}\n{disk_message(e) or e}") from None
    except BaseException:
        db.close()
        raise
    return Store(db, path, user if user is not None else _os_user())


def encrypt_plain_backups(db_path: Path, passphrase: str) -> list[Path]:
    """At a database's first encryption: encrypt its plaintext backups, or delete those that cannot be
    (no plaintext copy of the cases may stay behind). The files deleted."""
    removed = []
    folder = backups.backup_folder(db_path)
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if not path.is_file() or encryption.file_header(path) != encryption.PLAINTEXT_HEADER:
            continue
        try:
            encrypt_file(path, passphrase, unlock=False)
        except StoreError:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
