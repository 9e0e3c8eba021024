"""Restore a backup: check it whole before anything is replaced.

``verify_backup`` opens the backup read-only with the passphrase and checks every
page's authentication code (SQLCipher's ``cipher_integrity_check``: a flipped bit
anywhere is found), SQLite's ``integrity_check`` (b-trees and the search index),
the file's length (a truncated copy: reported as damaged, never as a wrong
passphrase) and the schema (a kokuho-desk database whose every migration this
version knows). Over an encrypted database (or with a passphrase) only an encrypted
backup is accepted: a plain SQLite file never replaces an encrypted database. Any
failure raises BackupError and nothing has been touched.

``restore_backup`` then copies the backup next to the database, checks that the
copy is identical, keeps the current database as a ``before-restore`` backup, and
renames the copy over the database in one step: a crash at any moment leaves
either the old database or the restored one. The restore is recorded in the
restored database's audit log, with the name of the before-restore backup.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from kokuho_desk.store import encryption
from kokuho_desk.store.backups import write_backup
from kokuho_desk.store.db import Error, PassphraseError, StoreError, connect, fsync_file, sidecar_files
from kokuho_desk.store.migrations import migration_names, migrations, schema_version
from kokuho_desk.store.repository import open_store

CORRUPT = "バックアップファイルが壊れています。何も置き換えていません"
NOT_A_BACKUP = "国保デスクのバックアップではありません。何も置き換えていません"
NOT_ENCRYPTED = (
    "暗号化されていないファイルです。暗号化されたデータベースを、暗号化されていないファイルで"
    "置き換えることはできません。国保デスクで作ったバックアップを指定してください。何も置き換えていません"
)


class BackupError(StoreError):
    """A backup that cannot be restored; str(e) is the Japanese message. Nothing was replaced."""


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, found by checking it whole before a restore."""

    path: Path
    cases: int
    schema_version: int
    encrypted: bool


def verify_backup(path: Path, passphrase: str | None, *, require_encrypted: bool = False) -> BackupInfo:
    """Check the backup file whole; raises BackupError (with a Japanese message) if it cannot be restored."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"バックアップファイルが見つかりません: {path}")
    size = path.stat().st_size
    encrypted = encryption.is_encrypted(path)
    if encryption.file_header(path) == encryption.PLAINTEXT_HEADER and (require_encrypted or passphrase is not None):
        raise BackupError(f"{NOT_ENCRYPTED}（{path}）")
    if size == 0 or size % 512:  # every page size is a multiple of 512
        raise BackupError(f"{CORRUPT}（{path}）")
    if encrypted and (size < encryption.PAGE_SIZE or size % encryption.PAGE_SIZE):  # a truncated copy
        raise BackupError(f"{CORRUPT}（{path}）")
    if encrypted and passphrase is None:
        raise BackupError("このバックアップは暗号化されています。パスフレーズが必要です。何も置き換えていません")
    try:
        db = connect(path, passphrase if encrypted else None, read_only=True)
    except PassphraseError:
        raise BackupError(
            "パスフレーズが違います（またはバックアップファイルが壊れています）。何も置き換えていません"
        ) from None
    except StoreError:
        raise BackupError(f"{CORRUPT}（{path}）") from None
    try:
        if encrypted and db.execute("PRAGMA cipher_integrity_check").fetchall():
            raise BackupError(f"{CORRUPT}（{path}）")
        if db.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise BackupError(f"{CORRUPT}（{path}）")
        page_count = int(db.execute("PRAGMA page_count").fetchone()[0])
        page_size = int(db.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher answers with a string
        if page_count * page_size != size:
            raise BackupError(f"{CORRUPT}（{path}）")
        version = schema_version(db)
        if not 1 <= version <= len(migration_names()) or not db["cases"].exists():
            raise BackupError(f"{NOT_A_BACKUP}（{path}）")
        if not {m.name for m in migrations.applied(db)} <= set(migration_names()):
            raise BackupError(
                "新しい版の国保デスクで作られたバックアップです。国保デスクを更新してから戻してください。"
                f"何も置き換えていません（{path}）"
            )
        cases = db.execute("SELECT count(*) FROM cases WHERE deleted_at IS NULL").fetchone()[0]
    except Error:
        raise BackupError(f"{CORRUPT}（{path}）") from None
    finally:
        db.close()
    return BackupInfo(path, cases, version, encrypted)


def _digest(path: Path) -> bytes:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").digest()


def restore_backup(backup: Path, db_path: Path, passphrase: str | None, *, user: str | None = None) -> BackupInfo:
    """Replace the database at ``db_path`` by the checked backup; the replaced one is kept as a backup.

    The current database must open with the same passphrase (a backup keeps the
    passphrase it was made with); otherwise nothing is replaced.
    """
    backup, db_path = Path(backup), Path(db_path)
    info = verify_backup(backup, passphrase, require_encrypted=encryption.is_encrypted(db_path))
    copy = db_path.with_name(db_path.name + ".restoring")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(backup, copy)
        fsync_file(copy)
        if _digest(copy) != _digest(backup):
            raise BackupError(f"バックアップを正しく写せませんでした。何も置き換えていません（{copy}）")
        kept = _keep_current(db_path, passphrase) if db_path.exists() else None
        os.replace(copy, db_path)
        for sidecar in sidecar_files(db_path):
            sidecar.unlink(missing_ok=True)
    except OSError as e:
        raise BackupError(f"バックアップから戻せませんでした。何も置き換えていません（{e}）") from None
    finally:
        copy.unlink(missing_ok=True)
    fsync_file(db_path)
    with open_store(db_path, user=user, passphrase=passphrase if info.encrypted else None) as store:
        kept_note = f"、戻す前のデータベースは {kept.name}" if kept is not None else ""
        store.audit("restore", None, f"{backup.name}（{info.cases}件）{kept_note}")
    return info


def _keep_current(db_path: Path, passphrase: str | None) -> Path:
    """Back up the database about to be replaced (the backup written), and make sure no other program has it open."""
    try:
        db = connect(db_path, passphrase if encryption.is_encrypted(db_path) else None)
    except PassphraseError:
        raise BackupError(
            "今のデータベースをこのパスフレーズで開けません。バックアップとパスフレーズが違うようです。"
            "何も置き換えていません"
        ) from None
    try:
        kept = write_backup(db, db_path, "before-restore")
    finally:
        db.close()
    wal = sidecar_files(db_path)[0]
    if wal.exists() and wal.stat().st_size:
        raise BackupError(
            "データベースが他の画面やプログラムで開かれています。閉じてからもう一度戻してください。"
            "何も置き換えていません"
        )
    return kept
