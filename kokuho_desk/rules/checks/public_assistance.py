"""生活保護の申請を検討すべき世帯: the household's monthly income, as the welfare office counts it
(wages after the 勤労控除 and 必要経費: recognised_income), is below its 最低生活費. Savings do not
bar protection: at its start the part above half of the 最低生活費 counts as income of the first
month (局長通知 第6), so they only say when protection can start. The 福祉事務所 decides, so at
best `likely`.
"""

from __future__ import annotations

from kokuho_desk.model.formatting import yen
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.rules import minimum_living
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.recognised_income import savings_counted
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "public_assistance"
TITLE = "生活保護の申請の検討"
BASIS = [
    "生活保護法第4条・第7条・第8条",
    "生活保護法による保護の基準（昭和38年厚生省告示第158号）",
    "生活保護法による保護の実施要領について（次官通知 第8・局長通知 第6）",
]


def _below(income: int, cost: int, savings: int, counted: int, kept: int) -> list[str]:
    """In words: the income under the 最低生活費, and what the savings do to the first month."""
    shortfall = cost - income
    lines = [
        f"収入として数える額 月 {yen(income)} は最低生活費を {yen(shortfall)} 下回ります。"
        "生活保護を申請できる可能性があります（決めるのは福祉事務所）。"
    ]
    if counted:
        lines.append(
            f"預貯金 {yen(savings)} のうち最低生活費の半分 {yen(kept)} を超える {yen(counted)} は、"
            "保護が始まる月の収入として数えられます。預貯金があっても申請はできます。"
        )
        if counted >= shortfall:
            lines.append(
                f"預貯金で最初の月の不足 {yen(shortfall)} をまかなえるため、その間は保護費が出ない"
                "見込みです。預貯金が減ってきたら、改めて申請を検討してください。"
            )
    return lines


def check(ctx: CheckContext) -> CheckResult:
    trace = check_trace(ctx)
    means = minimum_living.means(ctx, trace)
    ml, income, savings = means.ml, means.income, means.savings
    reasons: list[str] = []
    figures: dict = {}
    verdict = "needs_info"
    actions = []
    explain = ctx.explain
    if ml is not None:
        cost = ml.total
        figures = {"minimum_living_cost": cost, **ml.breakdown()}
        if explain:
            reasons.append(
                f"この世帯の最低生活費（生活保護基準）は月 {yen(cost)} です"
                f"（生活扶助 {yen(ml.living + ml.winter)}、加算 {yen(ml.additions)}、住宅扶助 {yen(ml.housing)}）。"
            )
        if income is not None:
            figures["recognised_income"] = income
            if explain:
                reasons += [f"{line}。" for line in means.wage_lines(ctx.case)]
        if income is not None and savings is not None:
            counted, kept = savings_counted(trace, ctx.as_of, savings, cost)
            figures.update(savings_limit=kept, savings_counted=counted)
            if income >= cost:
                verdict = "not_eligible"
                if explain:
                    reasons.append(f"収入として数える額 月 {yen(income)} は最低生活費以上です。")
            else:
                verdict = "likely"
                if explain:
                    reasons += _below(income, cost, savings, counted, kept)
                    actions.append(NextAction("福祉事務所で生活保護の相談・申請をする", ctx.as_of))
    return finish(
        ID,
        TITLE,
        verdict,
        trace,
        reasons=reasons,
        basis=BASIS,
        missing=means.missing,
        figures=figures,
        actions=actions,
        review=means.notes if explain else None,
    )
