"""Letters: a form in forms/ + a context built from the case and its checks → an A4 PDF.

The API the UI and the CLI call:

- :func:`list_letters` — (KIND, title) of every shipped form, in display order;
- :func:`letter_for_check` — the KIND that acts on a check (its next action's letter first), if any;
- :func:`verdict_warning` — the Japanese warning to give before making a letter its check does not support;
- :func:`make_letter` — the PDF bytes of one letter for one case;
- :func:`record_letter` — note a letter made for a stored case in its log and the audit trail.

Batch printing (集団申請) is in :mod:`kokuho_desk.letters.batch`.
"""

from __future__ import annotations

from datetime import date

from kokuho_desk.letters.context import DeskInfo, Report, build_context
from kokuho_desk.letters.fonts import FontNotFoundError, load_fonts
from kokuho_desk.letters.render import render
from kokuho_desk.letters.templates import TemplateError, shipped_forms
from kokuho_desk.model.case import Case, LogEntry
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.rules.result import VERDICT_LABELS, CheckResult

__all__ = [
    "DeskInfo",
    "FontNotFoundError",
    "LetterError",
    "TemplateError",
    "letter_for_check",
    "list_letters",
    "make_letter",
    "record_letter",
    "verdict_warning",
]


class LetterError(ValueError):
    """The letter cannot be made from this input; the message is Japanese."""


def list_letters() -> list[tuple[str, str]]:
    return [(f.kind, f.generic_title) for f in shipped_forms().values()]


def letter_for_check(check: CheckResult | str) -> str | None:
    """The letter that acts on ``check``: the letter its next actions name (e.g. 徴収猶予 when the
    換価の猶予 period has passed), else the form written for the check."""
    forms = shipped_forms()
    if isinstance(check, CheckResult):
        named = next((a.letter for a in check.next_actions if a.letter in forms), None)
        if named:
            return named
        check = check.id
    return next((f.kind for f in forms.values() if f.check == check), None)


def verdict_warning(kind: str, report: Report) -> str | None:
    """Why the checks do not support letter ``kind`` for this case (Japanese), or None. The letter
    can still be made — the client may know more than the case holds — but the desk is told first."""
    form = shipped_forms().get(kind)
    if form is None or form.audience != "office":
        return None
    check = next((c for c in report.checks if c.id == form.check), None) if form.check else None
    if check is None or check.verdict in ("eligible", "likely"):
        return None
    if check.verdict == "needs_info":
        return (
            f"「{check.title}」の判定は「{VERDICT_LABELS['needs_info']}」です。"
            f"「{form.generic_title}」を作れますが、足りない情報を確かめてから出してください。"
        )
    return (
        f"「{check.title}」の判定は「{VERDICT_LABELS['not_eligible']}」です。"
        f"「{form.generic_title}」を作れますが、相談記録票の理由を読んでから出すか決めてください。"
    )


def office_procedures() -> list[str]:
    """The procedures a 委任状 may name: the title of every office letter but the 委任状 itself."""
    return [f.generic_title for f in shipped_forms().values() if f.audience == "office" and f.check]


def make_letter(
    kind: str,
    case: Case,
    report: Report | None = None,
    *,
    today: date | None = None,
    desk: DeskInfo | None = None,
    applied_on: date | None = None,
    font: str | None = None,
) -> bytes:
    """The PDF of letter ``kind`` for ``case``. ``report`` defaults to the checks run on the case;
    ``desk`` the helper printed in the 代理人・同行者 block; ``applied_on`` the 申請日 (None: the
    client writes it); ``font`` a TTF path."""
    forms = shipped_forms()
    form = forms.get(kind)
    if form is None:
        raise LetterError(f"「{kind}」という書類はありません。作れる書類: {', '.join(forms)}")
    if report is None:
        report = run_checks(case)
    ctx = build_context(
        case,
        report,
        form.check,
        today=today or date.today(),
        desk=desk,
        applied_on=applied_on,
        procedures=office_procedures(),
    )
    return render(form, ctx, load_fonts(font))


def record_letter(store, case_id: int, kind: str, on: date, detail: str | None = None) -> None:
    """Add the letter (kind, date) to the case's log and to the audit trail of ``store``
    (a kokuho_desk.store.Store; passed in so that the letters never open a database)."""
    title = dict(list_letters())[kind]
    store.add_log_entry(case_id, LogEntry(entry_date=on, note=f"{title}を作成（{kind}）", kind="letter"))
    store.audit("letter", case_id, f"{kind} {detail}" if detail else kind)
