"""滞納処分の執行停止 (地方税法15条の7; for 国保料 through 国保法79条の2 and 地方自治法231条の3
第3項; the same three grounds as 国税徴収法153条): 1 無財産, 2 生活を著しく窮迫させるおそれ,
3 所在・財産ともに不明 (not a desk client's case). The 停止 is 職権: the desk sends a 上申, and the
municipality decides, so at best `likely`. Ground 2 is taken as income ≤ 最低生活費 with savings
within the data's months of it (生活保護基準と同程度の生活状態); ground 1 when there is no
seizable property and the income is ≤ 最低生活費: savings made of money that cannot be seized (生活保護費, pensions, benefits:
finances.protected_savings) do not count. Under ground 2 seizures must be released (15条の7第3項);
after 3 years the duty to pay ends; under ground 1, where collection is clearly impossible, the
duty can end at once (15条の7第5項), which the result offers.
"""

from __future__ import annotations

from kokuho_desk.model.formatting import yen
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.rules import minimum_living
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.relief import floor_times
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "enforcement_suspension"
TITLE = "滞納処分の執行停止（地方税法第15条の7・国税徴収法第153条）"
LETTER = "enforcement-suspension"
BASIS = [
    "地方税法第15条の7第1項",
    "国税徴収法第153条",
    "国税庁 事務運営指針「滞納処分の停止に関する取扱いについて」（平成12年6月30日）",
]
BASIS_RYO = "国民健康保険法第79条の2・地方自治法第231条の3第3項（保険料は地方税の滞納処分の例による）"


def _grounds(
    means: minimum_living.Means,
    cost: int,
    seizable: int,
    savings: int,
    years: int,
    no_property: bool,
    hardship: bool,
    immediate: bool,
    release: bool,
) -> list[str]:
    """In words: the grounds met (第1号・第2号) and what the 停止 does."""
    assert means.income is not None  # the check weighs only a known income
    lines = []
    if hardship:
        lines.append(
            f"{means.income_label} {yen(means.income)} は最低生活費 {yen(cost)} 以下で、差し押さえられる"
            f"預貯金も {yen(seizable)} です。滞納処分をすると生活を著しく窮迫させるおそれがあります（第2号）。"
        )
    if no_property:
        held = f"（預貯金 {yen(savings)} は差押禁止のお金から成るので財産に数えません）" if savings else ""
        lines.append(
            f"差し押さえられる財産がありません{held}。滞納処分をすることができる財産がないときに当たります（第1号）。"
        )
    lines.append(
        f"執行停止は市町村が職権で行うので、事情を書いた上申書を出します。停止が{years}年続くと納付義務は消えます。"
    )
    if immediate:
        lines.append(
            "財産がなく収入も最低生活費以下で、徴収できないことが明らかなときは、3年を待たずに"
            "納付義務をすぐに消滅させることもできます（第15条の7第5項）。上申書であわせて求められます。"
        )
    if release:
        lines.append("第2号で停止するときは、差押えを解除しなければなりません（第15条の7第3項）。")
    return lines


def check(ctx: CheckContext) -> CheckResult:
    trace = check_trace(ctx)
    case, on = ctx.case, ctx.as_of
    basis = BASIS + ([BASIS_RYO] if any(a.kind == "料" for a in case.arrears) else [])
    if not case.arrears:
        return finish(
            ID, TITLE, "not_eligible", trace, reasons=["滞納の記録がないので執行停止の対象になりません。"], basis=basis
        )
    means = minimum_living.means(ctx, trace)
    ml, income, savings, missing = means.ml, means.income, means.savings, means.missing
    reasons: list[str] = []
    figures: dict = {}
    actions: list[NextAction] = []
    verdict = "needs_info"
    if ml is not None and income is not None and savings is not None:
        cost = ml.total
        limit = floor_times(cost, trace.value("enforcement.suspension_savings_months", on))
        seizable = savings
        protected = (case.finances.protected_savings if case.finances else None) or 0
        if protected and trace.value("enforcement.unseizable_counts_as_no_property", on):
            seizable = max(0, savings - protected)  # 差押禁止のお金は財産に数えない (75〜77条, 生活保護法58条)
        figures = {
            "minimum_living_cost": cost,
            "savings_limit": limit,
            "recognised_income": income,
            "seizable_savings": seizable,
        }
        no_property = seizable == 0 and income <= cost  # 第1号
        hardship = income <= cost and seizable <= limit  # 第2号
        if no_property or hardship:
            verdict = "likely"
            years = trace.value("enforcement.suspension_extinction_years", on)
            immediate = no_property and trace.value("enforcement.immediate_extinction", on)
            if immediate:
                figures["immediate_extinction"] = True
            if ctx.explain:
                release = hardship and any(not s.released for s in case.seizures)
                reasons += [f"{line}。" for line in means.wage_lines(case)]
                reasons += _grounds(means, cost, seizable, savings, years, no_property, hardship, immediate, release)
                actions.append(NextAction("滞納処分の執行停止を求める上申書を出す", on, LETTER))
                if release:
                    actions.append(NextAction("執行停止とあわせて差押えの解除を求める", on, "seizure-release"))
        else:
            verdict = "not_eligible"
            if ctx.explain:
                reasons += [f"{line}。" for line in means.wage_lines(case)]
                if income > cost:
                    reasons.append(f"{means.income_label} {yen(income)} が最低生活費 {yen(cost)} を超えています。")
                if seizable > limit:
                    reasons.append(f"差し押さえられる預貯金 {yen(seizable)} が目安 {yen(limit)} を超えています。")
                reasons.append("今の事情では執行停止は難しい見込みです。分納や換価の猶予・徴収猶予を検討してください。")
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
        review=means.notes if ctx.explain else None,
    )
