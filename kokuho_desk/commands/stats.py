"""`kokuho-desk stats export|merge`: anonymised statistics for the regional and national 社保協."""

from __future__ import annotations

import re
import sys
import unicodedata
from argparse import Namespace
from pathlib import Path

from kokuho_desk.stats.anonymize import rows_with_masked_cells
from kokuho_desk.stats.document import Document, StatsFileError, audit_detail, csv_path, read_document, write_document
from kokuho_desk.stats.export import InvalidK, export_cases
from kokuho_desk.stats.merge import MergeError, merge_documents
from kokuho_desk.stats.policy import load_policy
from kokuho_desk.safe_output import OutputRefused, check_output

EXIT_OK, EXIT_INVALID = 0, 2
_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


class _Invalid(ValueError):
    pass


def parse_month(text: str | None, option: str) -> str | None:
    """--from/--to as "YYYY-MM" (a full date counts for its month)."""
    if text is None:
        return None
    m = _MONTH_RE.match(unicodedata.normalize("NFKC", text).strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise _Invalid(f"{option}: 日付は 2025-04 または 2025-04-01 の形で指定してください（指定: {text}）")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"


def _out_path(out: str) -> Path:
    path = Path(out)
    if path.suffix.lower() != ".json":
        raise _Invalid(f"--out: 出力ファイルは .json にしてください（CSV は同じ名前の .csv で隣に作ります）: {out}")
    check_output(csv_path(path), overwrite=False)  # an earlier export is never replaced silently
    return check_output(path, overwrite=False)


def export(args: Namespace) -> str:
    from kokuho_desk.stats.verdicts import StoredJudge
    from kokuho_desk.commands.passphrase import open_cli_store
    from kokuho_desk.store import StoreError

    out = _out_path(args.out)
    month_from, month_to = parse_month(args.date_from, "--from"), parse_month(args.date_to, "--to")
    if month_from and month_to and month_from > month_to:
        raise _Invalid(f"--from（{month_from}）が --to（{month_to}）より後になっています")
    try:
        with open_cli_store(args.db) as store:
            cases = store.all_cases()
            judge = StoredJudge(cases, store.judgements())  # reuse the verdicts the store keeps
            doc = export_cases((case for _, case in cases), judge=judge, k=args.k,
                               desk_id=args.desk_id, month_from=month_from, month_to=month_to)
            json_path, csv_file = write_document(doc, out)
            judge.keep(store)
            store.audit("stats_export", detail=audit_detail(doc, json_path))
    except StoreError as e:
        raise _Invalid(str(e)) from None
    return summary(doc, json_path, csv_file)


def merge(args: Namespace) -> str:
    out = _out_path(args.out)
    inputs = []
    for name in args.files:
        doc, records = read_document(Path(name))
        inputs.append((name, doc, records))
    doc = merge_documents(inputs, k=args.k)
    json_path, csv_file = write_document(doc, out)
    return summary(doc, json_path, csv_file)


def summary(doc: Document, json_path: Path, csv_file: Path) -> str:
    meta = doc.metadata
    period = meta["period"]
    masked = rows_with_masked_cells(doc.records(), load_policy().cell_suppression)
    return (f"書き出しました: {json_path} と {csv_file}\n"
            f"  期間 {period['from'] or '—'}〜{period['to'] or '—'}、{meta['cases_exported']}件"
            f"（うち一部の項目を秘匿 {masked}件、k={meta['k']} に満たず削除 {meta['suppressed']}件）、"
            f"export_id {doc.export_id}")


def run(args: Namespace) -> int:
    command = {"export": export, "merge": merge}[args.stats_command]
    try:
        print(command(args))
    except (_Invalid, InvalidK, StatsFileError, MergeError, OutputRefused) as e:
        print(f"エラー: {e}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK
