"""Encryption at rest: nothing of a case readable without the passphrase; wrong passphrase refused in Japanese."""

import sqlite3

import pytest
from sqlcipher3 import dbapi2

from kokuho_desk.store import (
    PassphraseError,
    StoreError,
    encryption,
    is_encrypted,
    list_backups,
    open_store,
    verify_backup,
)
from kokuho_desk.store.db import connect, sidecar_files
from kokuho_desk.store.migrations import migrate, migration_names
from tests.security.conftest import NAME, PASSPHRASE, leaked, secret_case
from tests.store.test_migrations import insert_as_of_version


def test_the_grep_finds_the_strings_in_a_plain_database(tmp_path):
    """Ensure the byte search used below does find the case's name and address in an unencrypted file."""
    with open_store(tmp_path / "plain.db") as store:
        store.create(secret_case())
    assert len(leaked(tmp_path / "plain.db")) >= 4


def test_database_wal_and_shm_hold_none_of_the_case_strings(secret_store, tmp_path):
    """Ensure the encrypted database, its WAL (with the save in it) and -shm contain no name, address or note."""
    db = secret_store.path
    wal, shm = sidecar_files(db)
    assert wal.stat().st_size > 0
    for path in (db, wal, shm):
        assert leaked(path) == [], path
    secret_store.close()
    assert leaked(db) == []
    assert is_encrypted(db)


def test_backups_hold_none_of_the_case_strings(secret_store, tmp_path):
    """Ensure a manual, an automatic and an exported backup contain no name, address or note."""
    written = [secret_store.backup(), secret_store.backup("start"), secret_store.backup(out=tmp_path / "usb.bak")]
    for path in written:
        assert path.stat().st_size > 0
        assert leaked(path) == [], path
        assert is_encrypted(path)


def test_the_backup_before_a_migration_is_encrypted(tmp_path):
    """Ensure the copy made before migrating an encrypted database holds the case and is encrypted too."""
    path = tmp_path / "old.db"
    version = len(migration_names()) - 1
    db = connect(path, PASSPHRASE)
    migrate(db, path, stop_before=migration_names()[version])
    insert_as_of_version(db, version, secret_case())
    db.conn.commit()
    db.close()
    open_store(path, passphrase=PASSPHRASE).close()
    (backup,) = list_backups(path)
    assert backup.reason == f"before-v{version + 1}"
    assert is_encrypted(backup.path) and leaked(backup.path) == []
    assert verify_backup(backup.path, PASSPHRASE).cases == 1


def test_wrong_passphrase_is_refused_in_japanese_and_changes_nothing(secret_store):
    """Ensure a wrong passphrase raises 「パスフレーズが違います」 and leaves the file's bytes as they were."""
    path = secret_store.path
    secret_store.close()
    before = path.read_bytes()
    with pytest.raises(PassphraseError, match="パスフレーズが違います"):
        open_store(path, passphrase="ちがう")
    assert path.read_bytes() == before
    with open_store(path, passphrase=PASSPHRASE) as store:
        assert store.case_summaries()[0].head_name == NAME


def test_without_the_passphrase_the_file_does_not_open(secret_store):
    """Ensure a process that was not given the passphrase can read nothing: not the store, not stdlib sqlite3."""
    path = secret_store.path
    secret_store.close()
    encryption.forget(path)
    with pytest.raises(PassphraseError, match="パスフレーズ"):
        open_store(path)
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(path) as conn:
        conn.execute("SELECT * FROM cases").fetchall()


def test_another_connection_of_the_process_opens_without_asking_again(secret_store):
    """Ensure a second Store on the unlocked file (a worker thread's) opens with open_store(path) and searches."""
    with open_store(secret_store.path) as second:
        assert [s.head_name for s in second.search("秘密町")] == [NAME]
        assert [s.head_name for s in second.search("ヒミツヤマ")] == [NAME]


def test_file_opens_with_the_passphrase_in_any_sqlcipher_tool(secret_store):
    """Ensure the derived key equals SQLCipher's own: PRAGMA key = '<passphrase>' reads the database."""
    conn = dbapi2.connect(str(secret_store.path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert conn.execute("SELECT head_name FROM cases").fetchall() == [(NAME,)]
    conn.close()


def test_a_plain_database_is_encrypted_at_its_first_open_with_a_passphrase(tmp_path):
    """Ensure a database from before encryption keeps its cases and leaves no plain bytes behind once opened with a passphrase."""
    path = tmp_path / "cases.db"
    with open_store(path) as store:
        case_id = store.create(secret_case())
    with open_store(path, passphrase=PASSPHRASE) as store:
        assert store.get(case_id).head.name == NAME
        assert store.encrypted
    assert leaked(path) == []
    assert not path.with_name("cases.db.encrypting").exists()


def test_passphrase_change(secret_store):
    """Ensure the passphrase can be changed; then only the new one opens the file; a wrong old one changes nothing."""
    with pytest.raises(PassphraseError, match="違います"):
        secret_store.change_passphrase("ちがう", "新しい合言葉")
    assert secret_store.check_passphrase(PASSPHRASE)
    secret_store.change_passphrase(PASSPHRASE, "新しい合言葉")
    assert secret_store.check_passphrase("新しい合言葉") and not secret_store.check_passphrase(PASSPHRASE)
    assert secret_store.audit_log()[0].action == "passphrase"
    path = secret_store.path
    secret_store.close()
    with pytest.raises(PassphraseError, match="パスフレーズが違います"):
        open_store(path, passphrase=PASSPHRASE)
    with open_store(path, passphrase="新しい合言葉") as store:
        assert store.case_summaries()[0].head_name == NAME
    assert leaked(path) == []


def test_a_plain_store_has_no_passphrase_to_check(tmp_path):
    """Ensure check_passphrase is False for an unencrypted (development) store, so a lock never opens by accident."""
    with open_store(tmp_path / "plain.db") as store:
        assert not store.encrypted and not store.check_passphrase("")


def test_a_passphrase_on_a_non_database_file_is_refused(tmp_path):
    """Ensure a file that is neither plain nor encrypted with the passphrase is refused and left as it was."""
    bad = tmp_path / "memo.db"
    bad.write_bytes(b"\x00\x01 not a database" * 300)
    with pytest.raises(StoreError):
        open_store(bad, passphrase=PASSPHRASE)
    assert bad.read_bytes() == b"\x00\x01 not a database" * 300
