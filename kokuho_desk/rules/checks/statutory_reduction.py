"""法定軽減（7割・5割・2割）of the 均等割・平等割 (国保法施行令29条の7第5項 / 地方税法703条の5).

Judged on the household of the 基準日 (4月1日, or the day of joining): 世帯主 (also a 擬制世帯主),
被保険者 and 特定同一世帯所属者. No 申請 is needed, but every member must have declared an income:
a 未申告 member blocks the reduction, so the result then shows what filing would give.
"""

from __future__ import annotations

from kokuho_desk.model.formatting import yen
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.premium import REDUCTION_CLASSES, Variant, member_label, premium
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "statutory_reduction"
TITLE = "法定軽減（7割・5割・2割軽減）"
_TOPICS = ("statutory_reduction.", "income_", "basic_deduction.", "ages.")


def basis(kind: str) -> list[str]:
    if kind == "税":
        return ["地方税法第703条の5（国民健康保険税の減額）"]
    return ["国民健康保険法施行令第29条の7第5項（保険料の減額）"]


def check(ctx: CheckContext) -> CheckResult:
    p = premium(ctx)
    j = p.judgement
    trace = check_trace(ctx)
    # the premium's unverified values on this topic: named 要確認 and cited with the check
    if ctx.explain:
        trace.record(*(v for v in p.unverified() if v.param.startswith(_TOPICS)))
    law = basis(p.kind)
    if j is None:
        return finish(ID, TITLE, "needs_info", trace, reasons=p.reasons, basis=law, missing=p.missing)
    case = ctx.case
    figures = {
        "reduction": j.reduction,
        "judgement_income": j.income,
        "persons": j.persons,
        "earners": j.earners,
        "lines": dict(j.lines),
        "basis_day": j.day,
    }
    if j.undeclared:
        reasons = list(j.reasons)
        filed = premium(ctx, Variant(assume_declared=True)) if ctx.explain else None
        if filed is not None and filed.reduction in REDUCTION_CLASSES:
            line = f"申告すれば{filed.reduction}軽減になる見込みです"
            if filed.total is not None and p.total is not None:
                line += f"（年額 {yen(filed.total)}。申告しない場合 {yen(p.total)}）"
                figures["total_if_declared"] = filed.total
            reasons.append(line)
            figures["reduction_if_declared"] = filed.reduction
        names = "、".join(member_label(case, i) for i in j.undeclared)
        return finish(
            ID,
            TITLE,
            "needs_info",
            trace,
            reasons=reasons,
            basis=law,
            missing=[f"members[{i}].income.declared" for i in j.undeclared],
            figures=figures,
            actions=[NextAction(f"{names}の所得の申告（所得がなくても簡易申告）をする")],
        )
    # A 軽減期間 starting later in the year reduces those months (reasons say from when).
    later = any(x.reduction in REDUCTION_CLASSES for x in j.later.values())
    verdict = "eligible" if j.reduction in REDUCTION_CLASSES or later else "not_eligible"
    if not ctx.explain:
        return finish(ID, TITLE, verdict, trace, reasons=[], basis=law, figures=figures)
    lines = j.lines
    unemployment = j.unemployment_line(case)
    head = (
        f"軽減判定所得 {yen(j.income)}（基準日 {format_wareki(j.day)}、被保険者等 {j.persons}人、"
        f"給与所得者等 {j.earners}人{'。' + unemployment if unemployment else ''}）"
    )
    reasons = []
    if j.reduction in REDUCTION_CLASSES:
        reasons.append(f"{head} は {j.reduction}軽減の基準額 {yen(lines[j.reduction])} 以下です")
        full = premium(ctx, Variant(statutory=False))
        if full.total is not None and p.total is not None:
            figures["reduced_amount"] = full.total - p.total
            reasons.append(f"軽減額 {yen(full.total - p.total)}（軽減がなければ年額 {yen(full.total)}）")
    else:
        reasons.append(f"{head} は 2割軽減の基準額 {yen(lines['2割'])} を超えています")
    reasons.append(f"基準額: 7割 {yen(lines['7割'])} / 5割 {yen(lines['5割'])} / 2割 {yen(lines['2割'])}")
    reasons += j.reasons
    return finish(ID, TITLE, verdict, trace, reasons=reasons, basis=law, figures=figures)
