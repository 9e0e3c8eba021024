"""The case at a glance, as the window's 概要 tab shows it first: the household, arrears by year
with what has passed its 時効, enforcement, the insurance card, the notice against our premium in
one sentence, and what to do now, soonest deadline first. Pure: a case (and the report of its last
judging, if any) in, plain Japanese out; the window only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kokuho_desk.model.case import (
    ENFORCEMENT_LABELS,
    INSURANCE_LABELS,
    RELATION_LABELS,
    SEIZURE_ASSET_LABELS,
    Case,
    age_on,
)
from kokuho_desk.model.formatting import yen
from kokuho_desk.model.wareki import fiscal_year_label, format_wareki
from kokuho_desk.rules.checks.limitation import expiry
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.engine import CheckReport
from kokuho_desk.rules.params import ParameterError


@dataclass(frozen=True)
class ArrearLine:
    """One fiscal year of arrears as the overview shows it."""

    year: str  # 令和6年度
    amount: int | None
    expired: bool  # the whole year's amount has passed its 時効


@dataclass(frozen=True)
class Action:
    """A step to take: from the case's log (``log_index``) or from a check of the last judging."""

    text: str
    due: date | None
    done: bool
    log_index: int | None = None  # None: it came from a check and is not yet in the log

    @property
    def sort_key(self) -> tuple[bool, bool, date, str]:
        return (self.done, self.due is None, self.due or date.max, self.text)


@dataclass(frozen=True)
class Overview:
    """The case at a glance: household, arrears, enforcement, insurance, the notice and the steps to take."""

    household: list[str]
    arrears: list[ArrearLine]
    arrears_total: int
    enforcement: list[str]
    insurance: str
    notice: str | None
    actions: list[Action]


def _household(case: Case) -> list[str]:
    out = []
    for m in case.members:
        who = RELATION_LABELS.get(m.relation, "世帯員")
        age = f"{age_on(m.birth_date, case.as_of)}歳" if m.birth_date else "年齢不明"
        insured = "国保" if m.insured else "国保以外"
        out.append(f"{who} {m.name or '（氏名未入力）'}（{age}・{insured}）")
    return out


def _arrears(case: Case) -> list[ArrearLine]:
    ctx = CheckContext.for_case(case)
    trace = Trace(ctx)
    lines = []
    for arrear in sorted(case.arrears, key=lambda a: a.fiscal_year):
        dues = [i.due_date for i in arrear.installments] or [arrear.due_date]
        known = [due for due in dues if due is not None]
        expired = False
        if len(known) == len(dues):
            try:
                ends = [expiry(trace, ctx, arrear, due)[0] for due in known]
            except ParameterError:  # no 時効 data for that year: say nothing rather than guess
                ends = [None]
            expired = all(end is not None and end < case.as_of for end in ends)
        lines.append(ArrearLine(fiscal_year_label(arrear.fiscal_year), arrear.amount, expired))
    return lines


def _enforcement(case: Case) -> list[str]:
    out = []
    for s in case.seizures:
        when = format_wareki(s.seizure_date) if s.seizure_date else "日付不明"
        amount = f" {yen(s.amount)}" if s.amount is not None else ""
        state = "（解除済み）" if s.released else ""
        out.append(f"{when} {SEIZURE_ASSET_LABELS.get(s.asset, 'その他')}の差押え{amount}{state}")
    for e in case.enforcement:
        if e.kind != "seizure":
            when = format_wareki(e.event_date) if e.event_date else "日付不明"
            out.append(f"{when} {ENFORCEMENT_LABELS.get(e.kind, 'その他')}")
    return out


def _insurance(case: Case) -> str:
    ins = case.insurance
    if ins is None or ins.status is None:
        return "保険証の状況は未入力です"
    text = INSURANCE_LABELS.get(ins.status, ins.status)
    if ins.status == "certificate" and ins.certificate_expiry:
        text += f"（有効期限 {format_wareki(ins.certificate_expiry)}）"
    if ins.status == "special_care" and ins.special_care_since:
        text += f"（{format_wareki(ins.special_care_since)}から）"
    return text


def notice_sentence(report: CheckReport | None) -> str | None:
    """The notice against our figure, in words a client understands; None if either is unknown."""
    n = report.notice if report is not None else None
    if n is None:
        return None
    if n.difference == 0:
        return f"通知書の保険料 {yen(n.notified)} は、この計算と一致しています。"
    more_or_less = "多く" if n.difference > 0 else "少なく"
    return (
        f"通知書の保険料 {yen(n.notified)} は、この計算（{yen(n.computed)}）より "
        f"{yen(abs(n.difference))} {more_or_less}なっています。"
    )


def _actions(case: Case, report: CheckReport | None) -> list[Action]:
    actions = [Action(e.next_action, e.due_date, e.done, i) for i, e in enumerate(case.log) if e.next_action]
    in_log = {a.text for a in actions}
    if report is not None:
        for check in report.checks:
            actions += [Action(a.action, a.due_date, False) for a in check.next_actions if a.action not in in_log]
    unique = {(a.text, a.log_index): a for a in actions}
    return sorted(unique.values(), key=lambda a: a.sort_key)


def overview(case: Case, report: CheckReport | None = None) -> Overview:
    arrears = _arrears(case)
    return Overview(
        household=_household(case),
        arrears=arrears,
        arrears_total=sum(a.amount or 0 for a in arrears),
        enforcement=_enforcement(case),
        insurance=_insurance(case),
        notice=notice_sentence(report),
        actions=_actions(case, report),
    )
