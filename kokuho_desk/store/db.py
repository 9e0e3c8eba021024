"""Open the database file: the one place that creates a connection.

Connections go through SQLCipher (sqlcipher3, SQLite with page encryption), with or
without a key. Every connection gets the same pragmas: WAL (readers never block the
writer), foreign keys on, ``synchronous=FULL`` (a save that returned has reached the
disk and survives a killed process or a power cut) and a busy timeout; an encrypted
one also keeps its temporary tables in memory, so that nothing decrypted reaches a
temporary file.

Which files are encrypted (see encryption.py for the keys):

- ``connect(path, passphrase)`` opens an encrypted file with that passphrase, or
  creates one; a wrong passphrase raises PassphraseError 「パスフレーズが違います」.
- ``connect(path)`` with no passphrase uses the one ``path`` was unlocked with earlier
  in this process (``encryption.remember``), else opens or creates a plain SQLite
  file: that is for tests and development only. The program's entry points (the
  window's passphrase dialog, ``commands/passphrase.py`` for the subcommands) always
  give a passphrase for a database they create.
- ``encrypt_file`` turns an existing plain database into an encrypted one (the
  database of a version before encryption, at its first start with a passphrase).

Files and folders the store creates are private to the user on POSIX (0600 files in
0700 folders). Errors are told apart by SQLite's result code: only "not a database"
with a passphrase is 「パスフレーズが違います」; a full, read-only or failing disk says so
(``disk_message``), and a database busy in another program past the busy timeout says so.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import platformdirs
import sqlite_utils
from sqlcipher3 import dbapi2

from kokuho_desk.store import encryption

APP_DIR_NAME = "kokuho-desk"
DB_FILE_NAME = "kokuho-desk.db"
BUSY_TIMEOUT_MS = 5000

# The DB-API exceptions of the connections made here (sqlcipher3's, not the standard library's sqlite3).
Error = dbapi2.Error
DatabaseError = dbapi2.DatabaseError
OperationalError = dbapi2.OperationalError

WRONG_PASSPHRASE = "パスフレーズが違います。"
PASSPHRASE_NEEDED = (
    "パスフレーズなしではデータベースとして読めないファイルです: {path}\n"
    "暗号化されたデータベースなら、パスフレーズを入力してください"
    "（コマンドでは環境変数 KOKUHO_DESK_PASSPHRASE でも指定できます）。"
)


# SQLite result codes (primary) that mean the disk, not the passphrase, is the problem.
_DISK_MESSAGES = {
    "SQLITE_FULL": "ディスクがいっぱいです。空きを作ってからもう一度してください。",
    "SQLITE_READONLY": "書き込みできない場所（読み取り専用のディスクやフォルダ）にあるため保存できません。",
    "SQLITE_CANTOPEN": "ファイルを開けません（フォルダがない、書き込みできない、またはディスクの問題です）。",
    "SQLITE_IOERR": "ディスクの読み書きに失敗しました（ディスクがいっぱいか、故障している可能性があります）。",
    "SQLITE_PERM": "ファイルを使う権限がありません。",
    "SQLITE_BUSY": "データベースを他の画面やプログラムが使用中です。少し待ってからもう一度してください。",
    "SQLITE_LOCKED": "データベースを他の画面やプログラムが使用中です。少し待ってからもう一度してください。",
}
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def disk_message(e: BaseException) -> str | None:
    """The Japanese message for a disk or busy error (full, read-only, I/O, locked), None for any other error."""
    name = getattr(e, "sqlite_errorname", "") or ""
    for code, message in _DISK_MESSAGES.items():
        if name == code or name.startswith(code + "_"):
            return message
    if isinstance(e, OSError):
        if e.errno == errno.ENOSPC:
            return _DISK_MESSAGES["SQLITE_FULL"]
        if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return _DISK_MESSAGES["SQLITE_READONLY"]
    return None


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) readable by the user only (POSIX)."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        if os.name == "posix":
            os.chmod(folder, PRIVATE_DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 unless it exists (SQLite's WAL and -shm files take its mode)."""
    private_folder(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), PRIVATE_FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


class StoreError(Exception):
    """The database cannot be used; str(e) is the Japanese message for the user."""


class PassphraseError(StoreError):
    """The passphrase is missing or wrong; str(e) is the Japanese message."""


