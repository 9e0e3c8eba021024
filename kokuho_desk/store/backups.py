"""Backups: snapshots of the database in a ``backups`` folder next to it, rotated.

A backup is a consistent copy made by SQLite itself (``VACUUM INTO``) while the
database stays usable; it is encrypted with the same key as the database (the
file of a plain development database is plain). It is written under a temporary
name, flushed to the disk and then renamed, so a backup file is always whole.

Names: ``<db stem>-<YYYYmmdd-HHMMSS-mmm>-<reason>.bak`` where reason is

- ``start`` and ``daily``: automatic (at the window's start; once a day while it runs),
  the newest ``KEEP[reason]`` of each are kept;
- ``before-restore``: the database a restore replaced, the newest 5 are kept;
- ``before-vN``: the database before migration N; ``manual``: ``kokuho-desk backup``;
  these are never deleted by rotation.

Restoring is restore.py.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils

from kokuho_desk.store.db import Error, StoreError, fsync_file

FOLDER_NAME = "backups"
SUFFIX = ".bak"
KEEP = {"start": 10, "daily": 10, "before-restore": 5}
AUTOMATIC = ("start", "daily")
DAILY = timedelta(days=1)
_NAME = re.compile(r"^(?P<stem>.+)-(?P<at>\d{8}-\d{6}-\d{3})-(?P<reason>[a-z][a-z0-9-]*)\.bak$")


@dataclass(frozen=True)
class BackupFile:
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
    """Write a consistent copy of the open database to ``target`` (encrypted like the database)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        db.execute("VACUUM INTO ?", [str(partial)])
        fsync_file(partial)
        os.replace(partial, target)
    except (OSError, Error) as e:
        partial.unlink(missing_ok=True)
        raise StoreError(f"バックアップを作れませんでした: {target}（{e}）") from None


def write_backup(db: sqlite_utils.Database, db_path: Path, reason: str, *, out: Path | None = None,
                 now: datetime | None = None) -> Path:
    """A backup of the database into the backups folder (or to ``out``), then rotation; the file written."""
    target = out if out is not None else backup_path(db_path, reason, now or datetime.now())
    snapshot(db, target)
    rotate(db_path)
    return target


def rotate(db_path: Path) -> None:
    """Delete the oldest backups of each rotated reason beyond KEEP."""
    seen: dict[str, int] = {}
    for backup in list_backups(db_path):
        if backup.reason not in KEEP:
            continue
        seen[backup.reason] = seen.get(backup.reason, 0) + 1
        if seen[backup.reason] > KEEP[backup.reason]:
            backup.path.unlink(missing_ok=True)


def daily_backup_due(db_path: Path, now: datetime) -> bool:
    """Whether the newest automatic backup is more than a day old (or there is none)."""
    newest = next((b for b in list_backups(db_path) if b.reason in AUTOMATIC), None)
    return newest is None or now - newest.at >= DAILY
