"""保険料（税）の減免 (国保法77条 for 料, 地方税法717条 for 税; the municipality's 条例・規則).

Default criterion (relief_defaults.toml, overridden by the profile's [relief]): a cause of the
municipality's list and this year's expected income ≤ the ratio (½) of last year's 総所得金額等
(summed over the head and the insured members, as income.py computes it). 災害 is judged on the
damage by municipal tables, so it is `likely` whatever the income. 減免 reaches only the
instalments due on or after the application, so the next 納期限 is the deadline.
Not modelled: the amount of the 減免 (municipal tables), 非自発的失業の軽減 netting (noted).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from kokuho_desk.model.case import HARDSHIP_LABELS
from kokuho_desk.model.formatting import yen
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.rules import income as income_rules
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.relief import profile, setting
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "premium_relief"
TITLE = "保険料（税）の減免（国民健康保険法第77条・地方税法第717条）"
LETTER = "premium-relief"
BASIS = {"料": "国民健康保険法第77条（条例による保険料の減免）", "税": "地方税法第717条（条例による保険税の減免）"}


def _kinds(ctx: CheckContext) -> list[str]:
    prof = profile(ctx)
    if prof is not None and getattr(prof, "kind", None) in BASIS:
        return [prof.kind]
    kinds = [k for k in BASIS if any(a.kind == k for a in ctx.case.arrears)]
    return kinds or list(BASIS)


def check(ctx: CheckContext) -> CheckResult:
    trace = check_trace(ctx)
    case, on = ctx.case, ctx.as_of
    explain = ctx.explain
    basis = [BASIS[k] for k in _kinds(ctx)] + ["市町村の国民健康保険条例・同施行規則（減免の基準）"] if explain else []
    reasons: list[str] = []
    missing: list[str] = []
    figures: dict = {}
    hs = case.hardship
    allowed = setting(ctx, trace, "premium_relief_reasons", on)
    met = [r for r in (hs.reasons if hs else []) if r in allowed]
    if hs is None or not hs.reasons:
        missing.append("hardship.reasons")
    elif met and explain:
        reasons.append(f"減免の理由: {'・'.join(HARDSHIP_LABELS[r] for r in met)}。")
    verdict = "not_eligible" if hs is not None and hs.reasons and not met else "needs_info"
    if hs is not None and hs.reasons and not met:
        reasons.append("記録された事情は、この市町村の減免の理由に当たりません。")

    if met and "disaster" in met:
        verdict = "likely"
        reasons.append("災害による減免は、住宅・家財の損害の程度で市町村が決めます。り災証明書を用意してください。")
    if met and verdict != "likely":
        fy = case.effective_fiscal_year
        counted = [(i, m) for i, m in enumerate(case.members) if m.relation == "head" or m.insured]
        known = []
        for i, m in counted:
            if m.income is None or m.income.declared is False:
                missing.append(f"members[{i}].income")
            elif m.income.pension and m.birth_date is None:
                missing.append(f"members[{i}].birth_date")
            else:
                known.append((m, m.income, False))
        # the incomes the premium computed (remembered with what they read)
        last_year = sum(x.total for x in income_rules.remembered_member_incomes(known, fy, trace))
        expected = case.finances.expected_annual_income if case.finances else None
        if expected is None:
            missing.append("finances.expected_annual_income")
        if expected is not None and not missing:
            ratio = Decimal(str(setting(ctx, trace, "premium_relief_income_ratio", on)))
            limit = int((last_year * ratio).to_integral_value(ROUND_FLOOR))
            figures = {"last_year_income": last_year, "expected_income": expected, "income_limit": limit}
            verdict = "likely" if expected <= limit else "not_eligible"
            if explain:
                compared = "以下です" if expected <= limit else "を超えています"
                reasons.append(
                    f"今年の所得見込み {yen(expected)} は、前年の所得 {yen(last_year)} の{ratio}倍"
                    f"（{yen(limit)}）{compared}。"
                )
        if explain and any(f"members[{i}].income" in missing for i, _ in counted):
            reasons.append("所得が分からない人がいます。未申告なら先に簡易申告をしてください。")
        if any(m.unemployment for m in case.members):
            reasons.append("非自発的失業の軽減を受ける人は、所得減少による減免と重ねられない市町村があります。")
    actions: list[NextAction] = []
    if verdict == "likely" and explain:
        due = case.notice.next_due_date if case.notice else None
        if due is None:
            reasons.append(
                "減免は申請日以後に納期限が来る分だけが対象です。次の納期限を確認し、その前に申請してください。"
            )
        else:
            reasons.append(
                f"減免は申請日以後に納期限が来る分だけが対象です。次の納期限 {format_wareki(due)} までに申請してください。"
                "すでに納期限を過ぎた分は徴収猶予や分納で相談します。"
            )
        actions.append(NextAction("保険料（税）の減免を申請する（次の納期限まで）", due or on, LETTER))
    return finish(
        ID, TITLE, verdict, trace, reasons=reasons, basis=basis, missing=missing, figures=figures, actions=actions
    )
