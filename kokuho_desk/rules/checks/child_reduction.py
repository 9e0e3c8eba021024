"""Children's 均等割: the 未就学児 5割軽減 (from 2022-04, no application), the 子ども・子育て支援納付金分
10割軽減 up to the 18歳年度末 (from FY2026), and the planned extension of the 5割 to the 高校生年代
(2027-04 at the earliest; applied only under the what-if switch named in children.toml).
"""

from __future__ import annotations

from decimal import Decimal

from kokuho_desk.model.formatting import yen
from kokuho_desk.model.wareki import fiscal_year_label
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.income import floor_yen, law_day
from kokuho_desk.rules.params import ParameterError, Value, in_force_from, parameter
from kokuho_desk.rules.premium import member_label, premium, under_age_on_basis
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "child_reduction"
TITLE = "子どもの均等割軽減（未就学児・子ども・子育て支援納付金分）"
BASIS = [
    "国民健康保険法施行令（未就学児に係る均等割額の減額, 令和4年4月施行）",
    "子ども・子育て支援法等の一部を改正する法律（令和6年）: 子ども・子育て支援納付金分の18歳年度末までの均等割軽減（令和8年度から）",
]


CHILD_PART = "children.child_part_exemption_under_age"


def planned_extension() -> Value | None:
    """The planned 高校生年代 extension (status planned), whatever the switches."""
    return next((v for v in parameter("children.half_reduction_under_age").values if v.status == "planned"), None)


def check(ctx: CheckContext) -> CheckResult:
    case = ctx.case
    fy = case.effective_fiscal_year
    on = law_day(fy)
    trace = check_trace(ctx)
    insured = [(i, m) for i, m in enumerate(case.members) if m.insured]
    missing = [f"members[{i}].birth_date" for i, m in insured if m.birth_date is None]
    if missing:
        unknown = "生年月日が分からない被保険者がいるため判定できません"
        return finish(ID, TITLE, "needs_info", trace, reasons=[unknown], basis=BASIS, missing=missing)
    half_age = trace.value("children.half_reduction_under_age", on)
    assumed = ctx.explain and any(v.status == "planned" for v in trace.read)
    half = [i for i, m in insured if under_age_on_basis(m, fy, half_age)]
    minors = []
    if on >= in_force_from(CHILD_PART):  # no 子ども・子育て支援納付金分 before FY2026
        try:
            child_age = trace.value(CHILD_PART, on)
            minors = [i for i, m in insured if under_age_on_basis(m, fy, child_age)]
        except ParameterError:
            pass
    verdict = "eligible" if half or minors else "not_eligible"
    if not ctx.explain:  # the verdict needs no amount, names or plans
        return finish(ID, TITLE, verdict, trace, reasons=[], basis=BASIS)
    p = premium(ctx)
    # the premium's unverified values on this topic: named 要確認 and cited with the check
    trace.record(*(v for v in p.unverified() if v.param.startswith("children.")))
    ratio = p.judgement.ratio if p.judgement else Decimal(0)
    amount = 0
    for part in p.parts.values():
        for line in part.members:
            before = floor_yen(line.per_capita_full * (1 - ratio))
            if line.index in half and part.part != "child" and line.per_capita_unit < before:
                amount += (before - line.per_capita_unit) * line.months // 12
            if line.index in minors and part.part == "child":
                amount += before * line.months // 12
    reasons: list[str] = []
    figures: dict[str, int] = {}
    if half:
        label = "18歳年度末までの子（予定の制度を仮定）" if assumed else "未就学児"
        names = "、".join(member_label(case, i) for i in half)
        reasons.append(
            f"{label}（{names}）の医療分・支援分の均等割は、法定軽減の後の額からさらに5割軽減されます（申請不要）"
        )
    if minors:
        names = "、".join(member_label(case, i) for i in minors)
        if "child" in p.parts:
            reasons.append(
                f"18歳年度末までの被保険者（{names}）の子ども・子育て支援納付金分の均等割は10割軽減（0円）です"
            )
        else:
            reasons.append(
                f"{names}の子ども・子育て支援納付金分の均等割は10割軽減ですが、その料率が入力されていないため額は計算していません"
            )
    if half or minors:
        figures = {"preschool_members": len(half), "minors_for_child_part": len(minors)}
        if p.total is not None:
            figures["annual_reduction"] = amount
            reasons.append(f"この軽減の額は年 {yen(amount)} です（保険料の計算に含まれています）")
    else:
        reasons.append(f"{fiscal_year_label(fy)}の4月1日に{half_age}歳未満の被保険者はいません")
    plan = planned_extension()
    if plan and not assumed:
        older = [
            i for i, m in insured if not under_age_on_basis(m, fy, half_age) and under_age_on_basis(m, fy, plan.value)
        ]
        if older:
            reasons.append(
                f"予定: {fiscal_year_label(plan.valid_from.year)}から、均等割の5割軽減を{plan.value}歳の年度末（高校生年代）"
                f"まで広げる予定です（未施行・法案段階。what-if「{plan.what_if}」で仮に計算できます）"
            )
            figures["planned_members"] = len(older)
    return finish(ID, TITLE, verdict, trace, reasons=reasons, basis=BASIS, figures=figures)
