"""Restore, second pass: only an encrypted kokuho-desk backup replaces an encrypted database, a truncated one is
called damaged, the replaced database is kept (rotation never deletes the newest), and the CLI asks first."""

import io
import sqlite3

import pytest

from kokuho_desk.cli import main
from kokuho_desk.store import BackupError, list_backups, open_store, restore_backup
from kokuho_desk.store.db import connect
from kokuho_desk.store.migrations import migrate
from tests.security.conftest import PASSPHRASE
from tests.security.test_backup_restore import _all_cases as _cases
from tests.security.test_backup_restore import saved  # noqa: F401 — the fixture: 31 cases and a backup
from tests.store.conftest import make_case


def _plain_kokuho_database(path):
    """A plain (unencrypted) SQLite file with the full kokuho-desk schema and one case."""
    db = connect(path)
    migrate(db, path)
    db.close()
    with open_store(path) as store:
        store.create(make_case("平文 太郎", "ヘイブン タロウ"))
    return path


def test_a_plain_sqlite_file_never_replaces_the_encrypted_database(saved, tmp_path):
    """Ensure a plain SQLite file — even one with the kokuho-desk schema — is refused before anything is touched:
    the encrypted database stays byte for byte, and no before-restore backup is made."""
    db, _, cases = saved
    plain = _plain_kokuho_database(tmp_path / "plain.db")
    before = db.read_bytes()
    with pytest.raises(BackupError, match="暗号化されていないファイル") as refused:
        restore_backup(plain, db, PASSPHRASE)
    assert "何も置き換えていません" in str(refused.value)
    assert db.read_bytes() == before and _cases(db) == cases
    assert not any(b.reason == "before-restore" for b in list_backups(db))
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(BackupError, match="暗号化されていないファイル"):
        restore_backup(other, db, PASSPHRASE)


def test_a_truncated_backup_is_reported_as_damaged_not_as_a_wrong_passphrase(saved):
    """Ensure a backup cut to 1,024 bytes (less than its first 4,096-byte page) is called broken, with the right
    passphrase given, and the message does not suggest the passphrase is wrong."""
    db, backup, _ = saved
    backup.write_bytes(backup.read_bytes()[:1024])
    with pytest.raises(BackupError) as refused:
        restore_backup(backup, db, PASSPHRASE)
    assert "壊れています" in str(refused.value) and "パスフレーズ" not in str(refused.value)


def test_repeated_restores_keep_every_replaced_database(saved):
    """Ensure restoring 8 times keeps the database each restore replaced as a before-restore backup that the
    restore audits, and rotation never deletes the newest one: the data before the last restore can come back."""
    db, backup, cases = saved
    for n in range(8):
        with open_store(db, passphrase=PASSPHRASE) as store:
            store.create(make_case(f"復元前 {n}", "フクゲンマエ"))
        restore_backup(backup, db, PASSPHRASE)
    kept = [b for b in list_backups(db) if b.reason == "before-restore"]
    assert len(kept) == 8  # all made today: within the 10 newest rotated backups
    newest = kept[0]
    with open_store(db, passphrase=PASSPHRASE) as store:
        assert newest.path.name in store.audit_log()[0].detail
    restore_backup(newest.path, db, PASSPHRASE)
    names = {c["members"][0]["name"] for c in _cases(db).values()}
    assert "復元前 7" in names and len(names) == len(cases) + 1


def test_cli_restore_asks_first_and_refuses_without_a_terminal(saved, monkeypatch, capsys):
    """Ensure `restore` without --yes and without a terminal refuses in Japanese (exit 2, nothing replaced);
    on a terminal an answer other than y replaces nothing; y and --yes restore."""
    db, backup, cases = saved
    monkeypatch.setenv("KOKUHO_DESK_PASSPHRASE", PASSPHRASE)
    with open_store(db, passphrase=PASSPHRASE) as store:
        store.delete(1)
    before = db.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", str(db), "restore", str(backup)]) == 2
    assert "--yes" in capsys.readouterr().err and db.read_bytes() == before

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(["--db", str(db), "restore", str(backup)]) == 2
    assert "戻していません" in capsys.readouterr().err and db.read_bytes() == before
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    assert _cases(db) == cases
