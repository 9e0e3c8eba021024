"""Backups and restore: exact round trip, corrupted or foreign backups refused with nothing replaced, rotation."""

import random
from datetime import date, datetime, timedelta

import pytest

from kokuho_desk.cli import main
from kokuho_desk.commands.passphrase import open_cli_store
from kokuho_desk.model.case import LogEntry
from kokuho_desk.model.casefile import case_to_dict
from kokuho_desk.store import BackupError, StoreError, list_backups, open_store, restore_backup, verify_backup
from kokuho_desk.store.backups import KEEP_RECENT, backup_path, daily_backup_due
from tests.security.conftest import NAME, PASSPHRASE, secret_case
from tests.store.conftest import make_case


def _all_cases(path):
    with open_store(path, passphrase=PASSPHRASE) as store:
        return {i: case_to_dict(c) for i, c in store.iter_cases()}


@pytest.fixture
def saved(tmp_path):
    """An encrypted database with 30 cases (one deleted, one closed) and a backup of it; returns (db, backup, cases)."""
    db = tmp_path / "cases.db"
    with open_store(db, passphrase=PASSPHRASE, user="相談員A") as store:
        ids = [store.create(make_case(f"見本 {i}", "ミホン", address=f"大阪市見本町{i}")) for i in range(30)]
        store.create(secret_case())
        store.delete(ids[3])
        store.close_case(ids[4], "解決")
        backup = store.backup()
    return db, backup, _all_cases(db)


def test_restore_gives_back_exactly_the_saved_cases(saved):
    """Ensure changes made after a backup are undone by restoring it: every case as it was, nothing more."""
    db, backup, cases = saved
    with open_store(db, passphrase=PASSPHRASE) as store:
        store.create(make_case("後から 追加"))
        store.delete(1)
        store.add_log_entry(2, LogEntry(entry_date=date(2025, 6, 3), note="後の記録"))
    assert _all_cases(db) != cases
    info = restore_backup(backup, db, PASSPHRASE, user="相談員B")
    assert info.cases == len(cases) and info.encrypted
    assert _all_cases(db) == cases
    with open_store(db, passphrase=PASSPHRASE) as store:
        assert [s.head_name for s in store.search("秘密町")] == [NAME]
        assert (store.audit_log()[0].action, store.audit_log()[0].user) == ("restore", "相談員B")
    assert [b.reason for b in list_backups(db)][0] == "before-restore"


