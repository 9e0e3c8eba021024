"""`kokuho-desk stats desk|export|merge`: protected count tables for the regional and national 社保協."""

from __future__ import annotations

import sys
import unicodedata
from argparse import Namespace
from datetime import date
from pathlib import Path

from kokuho_desk.safe_output import OutputRefused, check_output
from kokuho_desk.stats.export import ExportError, audit_detail, export_desk
from kokuho_desk.stats.merge import MergeError, merge_files
from kokuho_desk.stats.output import OutputError
from kokuho_desk.stats.package import StatsFile, StatsFileError, read_stats_file, write_stats_file
from kokuho_desk.stats.periods import Quarter
from kokuho_desk.stats.policy import InvalidK, load_policy

EXIT_OK, EXIT_INVALID = 0, 2


class _Invalid(ValueError):
    pass


def _text(value: str | None, option: str) -> str:
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not text:
        raise _Invalid(f"{option} を指定してください")
    return text


def _store(args: Namespace):
    from kokuho_desk.commands.passphrase import open_cli_store

    return open_cli_store(args.db)


def desk(args: Namespace) -> str:
    from kokuho_desk.store import StoreError

    try:
        with _store(args) as store:
            if args.desk_id is None and args.name is None:
                desk_id, name, _ = store.desk_identity()
                return f"相談窓口: {name or '（未設定）'}（ID {desk_id or '未設定'}）"
            store.set_desk_identity(_text(args.desk_id, "--id"), _text(args.name, "--name"))
            return f"相談窓口を設定しました: {args.name}（ID {args.desk_id}）"
    except StoreError as e:
        raise _Invalid(str(e)) from None


def export(args: Namespace) -> str:
    from kokuho_desk.commands.passphrase import db_path
    from kokuho_desk.store import StoreError

    # Refused before anything is counted or recorded as exported: the database, its backups, a link,
    # or a file already there (an earlier export is never replaced).
    try:
        out = check_output(args.out, protect=[db_path(args.db)], overwrite=False)
    except OutputRefused as e:
        raise _Invalid(str(e)) from None
    today = date.fromisoformat(args.today) if getattr(args, "today", None) else date.today()
    try:
        with _store(args) as store:
            f, entries = export_desk(store, today=today, k=args.k, reissue=tuple(args.reissue or ()))
            path = write_stats_file(f, out, load_policy())
            store.record_stats_export(f.export_id, entries, audit_detail(f, str(path)))
    except StoreError as e:
        raise _Invalid(str(e)) from None
    return summary(f, path)


def merge(args: Namespace) -> str:
    inputs = [(name, read_stats_file(Path(name))) for name in args.files]
    f = merge_files(inputs, k=args.k, today=date.today())
    path = write_stats_file(f, Path(args.out), load_policy())
    return summary(f, path)


def summary(f: StatsFile, path: Path) -> str:
    periods = "、".join(Quarter.parse(p).label for p in f.periods)
    desks = "、".join(d["name"] for d in f.desks)
    return f"書き出しました: {path}\n  期間 {periods}（{desks}）、k={f.k}、秘匿 {sum(f.hidden.values())}か所"


def run(args: Namespace) -> int:
    command = {"desk": desk, "export": export, "merge": merge}[args.stats_command]
    try:
        print(command(args))
    except (_Invalid, InvalidK, ExportError, StatsFileError, MergeError, OutputError) as e:
        print(f"エラー: {e}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK
