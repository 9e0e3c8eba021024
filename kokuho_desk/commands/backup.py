"""``kokuho-desk backup [--out FILE]``: a backup of the database, encrypted like it.

Without --out the backup goes to the ``backups`` folder next to the database. The
passphrase comes from KOKUHO_DESK_PASSPHRASE or the terminal (commands/passphrase.py).
Exit 0 with the file's path on stdout; 2 with a Japanese message on stderr.
"""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from kokuho_desk.cli import EXIT_INVALID, EXIT_OK
from kokuho_desk.commands.passphrase import db_path, open_cli_store
from kokuho_desk.store import StoreError


def run(args: Namespace) -> int:
    path = db_path(args.db)
    out = Path(args.out) if args.out else None
    if not path.is_file():
        print(f"データベースがありません: {path}", file=sys.stderr)
        return EXIT_INVALID
    if out is not None and out.exists():
        print(f"そのファイルはもうあります。別の名前を指定してください: {out}", file=sys.stderr)
        return EXIT_INVALID
    try:
        with open_cli_store(args.db) as store:
            target = store.backup(out=out)
    except StoreError as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID
    print(f"バックアップを作りました: {target}")
    return EXIT_OK
