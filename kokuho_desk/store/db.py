"""Open the database file: the one place that creates a connection.

Every connection gets the same pragmas: WAL (readers never block the writer),
foreign keys on, ``synchronous=FULL`` (a save that returned has reached the disk and
survives a killed process or a power cut) and a busy timeout. SQLCipher encryption
will be added here, behind the same ``connect(path)``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import platformdirs
import sqlite_utils

APP_DIR_NAME = "kokuho-desk"
DB_FILE_NAME = "kokuho-desk.db"
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """The database cannot be used; str(e) is the Japanese message for the user."""


def default_db_path() -> Path:
    """The database in the user's data folder (e.g. %LOCALAPPDATA%\\kokuho-desk on Windows)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / DB_FILE_NAME


def connect(path: str | Path) -> sqlite_utils.Database:
    """A sqlite-utils Database on ``path`` with the store's pragmas; creates the file if needed.

    The connection belongs to the calling thread (sqlite3's check_same_thread).
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except (OSError, sqlite3.Error) as e:
        raise StoreError(f"データベースのファイルを開けません: {path}（{e}）") from None
    try:
        db = sqlite_utils.Database(conn)
        with db.ensure_autocommit_on():
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except sqlite3.DatabaseError as e:
        conn.close()
        raise StoreError(f"国保デスクのデータベースとして読めないファイルです: {path}（{e}）") from None
    return db
