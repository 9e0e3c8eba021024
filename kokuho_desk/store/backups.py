"""Backups: snapshots of the database in a ``backups`` folder next to it, rotated.

A backup is a consistent copy made by SQLite itself (``VACUUM INTO``) while the
database stays usable; it is encrypted with the same key as the database (the
file of a plain development database is plain). It is written under a temporary
name, flushed to the disk and then renamed, so a backup file is always whole.

Names: ``<db stem>-<YYYYmmdd-HHMMSS-mmm>-<reason>.bak`` where reason is

- ``start`` and ``daily``: automatic (at the window's start; and whenever the newest
  backup, whatever made it, is a day old — checked at the start and hourly);
- ``before-restore``: the database a restore replaced;
- ``before-vN``: the database before migration N; ``manual``: ``kokuho-desk backup``;
  these are never deleted by rotation.

Rotation (generations) keeps, among the automatic and before-restore backups: the
newest ``KEEP_RECENT``, the newest of each of the last ``KEEP_DAYS`` days, of each of
the last ``KEEP_WEEKS`` weeks and of each of the last ``KEEP_MONTHS`` months; and
always the newest backup of every reason. A day's generation is the newest backup of
that day whatever made it (a start, a daily, a manual one). Files are 0600 in a 0700
folder; ``.partial`` files left by a crash are removed at the next open
(``remove_leftovers``).

Restoring is restore.py.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils

from kokuho_desk.store.db import Error, StoreError, create_private_file, disk_message, fsync_file, private_folder

FOLDER_NAME = "backups"
SUFFIX = ".bak"
PARTIAL = ".partial"
ROTATED = ("start", "daily", "before-restore")
KEEP_RECENT, KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 10, 7, 5, 12
DAILY = timedelta(days=1)
# A .partial older than this was left by a crash (making a backup takes seconds); a younger one
# may be another program's backup in progress.
LEFTOVER_AGE = timedelta(minutes=10)
_NAME = re.compile(r"^(?P<stem>.+)-(?P<at>\d{8}-\d{6}-\d{3})-(?P<reason>[a-z][a-z0-9-]*)\.bak$")


@dataclass(frozen=True)
class BackupFile:
    """A backup of the database kept in the backup folder."""

    path: Path
    at: datetime
    reason: str


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / FOLDER_NAME


def backup_path(db_path: Path, reason: str, now: datetime) -> Path:
    """Where a backup of ``db_path`` made at ``now`` for ``reason`` goes."""
    return backup_folder(db_path) / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{now.microsecond // 1000:03d}-{reason}{SUFFIX}"


def list_backups(db_path: Path) -> list[BackupFile]:
    """The backups of ``db_path`` in its backups folder, newest first."""
    found = []
    for path in backup_folder(db_path).glob(f"*{SUFFIX}"):
        m = _NAME.match(path.name)
        if m and m["stem"] == db_path.stem:
            found.append(BackupFile(path, datetime.strptime(m["at"] + "000", "%Y%m%d-%H%M%S-%f"), m["reason"]))
    return sorted(found, key=lambda b: (b.at, b.path.name), reverse=True)


def snapshot(db: sqlite_utils.Database, target: Path) -> None:
    """Write a consistent copy of the open database to ``target`` (encrypted like the database, mode 0600).

    An existing ``target`` is never replaced (StoreError)."""
    private_folder(target.parent)
    partial = target.with_name(target.name + PARTIAL)
    partial.unlink(missing_ok=True)
    try:
        if target.exists():
            raise FileExistsError(f"既にあります: {target}")
        create_private_file(partial)  # VACUUM INTO accepts an empty file and keeps its mode
        db.execute("VACUUM INTO ?", [str(partial)])
        fsync_file(partial)
        if target.exists():
            raise FileExistsError(f"既にあります: {target}")
        os.replace(partial, target)
    except (OSError, Error) as e:
        partial.unlink(missing_ok=True)
        raise StoreError(f"バックアップを作れませんでした: {target}（{disk_message(e) or e}）") from None


def write_backup(
    db: sqlite_utils.Database, db_path: Path, reason: str, *, out: Path | None = None, now: datetime | None = None
) -> Path:
    """A backup of the database into the backups folder (or to ``out``), then rotation; the file written."""
    now = now or datetime.now()
    target = out if out is not None else backup_path(db_path, reason, now)
    while out is None and target.exists():  # two backups in one millisecond: never replace one
        now += timedelta(milliseconds=1)
        target = backup_path(db_path, reason, now)
    snapshot(db, target)
    rotate(db_path)
    return target


def kept_generations(found: list[BackupFile]) -> set[Path]:
    """The backups rotation keeps among ``found`` (newest first): see the module's docstring."""
    kept: set[Path] = set()
    newest_of: dict[str, Path] = {}
    for backup in found:
        newest_of.setdefault(backup.reason, backup.path)
    kept.update(newest_of.values())
    rotated = [b for b in found if b.reason in ROTATED]
    kept.update(b.path for b in rotated[:KEEP_RECENT])
    for key, count in (
        (lambda d: d.date(), KEEP_DAYS),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKS),
        (lambda d: (d.year, d.month), KEEP_MONTHS),
    ):
        periods: dict[object, Path] = {}
        for b in found:  # a period's generation is its newest backup, whatever made it
            periods.setdefault(key(b.at), b.path)
        kept.update(list(periods.values())[:count])
    return kept


def rotate(db_path: Path) -> None:
    """Delete the automatic and before-restore backups no generation keeps."""
    found = list_backups(db_path)
    kept = kept_generations(found)
    for backup in found:
        if backup.reason in ROTATED and backup.path not in kept:
            backup.path.unlink(missing_ok=True)


def remove_leftovers(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the ``.partial`` backups and half-made copies a crash left behind; the files removed."""
    limit = (now or datetime.now()) - LEFTOVER_AGE
    candidates = [
        *backup_folder(db_path).glob(f"*{PARTIAL}"),
        *(db_path.with_name(db_path.name + s) for s in (".encrypting", ".restoring")),
    ]
    removed = []
    for path in candidates:
        try:
            if datetime.fromtimestamp(path.stat().st_mtime) < limit:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def daily_backup_due(db_path: Path, now: datetime) -> bool:
    """Whether the newest backup, whatever made it, is a day old or more (or there is none)."""
    newest = next(iter(list_backups(db_path)), None)
    return newest is None or now - newest.at >= DAILY
