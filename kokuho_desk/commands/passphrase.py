"""The passphrase of the database for the subcommands (the window asks in its own dialog).

From the environment variable ``KOKUHO_DESK_PASSPHRASE`` if set, else asked on the
terminal (twice for a new database) when there is one. A subcommand never creates
a plain database: without a passphrase it refuses, unless
``KOKUHO_DESK_NO_ENCRYPTION=1`` asks for a plain one (development and tests only).
A passphrase for a new database (or one not yet encrypted) is rated with zxcvbn
(store/passphrase_strength.py): the weakest are refused, a weak one is warned about.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from kokuho_desk.rules import desk_rates
from kokuho_desk.store import Store, StoreError, default_db_path, is_encrypted, open_store
from kokuho_desk.store.db import PassphraseError
from kokuho_desk.store.passphrase_strength import assess

ENV_PASSPHRASE = "KOKUHO_DESK_PASSPHRASE"
ENV_NO_ENCRYPTION = "KOKUHO_DESK_NO_ENCRYPTION"


def db_path(db: str | None) -> Path:
    return Path(db) if db else default_db_path()


def cli_passphrase(path: Path) -> str | None:
    """The passphrase for ``path``: the environment's, or typed on the terminal, or None."""
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if not passphrase:
        if not sys.stdin.isatty():
            return None
        passphrase = getpass.getpass("パスフレーズ: ")
        if not is_encrypted(path) and passphrase and getpass.getpass("もう一度: ") != passphrase:
            raise PassphraseError("二つのパスフレーズが同じではありません。")
    if passphrase and not is_encrypted(path):  # it is being set now
        check_new_passphrase(passphrase)
    return passphrase or None


def check_new_passphrase(passphrase: str) -> None:
    """Refuse (PassphraseError) the weakest passphrases; warn on stderr about a weak one."""
    strength = assess(passphrase)
    if strength.refused:
        raise PassphraseError(f"このパスフレーズは{strength.message}。")
    if strength.weak:
        print(f"注意: {strength.message}。", file=sys.stderr)


def open_cli_store(db: str | None) -> Store:
    """open_store for a subcommand, with the passphrase from cli_passphrase; a new database is encrypted."""
    path = db_path(db)
    passphrase = cli_passphrase(path)
    if passphrase is None and not is_encrypted(path) and os.environ.get(ENV_NO_ENCRYPTION) != "1":
        if not path.exists() or path.stat().st_size == 0:
            raise StoreError(
                f"新しいデータベースは暗号化して作ります。パスフレーズを環境変数 {ENV_PASSPHRASE} に"
                "設定するか、端末から実行して入力してください。"
            )
    store = open_store(path, passphrase=passphrase)
    desk_rates.install(store.desk_rates())  # the rates this desk entered, for every judgement made here
    return store
