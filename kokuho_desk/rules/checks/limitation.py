"""時効: 国保料 2年 (国保法110条), 国保税 5年 (地方税法18条), counted per 納期限 from the next
day (民法140条・143条), absolute extinction without 援用 (地方税法18条2項, 地方自治法236条2項).

Events on the case: 督促 (arrears[].demand_date; only the first renews, from the day the
delay of the data has passed), 承認 (arrears[].acknowledgements: 分納誓約, 一部納付) renews,
催告 (enforcement[] reminder) suspends completion for 6 months once (民法150条), 差押え
(seizures[], enforcement[] seizure) renews, and while a seizure is not released the period is
taken as not running; a seizure collected (seizures[].collected_date: 取立て) has ended, and the
period restarts from the collection (民法148条2項). Before 2020-04-01 the same events were 「中断」; the effect counted here
is the same. Not modelled: 交付要求, 旧153条 (催告 followed by 差押え within 6 months), and
which arrears a seizure was for (taken as all arrears due before it).
"""

from __future__ import annotations

from datetime import date, timedelta

from kokuho_desk.model.case import Arrear, Case
from kokuho_desk.model.formatting import yen
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.model.wareki import fiscal_year_label, format_wareki
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.relief import period_end
from kokuho_desk.rules.remembered import remembered
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "limitation"
TITLE = "時効（国民健康保険法第110条・地方税法第18条）"
BASIS = {"料": "国民健康保険法第110条（保険料 2年）", "税": "地方税法第18条（保険税 5年）"}
BASIS_COMMON = ["地方自治法第236条", "民法第147条〜第152条（時効の完成猶予及び更新）"]
EVENT_LABELS = {
    "ack": "承認（分納誓約・一部納付）",
    "demand": "督促",
    "seizure": "差押え",
    "reminder": "催告",
    "collected": "差押えの取立て（差押えの終了）",
}


Event = tuple[date, str, bool]  # (date, kind, pending)


def _case_events(case: Case) -> list[Event]:
    """The events that can touch every arrear of the case: 催告, 差押え (pending while not released or
    collected) and 取立て."""
    out = [(e.event_date, "reminder", False) for e in case.enforcement if e.kind == "reminder" and e.event_date]
    seizure_days = {s.seizure_date: not (s.released or s.collected_date) for s in case.seizures if s.seizure_date}
    # A collected (取立て) deposit or claim seizure has ended: the period restarts from then (民法148条2項).
    for s in case.seizures:
        if s.collected_date:
            out.append((s.collected_date, "collected", False))
    for e in case.enforcement:
        if e.kind == "seizure" and e.event_date and e.event_date not in seizure_days:
            seizure_days[e.event_date] = False
    out += [(d, "seizure", pending) for d, pending in seizure_days.items()]
    return out


def _events(arrear: Arrear, case_events: list[Event]) -> tuple[Event, ...]:
    """Every event that can touch this arrear (its own 承認 and 督促, and the case's), oldest first."""
    out = [(d, "ack", False) for d in arrear.acknowledgements]
    if arrear.demand_date:
        out.append((arrear.demand_date, "demand", False))
    return tuple(sorted(out + case_events))


# What changed a period: (kind, event day, the day the new period runs from, before the 民法
# revision: a 「中断」 then); kind "reminder" (完成猶予), "pending" (a seizure not yet released: the
# period is not running) or an EVENT_LABELS key (更新).
Change = tuple[str, date, date, bool]


def expiry(
    trace: Trace, ctx: CheckContext, arrear: Arrear, due: date, events: tuple[Event, ...] | None = None
) -> tuple[date | None, tuple[Change, ...]]:
    """The last day of the period for an amount due on `due` (None: not running, a seizure is
    pending), and the events that changed it (_history words them). `events`: _events of the arrear,
    when the caller has them. A function of the kind, the day and the events only, so remembered for
    the process with what it read (the same 納期限 and 督促 recur across a desk's cases)."""
    if events is None:
        events = _events(arrear, _case_events(ctx.case))
    kind = arrear.kind
    return remembered(("limitation.expiry", kind, due, events), trace, lambda own: _expiry(own, kind, due, events))


def _expiry(trace: Trace, kind: str, due: date, events: tuple[Event, ...]) -> tuple[date | None, tuple[Change, ...]]:
    years = trace.value("limitation.years", due)[kind]
    revision = trace.value("limitation.civil_code_revision", due)
    end = period_end(due, 12 * years)
    changes: list[Change] = []
    reminded = False
    for d, event, pending in events:
        if d <= due or d > end:
            continue
        if event == "reminder":
            if not reminded:
                later = period_end(d, trace.value("limitation.reminder_suspension_months", d))
                if later > end:
                    end = later
                    changes.append(("reminder", d, d, False))
                reminded = True
            continue
        if event == "seizure" and pending:
            changes.append(("pending", d, d, False))
            return None, tuple(changes)
        renewed = d
        if event == "collected" and not trace.value("limitation.seizure_end_restart", d):
            continue
        if event == "demand":
            # 「督促状を発した日から起算して十日を経過した日」(地方税法18条の2第1項2号): the issue day is
            # day 1, so the renewal falls on the issue day + 10; the new period counts from the next day.
            renewed = d + timedelta(days=trace.value("limitation.demand_renewal_delay_days", d))
        end = period_end(renewed, 12 * years)
        reminded = False
        changes.append((event, d, renewed, d < revision))
    return end, tuple(changes)


