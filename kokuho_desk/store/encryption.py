"""Keys for SQLCipher: from a passphrase to the raw key of one database file.

The key is derived exactly as SQLCipher 4 derives it from a passphrase
(PBKDF2-HMAC-SHA512, 256,000 iterations, the 16-byte salt at the start of the
file), so a file stays openable with ``PRAGMA key = '<passphrase>'`` in any
SQLCipher tool. The derivation is done here, once per (passphrase, salt) in a
process, and the raw key is handed to SQLCipher (``PRAGMA key = "x'…'"``), which
then skips its own KDF: opening a second connection costs milliseconds, not the
KDF's few hundred.

A new file gets the salt of the last key derived for the same passphrase in this
process (a random one otherwise): the files of one passphrase in one session
(database, backups, a re-created database) share a key, and a test suite pays
the KDF once. The salt only has to make precomputed tables useless; it need not
differ between the files of one user.

``remember(path, passphrase)`` unlocks a file for the rest of the process, so that
a second connection on the same file (a worker thread, a view) opens without
asking the user again.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

KDF_ITERATIONS = 256_000  # SQLCipher 4's default
KEY_BYTES = 32
SALT_BYTES = 16
PLAINTEXT_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096  # SQLCipher 4's default; a file of ours is a whole number of these pages

_lock = threading.Lock()
_keys: dict[tuple[str, bytes], bytes] = {}
_last_salt: dict[str, bytes] = {}
_unlocked: dict[Path, str] = {}


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """The raw 32-byte key of ``passphrase`` for a file with ``salt`` (cached in the process)."""
    with _lock:
        key = _keys.get((passphrase, salt))
    if key is None:
        kdf = PBKDF2HMAC(algorithm=hashes.SHA512(), length=KEY_BYTES, salt=salt, iterations=KDF_ITERATIONS)
        key = kdf.derive(passphrase.encode("utf-8"))
        with _lock:
            _keys[(passphrase, salt)] = key
            _last_salt[passphrase] = salt
    return key


def new_file_salt(passphrase: str) -> bytes:
    """The salt for a new file encrypted with ``passphrase``."""
    with _lock:
        salt = _last_salt.get(passphrase)
    return salt if salt is not None else os.urandom(SALT_BYTES)


def file_header(path: Path) -> bytes:
    """The first 16 bytes of the file (b"" if it is missing or empty)."""
    try:
        with open(path, "rb") as f:
            return f.read(SALT_BYTES)
    except FileNotFoundError:
        return b""


def is_encrypted(path: Path) -> bool:
    """Whether the file exists and is not a plain SQLite database (an encrypted one starts with its salt)."""
    header = file_header(path)
    return len(header) == SALT_BYTES and header != PLAINTEXT_HEADER


def key_pragma(passphrase: str, salt: bytes, *, new_file: bool) -> str:
    """The ``PRAGMA key`` statement for the file; a new file is also told its salt."""
    key = derive_key(passphrase, salt).hex()
    return f"PRAGMA key = \"x'{key}{salt.hex() if new_file else ''}'\""


def remember(path: Path, passphrase: str) -> None:
    """Unlock ``path`` for later connections of this process that are not given a passphrase."""
    with _lock:
        _unlocked[path.resolve()] = passphrase


def remembered(path: Path) -> str | None:
    """The passphrase ``path`` was unlocked with in this process, if any."""
    with _lock:
        return _unlocked.get(path.resolve())


def forget(path: Path) -> None:
    """Lock ``path`` again: drop its passphrase and every key derived from it from the process."""
    with _lock:
        passphrase = _unlocked.pop(path.resolve(), None)
        if passphrase is None:
            return
        for cached in [k for k in _keys if k[0] == passphrase]:
            del _keys[cached]
        _last_salt.pop(passphrase, None)
