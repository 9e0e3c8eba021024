"""Letters: a form in forms/ + a context built from the case and its checks → an A4 PDF.

The API the UI and the CLI call:

- :func:`list_letters` — (KIND, title) of every shipped form, in display order;
- :func:`letter_for_check` — the KIND that acts on a check id, if any;
- :func:`make_letter` — the PDF bytes of one letter for one case;
- :func:`record_letter` — note a letter made for a stored case in its log and the audit trail.
"""

from __future__ import annotations

from datetime import date

from kokuho_desk.letters.context import Report, build_context
from kokuho_desk.letters.fonts import FontNotFoundError, load_fonts
from kokuho_desk.letters.render import render
from kokuho_desk.letters.templates import TemplateError, shipped_forms
from kokuho_desk.model.case import Case, LogEntry
from kokuho_desk.rules.engine import run_checks

__all__ = ["FontNotFoundError", "LetterError", "TemplateError", "letter_for_check", "list_letters", "make_letter",
           "record_letter"]


class LetterError(ValueError):
    """The letter cannot be made from this input; the message is Japanese."""


def list_letters() -> list[tuple[str, str]]:
    return [(f.kind, f.title) for f in shipped_forms().values()]


def letter_for_check(check_id: str) -> str | None:
    return next((f.kind for f in shipped_forms().values() if f.check == check_id), None)


def make_letter(kind: str, case: Case, report: Report | None = None, *, today: date | None = None,
                desk: dict | None = None, font: str | None = None) -> bytes:
    """The PDF of letter ``kind`` for ``case``. ``report`` defaults to the checks run
    on the case; ``desk`` = {"name", "contact"} of the 相談窓口; ``font`` a TTF path."""
    forms = shipped_forms()
    form = forms.get(kind)
    if form is None:
        raise LetterError(f"「{kind}」という書類はありません。作れる書類: {', '.join(forms)}")
    if report is None:
        report = run_checks(case)
    ctx = build_context(case, report, form.check, today=today or date.today(), desk=desk)
    return render(form, ctx, load_fonts(font))


def record_letter(store, case_id: int, kind: str, on: date, detail: str | None = None) -> None:
    """Add the letter (kind, date) to the case's log and to the audit trail of ``store``
    (a kokuho_desk.store.Store; passed in so that the letters never open a database)."""
    title = dict(list_letters())[kind]
    store.add_log_entry(case_id, LogEntry(date=on, note=f"{title}を作成（{kind}）", kind="letter"))
    store.audit("letter", case_id, f"{kind} {detail}" if detail else kind)
