"""``kokuho-desk restore FILE``: replace the database by a backup, after checking the backup whole.

A corrupted backup, a wrong passphrase or a file that is not a backup is refused
with a Japanese message (exit 2) and nothing is replaced. The database being
replaced is kept in the backups folder (``…-before-restore.bak``).
"""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from kokuho_desk.cli import EXIT_INVALID, EXIT_OK
from kokuho_desk.commands.passphrase import cli_passphrase, db_path
from kokuho_desk.store import StoreError, restore_backup
from kokuho_desk.store.backups import backup_folder


def run(args: Namespace) -> int:
    path, backup = db_path(args.db), Path(args.file)
    try:
        info = restore_backup(backup, path, cli_passphrase(backup))
    except StoreError as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID
    print(f"バックアップから戻しました（{info.cases}件）: {backup}")
    print(f"戻す前のデータベースは {backup_folder(path)} に残しています。")
    return EXIT_OK
