"""The store: cases in a local SQLite database (sqlite-utils), encrypted, with search, deadlines and audit.

    with open_store(path, passphrase="…") as store:   # None → default_db_path(); creates and migrates
        case_id = store.create(case)

Encryption (db.py, encryption.py): every database the program creates for a user
is encrypted with SQLCipher, the key derived from the user's passphrase. The
passphrase is asked by the program's entry points (the window's passphrase dialog;
``KOKUHO_DESK_PASSPHRASE`` or a prompt for the subcommands, commands/passphrase.py)
and given to ``open_store``, which then remembers it for that file for the rest of
the process, so that other connections (a worker thread, a view) open with
``open_store(path)``. ``open_store(path)`` on a file nobody unlocked opens or creates
a plain database: that is for tests and development only. A wrong passphrase
raises PassphraseError 「パスフレーズが違います」.

Backups (backups.py, restore.py): encrypted like the database, in ``backups/`` next to
it, rotated; restore checks the whole backup before replacing anything.

See repository.py for the API and the thread rules, migrations.py for the schema.
"""

from kokuho_desk.store.backups import BackupFile, list_backups
from kokuho_desk.store.db import PassphraseError, StoreError, default_db_path
from kokuho_desk.store.encryption import is_encrypted
from kokuho_desk.store.repository import AuditEntry, CaseNotFound, CaseSummary, Deadline, Store, open_store
from kokuho_desk.store.restore import BackupError, BackupInfo, restore_backup, verify_backup

__all__ = [
    "AuditEntry",
    "BackupError",
    "BackupFile",
    "BackupInfo",
    "CaseNotFound",
    "CaseSummary",
    "Deadline",
    "PassphraseError",
    "Store",
    "StoreError",
    "default_db_path",
    "is_encrypted",
    "list_backups",
    "open_store",
    "restore_backup",
    "verify_backup",
]
