"""`kokuho-desk demo`: a database of fictional cases to try the desk with, then the window.

Without --db the demo database is its own file next to the real one
(``kokuho-desk-demo.db``) and is made afresh each time. With --db, the file must not
hold cases yet: the demo never mixes fictional cases into real ones.
"""

from __future__ import annotations

import sys
from argparse import Namespace
from datetime import date
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from kokuho_desk.cli import EXIT_INVALID, EXIT_OK
from kokuho_desk.demo import demo_cases
from kokuho_desk.store import StoreError, default_db_path, open_store

DEMO_FILE_NAME = "kokuho-desk-demo.db"
# The demo holds only fictional cases, but it is encrypted like every database the app makes,
# so that the lock screen and the passphrase can be tried; the passphrase is printed on start.
DEMO_PASSPHRASE = "demo"
MAX_COUNT = 10_000


def demo_db_path() -> Path:
    return default_db_path().with_name(DEMO_FILE_NAME)


def _remove_old_demo(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


DEMO_DESK_ID, DEMO_DESK_NAME = "demo", "デモ相談窓口（架空）"


def run(args: Namespace) -> int:
    if not 1 <= args.count <= MAX_COUNT:
        print(f"事例の数は 1〜{MAX_COUNT} で指定してください: {args.count}", file=sys.stderr)
        return EXIT_INVALID
    path = Path(args.db) if args.db else demo_db_path()
    try:
        if not args.db:
            _remove_old_demo(path)
        with open_store(path, passphrase=DEMO_PASSPHRASE) as store:
            if store.count(status=None):
                print(
                    f"このデータベースには既にケースが入っています。デモには別のファイルを指定してください: {path}",
                    file=sys.stderr,
                )
                return EXIT_INVALID
            for case in demo_cases(args.count, today=date.today()):
                store.create(case)
            store.set_desk_identity(DEMO_DESK_ID, DEMO_DESK_NAME)  # no first-run question in the demo
            store.audit("demo", None, f"架空の事例 {args.count} 件")
    except OSError as e:
        print(f"デモ用データベースを作れません（使用中かもしれません）: {path}（{e.strerror}）", file=sys.stderr)
        return EXIT_INVALID
    except StoreError as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID
    print(f"デモ用データベースを作りました（架空の事例 {args.count} 件）: {path}")
    print(f"デモ用のパスフレーズは「{DEMO_PASSPHRASE}」です（画面のロックを解除するときに使います）。")
    if args.no_gui:
        return EXIT_OK
    if find_spec("kokuho_desk.commands.gui") is None:
        print("画面はまだ用意されていません。`kokuho-desk --db` でこのファイルを指定して使ってください。")
        return EXIT_OK
    args.db = str(path)
    args.passphrase = DEMO_PASSPHRASE
    return import_module("kokuho_desk.commands.gui").run(args)
