"""一部負担金の減免・徴収猶予 (国保法44条; 昭和34年保発第21号 as amended by 保発0913第2号, 2010).

The national standard: a cause (災害, 不作・不漁, 休廃業・失業等, or similar: illness or injury
that cut the income is one) **and** 入院 (外来 only
where the municipality allows it) **and** the household's monthly income ≤ 最低生活費 × the ratio
**and** savings ≤ 最低生活費 × 3 months. The 保険者 decides, so a met standard is `likely`.
The ratio, the months, 外来 and a bar for households in arrears are municipal settings
(relief_defaults.toml, overridden by the profile's [relief]). The income compared is the one
the welfare office's (wages after the 勤労控除 and 必要経費: recognised_income).
"""

from __future__ import annotations

from decimal import Decimal

from kokuho_desk.model.case import HARDSHIP_LABELS
from kokuho_desk.model.formatting import yen
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.rules import minimum_living
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.relief import floor_times, setting
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "copayment_relief"
TITLE = "一部負担金の減免・徴収猶予（国民健康保険法第44条）"
LETTER = "copayment-relief"
SIMILAR_CAUSE = 4  # 昭和34年保発第21号 の4: 前各号に類する事由
BASIS = ["国民健康保険法第44条", "昭和34年3月30日 保発第21号（平成22年9月13日 保発0913第2号による改正）"]


def check(ctx: CheckContext) -> CheckResult:
    trace = check_trace(ctx)
    case, on = ctx.case, ctx.as_of
    explain = ctx.explain
    med, hs = case.medical, case.hardship
    reasons: list[str] = []
    missing: list[str] = []
    failed = False

    causes = trace.value("copayment.causes", on)
    if hs is None:
        missing.append("hardship.reasons")
    else:  # a recorded hardship with no reason checked means none (not unknown)
        met = [r for r in hs.reasons if r in causes]
        if not met:
            failed = True
        if explain and met:
            reasons.append(f"減免の事由: {'・'.join(HARDSHIP_LABELS[r] for r in met)}。")
            if "illness" in met and causes["illness"] == SIMILAR_CAUSE:
                reasons.append(
                    "病気・負傷で収入が減ったことは「前各号に類する事由」に当たり得ます（収入の減少を示してください）。"
                )
        elif explain:
            recorded = "・".join(HARDSHIP_LABELS[r] for r in hs.reasons)
            reasons.append(
                (f"記録された事情（{recorded}）" if recorded else "記録された事情はなく、")
                + "災害・不作・休廃業・失業・病気など減免の事由が今のところ見当たりません。"
                "そうした事情があれば記録し直してください。"
            )

    outpatient_ok = setting(ctx, trace, "copayment_outpatient", on)
    inpatient = med.inpatient if med else None
    outpatient = med.outpatient if med else None
    if inpatient:
        reasons.append("入院しています（国の基準は入院が対象）。")
    elif outpatient and outpatient_ok:
        reasons.append("外来ですが、この市町村は外来も減免の対象にしています。")
    elif inpatient is None and not (outpatient and outpatient_ok):
        missing.append("medical.inpatient")
    else:
        failed = True
        reasons.append("国の基準は入院のみが対象です。この市町村の外来の扱いを確認してください。")

    if setting(ctx, trace, "copayment_bar_if_arrears", on) and any(a.amount for a in case.arrears):
        failed = True
        reasons.append("この市町村は保険料（税）の滞納があると減免しない扱いです。")

    means = minimum_living.means(ctx, trace)
    ml, income, savings = means.ml, means.income, means.savings
    missing += means.missing
    figures: dict = {}
    if ml is not None:
        cost = ml.total
        ratio = str(setting(ctx, trace, "copayment_income_ratio", on))
        months = setting(ctx, trace, "copayment_savings_months", on)
        income_limit = floor_times(cost, ratio)
        savings_limit = cost * months
        figures = {
            "minimum_living_cost": cost,
            "income_limit": income_limit,
            "savings_limit": savings_limit,
            **ml.breakdown(),
        }
        if income is not None:
            ok = income <= income_limit
            failed |= not ok
            if explain:
                reasons += [f"{line}。" for line in means.wage_lines(case)]
                reasons.append(
                    f"{means.income_label} {yen(income)} は生活保護基準（最低生活費 {yen(cost)}"
                    f"{'' if Decimal(ratio) == 1 else f' × {Decimal(ratio)}'}）の {yen(income_limit)} "
                    f"{'以下です' if ok else 'を超えています'}。"
                )
        if savings is not None:
            ok = savings <= savings_limit
            failed |= not ok
            if explain:
                reasons.append(
                    f"預貯金 {yen(savings)} は基準の{months}か月分 {yen(savings_limit)} "
                    f"{'以下です' if ok else 'を超えています'}。"
                )

    actions: list[NextAction] = []
    if failed:
        verdict = "not_eligible"
        if hs is not None and any(r in causes for r in hs.reasons):
            months = trace.value("copayment.deferral_months", on)
            reasons.append(
                f"減免に当たらなくても、生活が苦しい場合は{months}か月以内の徴収猶予を申請できます（市町村の判断）。"
            )
    elif missing:
        verdict = "needs_info"
    else:
        verdict = "likely"
        period = trace.value("copayment.relief_months_standard", on)
        reasons.append(
            f"国の基準を満たしています。減免するかどうかは保険者が決めます（期間は{period}か月までが標準）。"
        )
        actions.append(
            NextAction("一部負担金の減免を申請する（入院の前か入院時に。原則として申請日から適用）", on, LETTER)
        )
    return finish(
        ID,
        TITLE,
        verdict,
        trace,
        reasons=reasons,
        basis=BASIS,
        missing=missing,
        figures=figures,
        actions=actions,
        review=means.notes if explain else None,
    )
