"""差押禁止額 (国税徴収法76条 給料等, 77条 社会保険の年金) and deposits seized right after a
protected payment arrived.

For each seizure not yet released:
- 給料等 and 老齢年金: protected = 所得税 + 住民税 + 社会保険料 + 基礎額 (施行令34条: per month,
  plus per 生計を一にする親族; prorated by days for daily / weekly pay) + min(20 % of the rest,
  2 × 基礎額); the excess is what was seized beyond gross − protected.
- 障害年金・遺族年金: not seizable at all (国民年金法24条, 厚生年金保険法41条).
- 預貯金: flagged when it came from a protected payment credited shortly before
  (広島高裁松江支部 2013-11-27; 前橋地裁 2018-01-31).
- 給料等 for the same month from two payers are added together (76条1項後段); 退職手当等: taxes
  + 3 months' base + 20 % of it per year of service beyond 5 (76条4項); a 承諾 (76条5項) makes the
  excess lawful until it is withdrawn, which the result says.
- A pension paid every two months (pay_period two_months) is measured against twice the base.
Not modelled: cash received as pay (76条2項).
figures.protected_amount and figures.excess are summed over the wage and pension seizures.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kokuho_desk.model.case import Seizure, Withholding
from kokuho_desk.model.formatting import yen
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.relief import exact_ratio
from kokuho_desk.rules.result import CheckResult, check_trace, finish

ID = "seizure_limit"
TITLE = "差押禁止額（国税徴収法第76条・第77条）"
LETTER = "seizure-release"
BASIS_WAGE = "国税徴収法第76条第1項・同法施行令第34条"
BASIS_PENSION = "国税徴収法第77条（社会保険制度に基づく給付の差押禁止）"
BASIS_PENSION_LAW = "国民年金法第24条・厚生年金保険法第41条（障害・遺族年金の差押禁止）"
BASIS_RETIREMENT = "国税徴収法第76条第4項（退職手当等の差押禁止）"
BASIS_CONSENT = "国税徴収法第76条第5項（滞納者の承諾）"
BASIS_DEPOSIT = "広島高裁松江支部 平成25年11月27日判決・前橋地裁 平成30年1月31日判決"
ALTERNATIVE = "seizure_base_107000"  # what-if switch of the unconfirmed later 施行令34条 amounts
BASIS_ROUTE = "国民健康保険法第79条の2・地方自治法第231条の3第3項（料）、地方税法（税）による滞納処分の例"


PERIOD_MONTHS = {"month": 1, "two_months": 2}  # 施行令34条 counts per month of the pay period
PENSION_HINT = (
    "年金の振込通知書（支払額、差し引かれた所得税・住民税・介護保険料など）を、印字のとおり（2か月分なら"
    "2か月分のまま）写し、支給の単位を「2か月ごと（年金）」にしてください。"
)


def protected_amount(trace: Trace, s: Seizure, on: date) -> tuple[int, dict[str, int]]:
    """The protected part of one payment of 給料等 (76条1項) or 退職手当等 (76条4項), with its
    parts. Needs the gross, the withholdings and the dependants; rounding up to the yen is in the
    debtor's favour. In integers: each amount is a numerator over one common denominator (the law's
    rates and day counts are exact fractions)."""
    wh = s.monthly_withholding
    # Callers pass complete facts: _missing_wage found none missing, or _lower_bound set the unknown to 0.
    assert wh is not None and wh.income_tax is not None and wh.resident_tax is not None
    assert wh.social_insurance is not None and s.dependents is not None and s.monthly_gross is not None
    base = trace.value("seizure.wage_base", on)
    month_base = base["self"] + base["per_relative"] * s.dependents
    deductions = wh.income_tax + wh.resident_tax + wh.social_insurance
    if s.retirement_allowance:
        # 76条4項: 3 months' base, plus 20 % of it per year of service beyond 5 (unknown years: none)
        living = month_base * trace.value("seizure.retirement_base_multiple", on)
        extra_years = max(0, (s.service_years or 0) - trace.value("seizure.retirement_years_free", on))
        if extra_years:
            num, den = exact_ratio(trace.value("seizure.retirement_extra_rate", on))
            living = _ceil_div(living * (den + num * extra_years), den)  # living × (1 + rate × years)
        return deductions + living, {"deductions": deductions, "living_base": living, "twenty_percent": 0}
    # the pay period in months: period_num / period_den
    if s.bonus:
        period_num, period_den = exact_ratio(trace.value("seizure.bonus_period_months", on))
    elif s.pay_period in PERIOD_MONTHS:
        period_num, period_den = PERIOD_MONTHS[s.pay_period], 1  # a two-month pension: twice the monthly base
    else:
        days = 7 if s.pay_period == "week" else s.period_days
        assert days is not None  # a daily wage without its days is missing facts
        period_num, period_den = days, trace.value("seizure.days_per_month", on)
    living = month_base * period_num  # / period_den
    rest = (s.monthly_gross - deductions) * period_den - living  # / period_den
    rate_num, rate_den = 1, 1
    twenty = 0  # / (period_den × rate_den)
    if rest > 0:
        rate_num, rate_den = exact_ratio(trace.value("seizure.wage_free_rate", on))
        twenty = min(rest * rate_num, living * trace.value("seizure.wage_free_cap_multiple", on) * rate_den)
    den = period_den * rate_den
    protected = deductions + _ceil_div(living * rate_den + twenty, den)
    parts = {
        "deductions": deductions,
        "living_base": _ceil_div(living, period_den),
        "twenty_percent": _ceil_div(twenty, den),
    }
    return protected, parts


def _ceil_div(numerator: int, denominator: int) -> int:
    """⌈numerator / denominator⌉ (1円未満切上げ: in the debtor's favour)."""
    return -(-numerator // denominator)


def _present(values: list[int | None]) -> list[int]:
    """Figures of complete wage seizures (_missing_wage found none missing)."""
    present = [v for v in values if v is not None]
    assert len(present) == len(values)
    return present


def _same_period(active: list[tuple[int, Seizure]]) -> list[tuple[list[int], Seizure]]:
    """76条1項後段: two or more 給料等 for the same period are added together before the 4号・5号
    limits. Complete monthly wage seizures of the same month are merged; the rest stay alone."""
    groups: dict[tuple, list[tuple[int, Seizure]]] = {}
    units: list[tuple[list[int], Seizure]] = []
    for i, s in active:
        if (
            s.asset == "salary"
            and not s.bonus
            and not s.retirement_allowance
            and s.seizure_date
            and s.pay_period in PERIOD_MONTHS
            and not _missing_wage(s, i)
        ):
            groups.setdefault((s.pay_period, s.seizure_date.year, s.seizure_date.month), []).append((i, s))
        else:
            units.append(([i], s))
    for members in groups.values():
        first = members[0][1]
        if len(members) == 1:
            units.append(([members[0][0]], first))
            continue
        whs = [w for _, s in members if (w := s.monthly_withholding) is not None]
        merged = replace(
            first,
            amount=sum(_present([s.amount for _, s in members])),
            monthly_gross=sum(_present([s.monthly_gross for _, s in members])),
            dependents=max(_present([s.dependents for _, s in members])),
            monthly_withholding=Withholding(
                sum(_present([w.income_tax for w in whs])),
                sum(_present([w.resident_tax for w in whs])),
                sum(_present([w.social_insurance for w in whs])),
            ),
            consent=any(s.consent for _, s in members),
        )
        units.append(([i for i, _ in members], merged))
    return sorted(units, key=lambda u: u[0][0])


def _alternative(ctx: CheckContext, s: Seizure, on: date) -> tuple[int, str] | None:
    """The protected amount under the unconfirmed later 施行令34条 amounts (the planned value's
    what-if switch), so the volunteer sees both while the figure is 要確認."""
    if ALTERNATIVE in ctx.what_if:
        return None
    alt = Trace(CheckContext(ctx.case, ctx.as_of, ctx.what_if | {ALTERNATIVE}))
    base = alt.value("seizure.wage_base", on)
    label = f"本人 {yen(base['self'])}・親族1人 {yen(base['per_relative'])}"
    return protected_amount(alt, s, on)[0], label


def _lower_bound(trace: Trace, s: Seizure, on: date) -> int | None:
    """The least the protected amount can be when withholdings or dependants are unknown: the
    amount grows with both (76条1項: each yen withheld adds at least 80 %, each 親族 adds to the
    base), so counting the unknown ones as 0 gives a floor. None when gross or seized is unknown."""
    if s.monthly_gross is None or s.amount is None or (s.pay_period == "day" and s.period_days is None and not s.bonus):
        return None
    wh = s.monthly_withholding or Withholding()
    floor = replace(
        s,
        dependents=s.dependents or 0,
        monthly_withholding=Withholding(wh.income_tax or 0, wh.resident_tax or 0, wh.social_insurance or 0),
    )
    return protected_amount(trace, floor, on)[0]


def _missing_wage(s: Seizure, i: int) -> list[str]:
    p = f"seizures[{i}]"
    out = [f"{p}.{k}" for k in ("amount", "monthly_gross", "dependents") if getattr(s, k) is None]
    wh = s.monthly_withholding
    if wh is None:
        out.append(f"{p}.monthly_withholding")
    else:
        out += [
            f"{p}.monthly_withholding.{k}"
            for k in ("income_tax", "resident_tax", "social_insurance")
            if getattr(wh, k) is None
        ]
    if s.pay_period == "day" and s.period_days is None and not s.bonus:
        out.append(f"{p}.period_days")
    if s.retirement_allowance and s.service_years is None:
        out.append(f"{p}.service_years")
    return out


def _consent_line(trace: Trace, on: date, seized: int, excess: int) -> str:
    line = (
        f"実際の差押え {yen(seized)} のうち {yen(excess)} は差押禁止額を超えていますが、承諾があるため"
        "その範囲では差し押さえられています（国税徴収法第76条第5項）。"
    )
    if trace.value("seizure.consent_withdrawable", on):
        line += "承諾は撤回でき、撤回すれば以後は差押禁止額を超えて差し押さえられません。"
    return line


def _wage_line(s: Seizure, group: list[int], protected: int, parts: dict[str, int], seizable: int) -> str:
    """In words: how the protected amount of a wage or pension seizure is made up."""
    label = (
        ("退職金" if s.retirement_allowance else "賞与" if s.bonus else "給与") if s.asset == "salary" else "老齢年金"
    )
    if len(group) > 1:
        label = f"同じ期間の給与{len(group)}件（合計して計算: 国税徴収法第76条第1項後段）"
    assert s.monthly_gross is not None  # computed from complete facts
    return (
        f"{label}の差押え: 差押禁止額は {yen(protected)}（税・社会保険料 {yen(parts['deductions'])}"
        f" ＋ 生活費分 {yen(parts['living_base'])}（本人と生計を一にする親族 {s.dependents}人）"
        f" ＋ 残りの20%分 {yen(parts['twenty_percent'])}）。支給額 {yen(s.monthly_gross)} のうち"
        f"差し押さえてよいのは {yen(seizable)} までです。"
    )


def check(ctx: CheckContext) -> CheckResult:
    trace = check_trace(ctx)
    reasons: list[str] = []
    missing: list[str] = []
    basis: list[str] = []
    actions: list[NextAction] = []
    items: list[dict] = []
    found: set[str] = set()
    total_protected = total_excess = 0
    computed = False  # at least one protected amount (or its floor) was computed
    exact = True  # every wage/pension seizure was computed from complete facts
    active = [(i, s) for i, s in enumerate(ctx.case.seizures) if not s.released]
    if not active:
        return finish(
            ID, TITLE, "not_eligible", trace, reasons=["解除されていない差押えの記録はありません。"], basis=[BASIS_WAGE]
        )
    explain = ctx.explain
    for group, s in _same_period(active):
        i = group[0]
        on = s.seizure_date or ctx.as_of
        when = f"{format_wareki(s.seizure_date)}の" if s.seizure_date and explain else ""
        if s.asset == "pension" and s.pension_kind is None:
            missing.append(f"seizures[{i}].pension_kind")
            continue
        if s.asset == "pension" and s.pension_kind in trace.value("seizure.unseizable_pensions", on):
            kind = "障害年金" if s.pension_kind == "disability" else "遺族年金"
            basis.append(BASIS_PENSION_LAW)
            if s.amount is None:
                missing.append(f"seizures[{i}].amount")
                continue
            reasons.append(
                f"{when}{kind}の差押え: {kind}は法律で差押えが禁止されています。"
                f"差し押さえられた {yen(s.amount)} は全額返還を求められます。"
            )
            total_excess += s.amount
            total_protected += s.monthly_gross or s.amount
            computed = True
            items.append({"index": i, "asset": s.asset, "excess": s.amount})
            found.add("eligible")
        elif s.asset in ("salary", "pension"):
            basis += [BASIS_WAGE] + ([BASIS_PENSION] if s.asset == "pension" else [])
            if s.retirement_allowance:
                basis.append(BASIS_RETIREMENT)
            if s.asset == "pension":
                reasons.append(PENSION_HINT)
            lacking = _missing_wage(s, i)
            if lacking:
                missing += lacking
                exact = False
                floor = _lower_bound(trace, s, on)
                if floor is None:
                    continue
                assert s.amount is not None and s.monthly_gross is not None  # _lower_bound needs both
                excess = max(0, s.amount - max(0, s.monthly_gross - floor))
                if excess and explain:
                    reasons.append(
                        f"{when}差押え: 分からない税・社会保険料や親族を0として数えても、差押禁止額は少なくとも "
                        f"{yen(floor)} です。支給額 {yen(s.monthly_gross)} に対して、差し押さえられた {yen(s.amount)} "
                        f"のうち少なくとも {yen(excess)} は差押禁止の部分です（正確な額には不足の情報が必要です）。"
                    )
                if excess:
                    found.add("eligible")
                total_protected += floor
                total_excess += excess
                computed = True
                items.append(
                    {
                        "index": i,
                        "asset": s.asset,
                        "protected_amount": floor,
                        "seized": s.amount,
                        "excess": excess,
                        "minimum": True,
                    }
                )
                continue
            protected, parts = protected_amount(trace, s, on)
            assert s.amount is not None and s.monthly_gross is not None  # _missing_wage found none missing
            seizable = max(0, s.monthly_gross - protected)
            excess = max(0, s.amount - seizable)
            if explain:
                reasons.append(f"{when}{_wage_line(s, group, protected, parts, seizable)}")
            if excess and s.consent:
                consent = _consent_line(trace, on, s.amount, excess)
                if explain:
                    reasons.append(consent)
                    actions.append(
                        NextAction("差押えへの承諾を書面で撤回し、差押禁止の部分の解除を求める", ctx.as_of, LETTER)
                    )
                basis.append(BASIS_CONSENT)
                found.add("likely")
            elif excess:
                found.add("eligible")
                if explain:
                    reasons.append(f"実際の差押え {yen(s.amount)} のうち {yen(excess)} は差押禁止の部分です。")
            elif explain:
                reasons.append(f"実際の差押え {yen(s.amount)} は差し押さえてよい範囲内です。")
            alternative = _alternative(ctx, s, on) if explain else None  # it only explains
            if alternative is not None and alternative[0] != protected:
                reasons.append(
                    f"施行令第34条の金額が{alternative[1]}の場合、差押禁止額は {yen(alternative[0])} になります。"
                )
            total_protected += protected
            total_excess += excess
            computed = True
            items.append(
                {
                    "index": i,
                    "indexes": group,
                    "asset": s.asset,
                    "protected_amount": protected,
                    "seizable": seizable,
                    "seized": s.amount,
                    "excess": excess,
                }
            )
        elif s.asset == "deposit":
            basis.append(BASIS_DEPOSIT)
            if s.deposit_source is None:
                missing.append(f"seizures[{i}].deposit_source")
                continue
            if s.deposit_source not in trace.value("seizure.protected_deposit_sources", on):
                reasons.append(f"{when}預貯金の差押え: 差押禁止の入金によるものとは記録されていません。")
                continue
            if s.deposit_credit_date is None or s.seizure_date is None:
                missing += [
                    f"seizures[{i}].{k}"
                    for k, v in (("deposit_credit_date", s.deposit_credit_date), ("date", s.seizure_date))
                    if v is None
                ]
                continue
            days = (s.seizure_date - s.deposit_credit_date).days
            if 0 <= days <= trace.value("seizure.deposit_screening_days", on):
                source = {"salary": "給与", "pension": "年金", "benefit": "手当などの給付"}[s.deposit_source]
                reasons.append(
                    f"{when}預貯金の差押え: {format_wareki(s.deposit_credit_date)}に入金された{source}の"
                    f"{days}日後の差押えです。差押禁止の入金を狙った差押えは違法とされた判決があり"
                    f"（広島高裁松江支部 平成25年11月27日、前橋地裁 平成30年1月31日）、解除と返還を求められます。"
                )
                items.append({"index": i, "asset": s.asset, "days_after_credit": days, "seized": s.amount})
                found.add("likely")
            else:
                reasons.append(f"{when}預貯金の差押え: 入金から {days}日後で、入金直後の差押えには当たりません。")
        else:
            reasons.append(
                f"{when}その他の財産の差押え: 給与・年金の差押禁止額の計算の対象外です"
                "（生活に欠かせない家財などは国税徴収法第75条で差押禁止）。"
            )
    if found:
        actions.append(NextAction("差押禁止の部分について差押えの解除と返還を求める（すぐに）", ctx.as_of, LETTER))
    verdict = (
        "eligible"
        if "eligible" in found
        else "likely"
        if "likely" in found
        else "needs_info"
        if missing
        else "not_eligible"
    )
    if verdict == "needs_info":
        reasons.append("差押禁止額を計算するための情報が足りません。")
    # Unknown is None, never 0 (case-format.md); a floor is marked as such.
    figures = {
        "protected_amount": total_protected if computed else None,
        "excess": total_excess if computed else None,
        "exact": exact and computed,
        "items": items,
    }
    return finish(
        ID,
        TITLE,
        verdict,
        trace,
        reasons=reasons,
        basis=list(dict.fromkeys(basis + [BASIS_ROUTE])),
        missing=missing,
        figures=figures,
        actions=actions,
    )
