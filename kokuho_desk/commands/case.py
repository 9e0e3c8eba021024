"""`kokuho-desk case import FILE` and `kokuho-desk case export ID FILE`.

A bad file is refused whole: every problem is listed in Japanese with its field,
the exit status is 2 and nothing is added to the database.
"""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from kokuho_desk.cli import EXIT_INVALID, EXIT_OK
from kokuho_desk.commands.passphrase import db_path, open_cli_store
from kokuho_desk.model.casefile import CaseFileError, load_case, save_case
from kokuho_desk.safe_output import OutputRefused, check_output
from kokuho_desk.store import CaseNotFound, StoreError


def run(args: Namespace) -> int:
    try:
        if args.case_command == "import":
            return _import(args.db, Path(args.file))
        return _export(args.db, args.id, check_output(args.file, protect=[db_path(args.db)]))
    except (StoreError, OutputRefused) as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID


def _import(db: str | None, file: Path) -> int:
    try:
        case = load_case(file)
    except CaseFileError as e:
        print(f"ケースファイルを取り込めません（何も保存していません）: {file}", file=sys.stderr)
        for error in e.errors:
            print(f"  {error}", file=sys.stderr)
        return EXIT_INVALID
    with open_cli_store(db) as store:
        case_id = store.create(case)
        store.audit("import", case_id, str(file))
    print(f"ケース番号 {case_id} として取り込みました: {case.head.name or '（氏名なし）'}")
    return EXIT_OK


def _export(db: str | None, case_id: int, file: Path) -> int:
    with open_cli_store(db) as store:
        try:
            case = store.get(case_id)
        except CaseNotFound as e:
            print(str(e), file=sys.stderr)
            return EXIT_INVALID
        try:
            save_case(case, file)
        except OSError as e:
            print(f"ファイルに書き出せません: {file}（{e.strerror}）", file=sys.stderr)
            return EXIT_INVALID
        store.audit("export", case_id, str(file))
    print(f"ケース番号 {case_id} を書き出しました: {file}")
    return EXIT_OK
