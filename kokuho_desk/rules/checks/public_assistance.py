"""生活保護の申請を検討すべき世帯: the household's monthly income is below its 最低生活費 and
its savings are small (生活保護法4条: 資産の活用). The 福祉事務所 decides, so at best `likely`.
The income compared is the one given, before the 勤労控除 (the welfare office would count less).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from kokuho_desk.rules import minimum_living
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.relief import finish, yen
from kokuho_desk.rules.result import CheckResult, NextAction

ID = "public_assistance"
TITLE = "生活保護の申請の検討"
BASIS = ["生活保護法第4条・第7条・第8条", "生活保護法による保護の基準（昭和38年厚生省告示第158号）"]


def check(ctx: CheckContext) -> CheckResult:
    trace = Trace(ctx)
    ml, income, savings, missing, gap = minimum_living.means(ctx, trace)
    reasons: list[str] = []
    figures: dict = {}
    verdict = "needs_info"
    actions = []
    if ml is not None:
        cost = ml.total
        figures = {"minimum_living_cost": cost, **ml.breakdown()}
        reasons.append(f"この世帯の最低生活費（生活保護基準）は月 {yen(cost)} です"
                       f"（生活扶助 {yen(ml.living + ml.winter)}、加算 {yen(ml.additions)}、住宅扶助 {yen(ml.housing)}）。")
        if income is not None and savings is not None:
            limit = int((cost * Decimal(trace.value("public_assistance.savings_months", ctx.as_of)))
                        .to_integral_value(ROUND_FLOOR))
            figures["savings_limit"] = limit
            if income >= cost:
                verdict = "not_eligible"
                reasons.append(f"世帯の月収入 {yen(income)} は最低生活費以上です。")
            elif savings > limit:
                verdict = "not_eligible"
                reasons.append(f"世帯の月収入 {yen(income)} は最低生活費を {yen(cost - income)} 下回りますが、"
                               f"預貯金 {yen(savings)} がまだあります（目安 {yen(limit)}）。減ってきたら申請を検討してください。")
            else:
                verdict = "likely"
                reasons.append(f"世帯の月収入 {yen(income)} は最低生活費を {yen(cost - income)} 下回り、"
                               f"預貯金も {yen(savings)} です。生活保護を申請できる可能性があります（決めるのは福祉事務所）。")
                reasons.append("収入に給与があれば、福祉事務所は勤労控除の後の額で比べるので、実際の判定はこれより有利になります。")
                actions.append(NextAction("福祉事務所で生活保護の相談・申請をする",
                                          ctx.as_of))
    return finish(ID, TITLE, verdict, trace, reasons=reasons, basis=BASIS, missing=missing, figures=figures,
                  actions=actions, review_notes=(ml.notes if ml else []) + ([gap] if gap else []))
