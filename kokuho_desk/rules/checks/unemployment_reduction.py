"""非自発的失業者の軽減 (特例対象被保険者等, 国保法施行令29条の7の2): the 前年の給与所得 counts as
30/100 in the 所得割 and the 軽減判定, from the month after the 離職日 to the end of the following
fiscal year. Needs 離職日に65歳未満 and a 離職理由コード of a 特定受給資格者 / 特定理由離職者, and an
application with the 雇用保険受給資格者証.
"""

from __future__ import annotations

from kokuho_desk.model.case import age_on
from kokuho_desk.model.formatting import yen
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.model.wareki import fiscal_year_label, format_wareki
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.income import law_day
from kokuho_desk.rules.premium import (
    Variant,
    fiscal_months,
    kokuho_months,
    member_label,
    premium,
    unemployment_period,
)
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "unemployment_reduction"
TITLE = "非自発的失業者の保険料軽減"


def basis(kind: str) -> list[str]:
    if kind == "税":
        return ["地方税法第703条の5の2・国民健康保険税条例（特例対象被保険者等に係る課税の特例）"]
    return ["国民健康保険法施行令第29条の7の2第2項（特例対象被保険者等）"]


def check(ctx: CheckContext) -> CheckResult:
    case = ctx.case
    fy = case.effective_fiscal_year
    on = law_day(fy)
    trace = check_trace(ctx)
    p = premium(ctx)
    # the premium's unverified values on this topic: named 要確認 and cited with the check
    if ctx.explain:
        trace.record(*(v for v in p.unverified() if v.param.startswith("unemployment.")))
    law = basis(p.kind)
    people = [(i, m, u) for i, m in enumerate(case.members) if (u := m.unemployment) is not None]
    if not people:
        return finish(ID, TITLE, "not_eligible", trace, reasons=["離職の記録がある世帯員はいません"], basis=law)
    verdict = "not_eligible"
    reasons: list[str] = []
    missing: list[str] = []
    figures: dict[str, int] = {}
    actions: list[NextAction] = []
    months = fiscal_months(fy)
    covered = 0
    explain = ctx.explain
    for i, m, u in people:
        name = member_label(case, i) if explain else ""  # words only when explaining
        separated, code, birth = u.separation_date, u.reason_code, m.birth_date
        if separated is None or code is None or birth is None:
            lacking = [
                f"members[{i}].unemployment.{k}" for k in ("separation_date", "reason_code") if getattr(u, k) is None
            ] + ([f"members[{i}].birth_date"] if birth is None else [])
            verdict = "needs_info"
            missing += lacking
            reasons.append(f"{name}: 離職日・離職理由コード（雇用保険受給資格者証の欄）・生年月日が必要です")
            continue
        if not m.insured:
            reasons.append(f"{name}は国保の被保険者ではないため対象外です")
            continue
        codes = trace.value("unemployment.reason_codes", on)
        age_limit = trace.value("unemployment.age_limit", on)
        if separated < trace.value("unemployment.earliest_separation", on):
            if explain:
                reasons.append(f"{name}: 離職日 {format_wareki(separated)} は制度の対象期間より前です")
            continue
        if age_on(birth, separated) >= age_limit:
            reasons.append(f"{name}: 離職日に{age_limit}歳以上のため対象外です")
            continue
        if code not in codes:
            if explain:
                reasons.append(f"{name}: 離職理由コード {code} は対象外です（対象: {'・'.join(codes)}）")
            continue
        period = unemployment_period(m, trace, on)
        assert period is not None  # the facts met each condition above
        start, end = period
        charged = kokuho_months(m, months, trace, on)
        n = sum(1 for mo, c in zip(months, charged) if c and start <= mo <= end)
        covered += n
        if explain:
            reasons.append(
                f"{name}: 離職理由コード {code}、離職日 {format_wareki(separated)} → "
                f"軽減期間 {format_wareki(start)}〜{format_wareki(end)}（{fiscal_year_label(fy)}は{n}か月）"
            )
            if not n:
                reasons.append(f"{name}の軽減期間は{fiscal_year_label(fy)}の国保加入月にかかりません")
    if covered:
        verdict = "eligible"
        without = premium(ctx, Variant(unemployment=False)) if explain else None
        figures["months"] = covered
        if without is not None and p.total is not None and without.total is not None:
            figures["reduced_amount"] = without.total - p.total
            line = f"前年の給与所得を30/100として計算すると年額 {yen(p.total)}（軽減がなければ {yen(without.total)}）"
            if without.reduction != p.reduction:
                line += f"。法定軽減も{without.reduction}から{p.reduction}に変わります"
            reasons.append(line)
        if explain:
            actions.append(NextAction("非自発的失業者の軽減を申請する（雇用保険受給資格者証・離職票を持参）"))
    return finish(
        ID, TITLE, verdict, trace, reasons=reasons, basis=law, missing=missing, figures=figures, actions=actions
    )