def _history(changes: tuple[Change, ...]) -> list[str]:
    """The changes of one period, in words."""
    notes = []
    for kind, d, renewed, interrupted in changes:
        if kind == "reminder":
            notes.append(f"催告（{format_wareki(d)}）で完成が猶予")
        elif kind == "pending":
            notes.append(f"差押え（{format_wareki(d)}）が続いているため時効は進行していない扱い")
        else:
            effect = "中断" if interrupted else "更新"
            on_day = f"、{format_wareki(renewed)}から新たに進行" if renewed != d else ""
            notes.append(f"{EVENT_LABELS[kind]}（{format_wareki(d)}）で時効{effect}{on_day}")
    return notes


def check(ctx: CheckContext) -> CheckResult:
    trace = check_trace(ctx)
    explain = ctx.explain
    reasons: list[str] = []
    missing: list[str] = []
    review: list[str] = []
    expired_amount = expired_late_fee = 0
    expired_by_arrear: dict[int, int] = {}  # arrears index → extinguished amount (the letters leave it out)
    upcoming: list[tuple[date, str]] = []  # (end, label: words only when explaining)
    kinds = set()
    if not ctx.case.arrears:
        return finish(
            ID, TITLE, "not_eligible", trace, reasons=["滞納の記録はありません。"], basis=list(BASIS.values())
        )
    case_events = _case_events(ctx.case)
    for i, arrear in enumerate(ctx.case.arrears):
        kinds.add(arrear.kind)
        # (installment index, None for the arrear itself; due; amount)
        units: list[tuple[int | None, date | None, int | None]] = [
            (j, inst.due_date, inst.amount) for j, inst in enumerate(arrear.installments)
        ] or [(None, arrear.due_date, arrear.amount)]
        events = _events(arrear, case_events)
        all_expired = True
        for j, due, amount in units:
            if due is None or amount is None:
                path = f"arrears[{i}]" if j is None else f"arrears[{i}].installments[{j}]"
                missing += [f"{path}.{k}" for k, v in (("due_date", due), ("amount", amount)) if v is None]
                all_expired = False
                continue
            end, changes = expiry(trace, ctx, arrear, due, events)
            expired = end is not None and end < ctx.as_of
            if expired:
                expired_amount += amount
                expired_by_arrear[i] = expired_by_arrear.get(i, 0) + amount
            else:
                all_expired = False
            if not explain:
                if end is not None and not expired:
                    upcoming.append((end, ""))
                continue
            if any(kind in ("pending", "seizure", "collected") for kind, *_ in changes):
                review.append("差押えによる時効の完成猶予・更新の時点")
            label = f"{fiscal_year_label(arrear.fiscal_year)}分（納期限 {format_wareki(due)}）{yen(amount)}"
            notes = _history(changes)
            history = f"（{'、'.join(notes)}）" if notes else ""
            if expired:
                assert end is not None
                reasons.append(f"{label}: {format_wareki(end)}に時効が完成し、徴収できなくなっています{history}。")
            elif end is not None:
                upcoming.append((end, label))
                reasons.append(f"{label}: 時効の完成は{format_wareki(end)}です{history}。")
            else:
                reasons.append(f"{label}: 時効は完成していません{history}。")
        if all_expired and arrear.late_fee:
            expired_late_fee += arrear.late_fee
    verdict = "eligible" if expired_amount else "needs_info" if missing else "not_eligible"
    figures = {
        "expired_amount": expired_amount,
        "expired_late_fee": expired_late_fee,
        "next_expiry": min(upcoming)[0] if upcoming else None,
        "expired_by_arrear": sorted(expired_by_arrear.items()),
    }
    if not explain:
        return finish(ID, TITLE, verdict, trace, reasons=reasons, basis=[], missing=missing, figures=figures)
    actions = []
    if expired_amount:
        actions.append(
            NextAction("時効で消滅した分は納める必要がないことを窓口で確認し、請求から外すよう求める", ctx.as_of)
        )
    if upcoming:
        first = min(upcoming)
        actions.append(
            NextAction(f"{first[1]}の時効が完成する日（これより前の分納誓約・一部納付で更新されます）", first[0])
        )
    basis = [BASIS[k] for k in ("料", "税") if k in kinds] + BASIS_COMMON
    return finish(
        ID,
        TITLE,
        verdict,
        trace,
        reasons=reasons,
        basis=basis,
        missing=missing,
        figures=figures,
        actions=actions,
        review=list(dict.fromkeys(review)),
    )
