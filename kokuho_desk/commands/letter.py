"""`kokuho-desk letter KIND FILE|ID … -o OUT` and `kokuho-desk letter --list`.

One source → OUT is the PDF (default: KIND-<name>.pdf here). Several sources (集団申請:
one letter kind for many households) → OUT is a folder holding one PDF per household
(named by case number or input name; a repeated name gets -2, -3 …) and KIND-まとめ.pdf,
the 申請者一覧 followed by every letter, to print in one job. A source is a case file, or
the number of a case in the database; for those the letter is recorded in the case's log
and in the audit trail. Every source is read before anything is written, so a bad one
stops the batch with nothing half done (exit 2) and names its file.

When the checks do not support the letter (非該当・情報不足) it is still made — the client
may know more than the case holds — with a Japanese warning on stderr (exit 0).
"""

from __future__ import annotations

import sys
from argparse import Namespace
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kokuho_desk.cli import EXIT_INVALID, EXIT_OK
from kokuho_desk.commands.passphrase import db_path, open_cli_store
from kokuho_desk.letters import (
    DeskInfo,
    FontNotFoundError,
    LetterError,
    list_letters,
    make_letter,
    record_letter,
    verdict_warning,
)
from kokuho_desk.letters.batch import BatchLetter, batch_names, combined_pdf
from kokuho_desk.model.case import Case
from kokuho_desk.model.casefile import CaseFileError, load_case
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.safe_output import OutputRefused, write_output
from kokuho_desk.store import CaseNotFound, StoreError

COMBINED_NAME = "{kind}-まとめ.pdf"  # the one print file of a batch


class SourceError(ValueError):
    """One input cannot be read; the message names it."""


@dataclass
class Source:
    """A case to print a letter for: read from a case file or the desk's database."""

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
            continue
        try:
            sources.append(Source(Path(text).stem, load_case(text)))
        except CaseFileError as e:
            raise SourceError(
                "\n".join(
                    [f"ケースファイルを読めません（書類は作っていません）: {text}"]
                    + [f"  {error}" for error in e.errors]
                )
            ) from None
    return sources


def _outputs(args: Namespace, sources: list[Source]) -> tuple[list[Path], Path | None]:
    """(one path per source, the combined print file of a batch or None)."""
    if len(sources) == 1:
        return [Path(args.out or f"{args.kind}-{sources[0].label}.pdf")], None
    folder = Path(args.out or f"{args.kind}-letters")
    folder.mkdir(parents=True, exist_ok=True)
    names = batch_names([f"{args.kind}-{s.label}" for s in sources])
    return [folder / f"{n}.pdf" for n in names], folder / COMBINED_NAME.format(kind=args.kind)


def _desk(args: Namespace) -> DeskInfo:
    return DeskInfo(
        name=args.desk or "", volunteer=args.volunteer or "", phone=args.desk_phone or "", agent=args.agent or ""
    )


def _applied_on(args: Namespace) -> date | None:
    if not args.date:
        return None
    try:
        return date.fromisoformat(args.date)
    except ValueError:
        raise SourceError(f"申請日「{args.date}」を読めません。2026-12-04 のように書いてください。") from None


def run(args: Namespace) -> int:
    if args.list:
        return _print_list()
    if not args.kind or not args.sources:
        print(
            "書類の種類とケース（ファイルまたはケース番号）を指定してください。"
            "例: kokuho-desk letter copayment-relief case.json -o 申請書.pdf（一覧は --list）",
            file=sys.stderr,
        )
        return EXIT_INVALID
    if args.kind not in dict(list_letters()):
        print(f"「{args.kind}」という書類はありません。作れる書類: {', '.join(dict(list_letters()))}", file=sys.stderr)
        return EXIT_INVALID
    try:
        applied_on = _applied_on(args)
        sources = _read_sources(args)
    except SourceError as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID
    except (CaseNotFound, StoreError) as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID

    today = date.today()
    desk = _desk(args)
    outputs, combined = _outputs(args, sources)
    made: list[tuple[Source, Path]] = []
    batch: list[BatchLetter] = []
    try:
        for source, out in zip(sources, outputs):
            report = run_checks(source.case)
            warning = verdict_warning(args.kind, report)
            if warning:
                print(f"注意（{out.stem}）: {warning}", file=sys.stderr)
            pdf = make_letter(
                args.kind, source.case, report, today=today, desk=desk, applied_on=applied_on, font=args.font
            )
            write_output(out, pdf, protect=[db_path(args.db)])  # never the database, never through a link
            made.append((source, out))
            batch.append(BatchLetter(out.stem, source.case, pdf))
            print(f"作成しました: {out}")
        if combined is not None:
            write_output(
                combined, combined_pdf(args.kind, batch, today=today, font=args.font), protect=[db_path(args.db)]
            )
            print(f"まとめて印刷するファイル（申請者一覧つき）: {combined}")
    except (FontNotFoundError, LetterError, OutputRefused) as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID
    except OSError as e:
        print(f"PDFを書き出せません: {e.filename}（{e.strerror}）", file=sys.stderr)
        return EXIT_INVALID
    finally:
        stored = [(s.case_id, out) for s, out in made if s.case_id is not None]
        if stored:
            with open_cli_store(args.db) as store:
                for case_id, out in stored:
                    record_letter(store, case_id, args.kind, today, out.name)
    return EXIT_OK
