"""`kokuho-desk letter KIND FILE|ID … -o OUT` and `kokuho-desk letter --list`.

One source → OUT is the PDF (default: KIND-<name>.pdf here). Several sources (集団申請:
one letter kind for many households) → OUT is a folder, one PDF per case. A source is a
case file, or the number of a case in the database; for those the letter is recorded
in the case's log and in the audit trail. Every source is read before anything is
written, so a bad one stops the batch with nothing half done (exit 2).
"""

from __future__ import annotations

import sys
from argparse import Namespace
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kokuho_desk.cli import EXIT_INVALID, EXIT_OK
from kokuho_desk.commands.passphrase import open_cli_store
from kokuho_desk.letters import FontNotFoundError, LetterError, list_letters, make_letter, record_letter
from kokuho_desk.model.case import Case
from kokuho_desk.model.casefile import CaseFileError, load_case
from kokuho_desk.safe_output import OutputRefused, write_output
from kokuho_desk.commands.passphrase import db_path
from kokuho_desk.store import CaseNotFound, StoreError


@dataclass
class Source:
    label: str  # file stem or case-<id>, for output names and messages
    case: Case
    case_id: int | None = None


def _print_list() -> int:
    for kind, title in list_letters():
        print(f"{kind}\t{title}")
    return EXIT_OK


def _is_case_id(text: str) -> bool:
    return text.isdigit() and not Path(text).exists()


def _read_sources(args: Namespace) -> list[Source]:
    sources = []
    ids = [int(s) for s in args.sources if _is_case_id(s)]
    cases_by_id: dict[int, Case] = {}
    if ids:
        with open_cli_store(args.db) as store:
            cases_by_id = {i: store.get(i) for i in ids}
    for text in args.sources:
        if _is_case_id(text):
            sources.append(Source(f"case-{int(text)}", cases_by_id[int(text)], int(text)))
        else:
            sources.append(Source(Path(text).stem, load_case(text)))
    return sources


def _outputs(args: Namespace, sources: list[Source]) -> list[Path]:
    if len(sources) == 1:
        return [Path(args.out or f"{args.kind}-{sources[0].label}.pdf")]
    folder = Path(args.out or f"{args.kind}-letters")
    folder.mkdir(parents=True, exist_ok=True)
    return [folder / f"{args.kind}-{s.label}.pdf" for s in sources]


def run(args: Namespace) -> int:
    if args.list:
        return _print_list()
    if not args.kind or not args.sources:
        print("書類の種類とケース（ファイルまたはケース番号）を指定してください。"
              "例: kokuho-desk letter copayment-relief case.json -o 申請書.pdf（一覧は --list）", file=sys.stderr)
        return EXIT_INVALID
    if args.kind not in dict(list_letters()):
        print(f"「{args.kind}」という書類はありません。作れる書類: {', '.join(dict(list_letters()))}", file=sys.stderr)
        return EXIT_INVALID
    try:
        sources = _read_sources(args)
    except CaseFileError as e:
        print("ケースファイルを読めません（書類は作っていません）:", file=sys.stderr)
        for error in e.errors:
            print(f"  {error}", file=sys.stderr)
        return EXIT_INVALID
    except (CaseNotFound, StoreError) as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID

    today = date.today()
    made: list[tuple[Source, Path]] = []
    try:
        for source, out in zip(sources, _outputs(args, sources)):
            pdf = make_letter(args.kind, source.case, today=today, font=args.font)
            write_output(out, pdf, protect=[db_path(args.db)])  # never the database, never through a link
            made.append((source, out))
            print(f"作成しました: {out}")
    except (FontNotFoundError, LetterError, OutputRefused) as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID
    except OSError as e:
        print(f"PDFを書き出せません: {e.filename}（{e.strerror}）", file=sys.stderr)
        return EXIT_INVALID
    finally:
        stored = [(s, out) for s, out in made if s.case_id is not None]
        if stored:
            with open_cli_store(args.db) as store:
                for source, out in stored:
                    record_letter(store, source.case_id, args.kind, today, out.name)
    return EXIT_OK
