"""産前産後期間の保険料免除 (from 2024-01): the mother's 所得割・均等割 for 4 months from the month
before the due month (多胎: 6 months from 3 months before). A 届出 is needed (from 6 months before the
due date). Not modelled: 死産・流産 dates other than the expected_date given.
"""

from __future__ import annotations

from kokuho_desk.model.formatting import yen
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.model.wareki import fiscal_year_label, format_wareki
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.income import law_day
from kokuho_desk.rules.premium import (
    Variant,
    childbirth_months,
    fiscal_months,
    kokuho_months,
    member_label,
    premium,
)
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "childbirth_exemption"
TITLE = "産前産後期間の保険料免除"
BASIS = [
    "国民健康保険法施行令（産前産後期間に係る所得割額・均等割額の減額, 令和6年1月施行）",
    "芦屋市「産前産後期間の保険料減免」 https://www.city.ashiya.lg.jp/josei/kokuho_sanzensangogenmen.html",
]


def check(ctx: CheckContext) -> CheckResult:
    case = ctx.case
    fy = case.effective_fiscal_year
    on = law_day(fy)
    trace = check_trace(ctx)
    mothers = [(i, m, birth) for i, m in enumerate(case.members) if (birth := m.childbirth) is not None]
    if not mothers:
        return finish(
            ID, TITLE, "not_eligible", trace, reasons=["出産（予定）の記録がある世帯員はいません"], basis=BASIS
        )
    p = premium(ctx)
    # the premium's unverified values on this topic: named 要確認 and cited with the check
    if ctx.explain:
        trace.record(*(v for v in p.unverified() if v.param.startswith("childbirth.")))
    verdict = "not_eligible"
    reasons: list[str] = []
    missing: list[str] = []
    figures: dict[str, int] = {}
    actions: list[NextAction] = []
    months = fiscal_months(fy)
    exempt_here = []
    explain = ctx.explain
    for i, m, birth in mothers:
        name = member_label(case, i) if explain else ""  # words only when explaining
        expected = birth.expected_date
        if expected is None:
            verdict = "needs_info"
            missing.append(f"members[{i}].childbirth.expected_date")
            continue
        if not m.insured:
            reasons.append(f"{name}は国保の被保険者ではないため対象外です")
            continue
        exempt = childbirth_months(m, trace, expected)
        charged = dict(zip(months, kokuho_months(m, months, trace, on)))
        here = [mo for mo in exempt if charged.get(mo)]
        if here:
            exempt_here.append((i, here))
        if not explain:
            continue
        span = "・".join(f"{mo.year}年{mo.month}月" for mo in exempt) or "なし（令和6年1月より前）"
        reasons.append(
            f"{name}: 出産予定日 {format_wareki(expected)}{'（多胎）' if birth.multiple else ''} → 免除の月 {span}"
        )
        if exempt and not here:
            reasons.append(f"{name}の免除の月は{fiscal_year_label(fy)}の国保加入月にありません")
    if exempt_here:
        verdict = "eligible"
        without = premium(ctx, Variant(childbirth=False)) if explain else None
        figures["exempt_months"] = sum(len(h) for _, h in exempt_here)
        if without is not None and p.total is not None and without.total is not None:
            figures["exempt_amount"] = without.total - p.total
            reasons.append(
                f"{fiscal_year_label(fy)}の免除額 {yen(without.total - p.total)}"
                f"（免除がなければ年額 {yen(without.total)}）。平等割は免除されません"
            )
        if explain:
            actions.append(NextAction("産前産後期間の保険料免除の届出をする（出産予定日の6か月前から届出できます）"))
    return finish(
        ID, TITLE, verdict, trace, reasons=reasons, basis=BASIS, missing=missing, figures=figures, actions=actions
    )
