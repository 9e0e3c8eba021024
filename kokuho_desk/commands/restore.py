"""``kokuho-desk restore FILE``: replace the database by a backup, after checking the backup whole.

A corrupted backup, a wrong passphrase or a file that is not a backup is refused
with a Japanese message (exit 2) and nothing is replaced. The database being
replaced is kept in the backups folder (``…-before-restore.bak``). Before anything
is replaced the user confirms on the terminal; ``--yes`` skips that (scripts), and
without a terminal (no stdin) the command refuses unless ``--yes`` is given.
"""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from kokuho_desk.cli import EXIT_INVALID, EXIT_OK
from kokuho_desk.commands.passphrase import cli_passphrase, db_path
from kokuho_desk.store import StoreError, restore_backup
from kokuho_desk.store.backups import backup_folder


def confirmed(path: Path, backup: Path, yes: bool) -> bool:
    """Whether the user agreed to replace ``path`` by ``backup`` (always with --yes; never without a terminal)."""
    if yes:
        return True
    if sys.stdin is None or not sys.stdin.isatty():
        print(
            "確認できないため戻していません。端末から実行して確認に答えるか、スクリプトでは --yes を付けてください。",
            file=sys.stderr,
        )
        return False
    answer = input(
        f"今のデータベース {path} を、バックアップ {backup.name} の内容で置き換えます。\n"
        "（今のデータベースはバックアップとして残します）よろしいですか？ [y/N]: "
    )
    if answer.strip().lower() not in ("y", "yes", "はい"):
        print("戻していません。", file=sys.stderr)
        return False
    return True


def run(args: Namespace) -> int:
    path, backup = db_path(args.db), Path(args.file)
    if not confirmed(path, backup, args.yes):
        return EXIT_INVALID
    try:
        info = restore_backup(backup, path, cli_passphrase(backup))
    except StoreError as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID
    print(f"バックアップから戻しました（{info.cases}件）: {backup}")
    print(f"戻す前のデータベースは {backup_folder(path)} に残しています。")
    return EXIT_OK
