"""Backups, second pass: generations (daily / weekly / monthly) whatever made them, the daily backup due from the
newest backup of any kind, and .partial leftovers removed at the next open."""

import os
from datetime import datetime, timedelta

from kokuho_desk.store import list_backups, open_store
from kokuho_desk.store.backups import backup_folder, backup_path, daily_backup_due, rotate
from tests.store.conftest import make_case


def _fake_backup(db, reason, at):
    path = backup_path(db, reason, at)
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"x")
    return path


def test_rotation_keeps_a_daily_weekly_and_monthly_generation(tmp_path):
    """Ensure that after 90 days of 5 window starts a day (450 start backups, none 'daily'), rotation keeps
    the newest backup of each of the last 7 days, 5 weeks and 12 months — not just the 10 newest starts.

    Worked by hand: the last start of each day is 17:00; days 2026-09-06 … 2026-12-04 (90 days).
    Kept: 10 newest (12-04 ×5, 12-03 ×5) + days 12-02 … 11-28 (the 7 newest days include 12-04 and 12-03)
    + the newest of each ISO week (5) + the newest of each month Sep–Dec (4)."""
    db = tmp_path / "cases.db"
    first = datetime(2026, 9, 6)
    for day in range(90):
        for hour in (9, 11, 13, 15, 17):
            _fake_backup(db, "start", first + timedelta(days=day, hours=hour))
    rotate(db)
    kept = {b.at for b in list_backups(db)}
    days = {at.date() for at in kept}
    newest_day = datetime(2026, 12, 4)
    assert {(newest_day - timedelta(days=d)).date() for d in range(7)} <= days
    assert datetime(2026, 11, 28, 17) in kept  # the 7th day back: its newest backup
    assert datetime(2026, 9, 30, 17) in kept and datetime(2026, 10, 31, 17) in kept  # month generations
    weeks = {at.isocalendar()[:2] for at in kept}
    assert len(weeks) >= 5
    assert len(kept) < 40


def test_the_daily_backup_is_due_from_the_newest_backup_whatever_made_it(tmp_path):
    """Ensure a manual backup 2 hours ago makes the daily one not due, and a start backup 25 hours ago makes it due."""
    db = tmp_path / "cases.db"
    now = datetime(2026, 12, 4, 10, 0)
    _fake_backup(db, "start", now - timedelta(hours=25))
    assert daily_backup_due(db, now)
    _fake_backup(db, "manual", now - timedelta(hours=2))
    assert not daily_backup_due(db, now)


def test_the_newest_before_restore_backup_survives_any_number_of_automatic_ones(tmp_path):
    """Ensure 30 start backups made after a before-restore backup do not rotate it away (the newest of its kind)."""
    db = tmp_path / "cases.db"
    at = datetime(2026, 12, 4, 8)
    kept = _fake_backup(db, "before-restore", at)
    for n in range(30):
        _fake_backup(db, "start", at + timedelta(minutes=n + 1))
    rotate(db)
    assert kept.exists()


def test_leftover_partial_files_are_removed_when_the_store_opens(tmp_path):
    """Ensure a .partial backup and a half-made .encrypting copy left by a crash an hour ago are removed at the
    next open, and a .partial written seconds ago (another program's backup in progress) is left alone."""
    db = tmp_path / "cases.db"
    with open_store(db) as store:
        store.create(make_case())
    folder = backup_folder(db)
    folder.mkdir()
    old_partial = folder / "cases-20261204-090000-000-start.bak.partial"
    old_copy = db.with_name(db.name + ".encrypting")
    fresh = folder / "cases-20261204-100000-000-start.bak.partial"
    for path in (old_partial, old_copy, fresh):
        path.write_bytes(b"half")
    hour_ago = (datetime.now() - timedelta(hours=1)).timestamp()
    for path in (old_partial, old_copy):
        os.utime(path, (hour_ago, hour_ago))
    open_store(db).close()
    assert not old_partial.exists() and not old_copy.exists() and fresh.exists()


def test_database_and_backups_are_private_files_in_private_folders(tmp_path):
    """Ensure the database, its WAL and a backup are mode 0600, and the folders the store creates 0700 (POSIX)."""
    old = os.umask(0o022)  # a usual umask: the store must not rely on the process's
    try:
        db = tmp_path / "data" / "cases.db"
        with open_store(db) as store:
            store.create(make_case())
            backup = store.backup()
            wal = db.with_name(db.name + "-wal")
            assert oct(wal.stat().st_mode & 0o777) == "0o600"
        assert oct(db.stat().st_mode & 0o777) == "0o600"
        assert oct(backup.stat().st_mode & 0o777) == "0o600"
        assert oct(db.parent.stat().st_mode & 0o777) == "0o700"
        assert oct(backup.parent.stat().st_mode & 0o777) == "0o700"
    finally:
        os.umask(old)