def default_db_path() -> Path:
    """The database in the user's data folder (e.g. %LOCALAPPDATA%\\kokuho-desk on Windows)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / DB_FILE_NAME


def sidecar_files(path: Path) -> list[Path]:
    """The WAL and shared-memory files SQLite keeps next to the database."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def fsync_file(path: Path) -> None:
    """Flush a written file (and on POSIX its folder entry) to the disk."""
    with open(path, "rb+") as f:
        os.fsync(f.fileno())
    if os.name == "posix":
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def connect(path: str | Path, passphrase: str | None = None, *, read_only: bool = False) -> sqlite_utils.Database:
    """A sqlite-utils Database on ``path`` with the store's pragmas; creates the file if needed.

    ``read_only`` opens an existing file as immutable (to check a backup): nothing is
    written to it or next to it. The connection belongs to the calling thread
    (check_same_thread).
    """
    memory = str(path) == ":memory:"
    path = Path(path)
    if passphrase is None and not memory:
        passphrase = encryption.remembered(path)
    header = b"" if memory else encryption.file_header(path)
    encrypted = encryption.is_encrypted(path) if not memory else False
    if encrypted and passphrase is None:
        raise PassphraseError(PASSPHRASE_NEEDED.format(path=path))
    if header == encryption.PLAINTEXT_HEADER and passphrase is not None:
        raise StoreError(f"このデータベースは暗号化されていません: {path}")
    try:
        if read_only:
            uri = path.resolve(strict=True).as_uri() + "?mode=ro&immutable=1"
            conn = dbapi2.connect(uri, uri=True)
        else:
            if not memory:
                create_private_file(path)
            conn = dbapi2.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except (OSError, Error) as e:
        raise StoreError(f"データベースのファイルを開けません: {path}（{disk_message(e) or e}）") from None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported below, not on stderr
        if passphrase is not None:
            salt = header if encrypted else encryption.new_file_salt(passphrase)
            conn.execute(encryption.key_pragma(passphrase, salt, new_file=not encrypted))
            conn.execute("PRAGMA temp_store = MEMORY")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError as e:
            if passphrase is not None and getattr(e, "sqlite_errorname", "") == "SQLITE_NOTADB":
                raise PassphraseError(WRONG_PASSPHRASE) from None
            raise
        db = sqlite_utils.Database(conn)
        if not read_only:
            with db.ensure_autocommit_on():
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except PassphraseError:
        conn.close()
        raise
    except DatabaseError as e:
        conn.close()
        message = disk_message(e)
        if message is not None:
            raise StoreError(f"データベースを開けません: {path}\n{message}") from None
        raise StoreError(f"国保デスクのデータベースとして読めないファイルです: {path}（{e}）") from None
    if passphrase is not None and not (memory or read_only):
        encryption.remember(path, passphrase)
    return db


def encrypt_file(path: Path, passphrase: str, *, unlock: bool = True) -> None:
    """Replace the plain database at ``path`` by an encrypted copy (same schema, data and version).

    The copy is written next to it, flushed, and renamed over the original: a crash
    leaves either the plain file or the encrypted one, never half of each. ``unlock``
    remembers the passphrase for the file (not wanted for a backup).
    """
    target = path.with_name(path.name + ".encrypting")
    target.unlink(missing_ok=True)
    create_private_file(target)
    plain = connect(path)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        salt = encryption.new_file_salt(passphrase)
        key = encryption.derive_key(passphrase, salt).hex()
        with plain.ensure_autocommit_on():
            plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key}{salt.hex()}'\"", [str(target)])
            plain.execute("SELECT sqlcipher_export('encrypted')")
            plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
            plain.execute("DETACH DATABASE encrypted")
    except Error as e:
        target.unlink(missing_ok=True)
        raise StoreError(f"データベースを暗号化できませんでした。元のファイルはそのままです（{e}）") from None
    finally:
        plain.close()
    wal = sidecar_files(path)[0]
    if wal.exists() and wal.stat().st_size:
        target.unlink(missing_ok=True)
        raise StoreError(
            "データベースが他のプログラムで開かれているため暗号化できません。閉じてからもう一度開いてください。"
        )
    fsync_file(target)
    os.replace(target, path)
    for sidecar in sidecar_files(path):
        sidecar.unlink(missing_ok=True)
    if unlock:
        encryption.remember(path, passphrase)