def _damaged(backup, kind, rng):
    data = bytearray(backup.read_bytes())
    if kind == "flip":
        pos = rng.randrange(len(data))
        data[pos] ^= 1 << rng.randrange(8)
    elif kind == "truncate_pages":
        del data[-4096 * rng.randint(1, 3) :]
    elif kind == "truncate_bytes":
        del data[-rng.randint(1, 4095) :]
    elif kind == "zero_page":
        page = rng.randrange(len(data) // 4096)
        data[page * 4096 : (page + 1) * 4096] = bytes(4096)
    elif kind == "text":
        data = bytearray("これはバックアップではありません".encode() * 100)
    elif kind == "empty":
        data = bytearray()
    backup.write_bytes(bytes(data))


KINDS = ["flip"] * 8 + ["truncate_pages", "truncate_bytes", "zero_page", "zero_page", "text", "empty"]


@pytest.mark.parametrize("n, kind", list(enumerate(KINDS)))
def test_a_corrupted_backup_is_refused_and_nothing_is_replaced(saved, n, kind):
    """Ensure a damaged backup (bit flip, truncation, zeroed page, not a backup) is refused in Japanese, the database untouched."""
    db, backup, cases = saved
    _damaged(backup, kind, random.Random(n))
    before = db.read_bytes()
    with pytest.raises(BackupError, match="壊れています|バックアップではありません") as refused:
        restore_backup(backup, db, PASSPHRASE)
    assert "何も置き換えていません" in str(refused.value)
    assert db.read_bytes() == before
    assert _all_cases(db) == cases
    assert not any(b.reason == "before-restore" for b in list_backups(db))


def test_a_backup_with_another_passphrase_is_refused(saved):
    """Ensure restoring with a passphrase the backup was not made with says so and replaces nothing."""
    db, backup, cases = saved
    with pytest.raises(BackupError, match="パスフレーズが違います"):
        restore_backup(backup, db, "ちがう")
    assert _all_cases(db) == cases


def test_restore_to_a_missing_database(saved, tmp_path):
    """Ensure a backup restores onto a new machine's empty data folder."""
    _, backup, cases = saved
    target = tmp_path / "new" / "kokuho-desk.db"
    restore_backup(backup, target, PASSPHRASE)
    assert _all_cases(target) == cases


def test_rotation_keeps_the_newest_automatic_backups_and_every_migration_backup(tmp_path):
    """Ensure only the newest KEEP start backups stay, and before-vN and manual backups are never deleted."""
    db = tmp_path / "cases.db"
    with open_store(db, passphrase=PASSPHRASE) as store:
        store.create(make_case())
        migration = backup_path(db, "before-v3", datetime(2020, 1, 1))
        migration.parent.mkdir()
        migration.write_bytes(b"")
        store.backup("manual")
        for _ in range(KEEP_RECENT + 3):
            store.backup("start")
    reasons = [b.reason for b in list_backups(db)]
    assert reasons.count("start") == KEEP_RECENT
    assert "before-v3" in reasons and "manual" in reasons


def test_daily_backup_is_due_after_a_day(tmp_path):
    """Ensure the daily backup is made when the newest automatic one is a day old, and not before."""
    db = tmp_path / "cases.db"
    now = datetime(2025, 6, 2, 9, 0)
    assert daily_backup_due(db, now)
    with open_store(db, passphrase=PASSPHRASE) as store:
        store.create(make_case())
        assert store.backup_if_due(now) is not None
        newest = list_backups(db)[0]
        assert store.backup_if_due(newest.at + timedelta(hours=23)) is None
        assert store.backup_if_due(newest.at + timedelta(days=1)) is not None
        assert [e.action for e in store.audit_log()[:2]] == ["backup", "backup"]


def test_cli_backup_and_restore(saved, tmp_path, monkeypatch, capsys):
    """Ensure `backup --out` and `restore FILE` work with KOKUHO_DESK_PASSPHRASE and report in Japanese."""
    db, _, cases = saved
    monkeypatch.setenv("KOKUHO_DESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "usb" / "控え.bak"
    out.parent.mkdir()
    assert main(["--db", str(db), "backup", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert verify_backup(out, PASSPHRASE).cases == len(cases)
    assert main(["--db", str(db), "backup", "--out", str(out)]) == 2
    assert "もうあります" in capsys.readouterr().err
    with open_store(db, passphrase=PASSPHRASE) as store:
        store.delete(1)
    assert main(["--db", str(db), "restore", "--yes", str(out)]) == 0
    assert f"（{len(cases)}件）" in capsys.readouterr().out
    assert _all_cases(db) == cases


def test_cli_restore_refuses_a_corrupted_backup_and_a_wrong_passphrase(saved, monkeypatch, capsys):
    """Ensure the restore command exits 2 with a Japanese message and no traceback, the database untouched."""
    db, backup, _ = saved
    before = db.read_bytes()
    monkeypatch.setenv("KOKUHO_DESK_PASSPHRASE", "ちがう")
    assert main(["--db", str(db), "restore", "--yes", str(backup)]) == 2
    err = capsys.readouterr().err
    assert "パスフレーズが違います" in err and "Traceback" not in err
    monkeypatch.setenv("KOKUHO_DESK_PASSPHRASE", PASSPHRASE)
    _damaged(backup, "zero_page", random.Random(1))
    assert main(["--db", str(db), "restore", "--yes", str(backup)]) == 2
    assert "壊れています" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_cli_backup_of_a_missing_database_and_without_passphrase(tmp_path, monkeypatch, capsys):
    """Ensure backup of no database exits 2, and a subcommand refuses to create a plain database."""
    monkeypatch.delenv("KOKUHO_DESK_PASSPHRASE", raising=False)
    monkeypatch.delenv("KOKUHO_DESK_NO_ENCRYPTION", raising=False)  # tests/conftest.py allows plain ones
    assert main(["--db", str(tmp_path / "none.db"), "backup"]) == 2
    assert "データベースがありません" in capsys.readouterr().err
    with pytest.raises(StoreError, match="暗号化して作ります"):
        open_cli_store(str(tmp_path / "new.db"))
    assert not (tmp_path / "new.db").exists()
