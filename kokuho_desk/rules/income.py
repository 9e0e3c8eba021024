"""Income for the 国保料: 給与所得, 公的年金等に係る雑所得, 所得金額調整控除, 総所得金額等,
基礎控除, 旧ただし書き所得 (the 所得割 base) and the 軽減判定所得 — one member at a time.

Every figure comes from resources/rules (income_salary, income_pension, basic_deduction,
statutory_reduction, unemployment) through a Trace, so a result cites what it used.
The income year is the calendar year before the fiscal year; parameters are read on the
fiscal year's first day. Not modelled: 分離課税の所得, 繰越控除, 退職所得 (excluded by law anyway),
the 基礎控除 tiers by 合計所得金額 are applied to 総所得金額等 (the same unless there is
separately taxed income).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import lru_cache
from typing import NamedTuple

from kokuho_desk.model.case import Income, Member, age_on
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.params import ParameterError, Value, value_at
from kokuho_desk.rules.remembered import memo, remembered


def floor_yen(amount: Decimal) -> int:
    """1円未満切捨て (the tax tables and the 所得割 drop fractions of a yen)."""
    return int(amount.to_integral_value(rounding=ROUND_FLOOR))


def ceil_yen(amount: Decimal) -> int:
    """1円未満切上げ (所得金額調整控除, 租税特別措置法41条の3の3第1項 — a deduction rounds up)."""
    return int(amount.to_integral_value(rounding=ROUND_CEILING))


@lru_cache(maxsize=64)  # asked a few dozen times per premium
def law_day(fiscal_year: int) -> date:
    """The day on which a fiscal year's parameters are read: its first day (賦課期日 4月1日)."""
    return date(fiscal_year, 4, 1)


def income_year_end(fiscal_year: int) -> date:
    """12月31日 of the income year, on which the 65歳以上 tests of the tax tables are judged."""
    return date(fiscal_year - 1, 12, 31)


def salary_income(revenue: int, fiscal_year: int, trace: Trace) -> int:
    """給与所得 from 給与収入 by the 速算表 of 所得税法 別表第五 (4,000円 steps below 660万円)."""
    if revenue <= 0:
        return 0
    for band in trace.value("income_salary.quick_table", law_day(fiscal_year)):
        if "upto" in band and revenue > band["upto"]:
            continue
        if band["base"] == "quarter":
            # 別表第五: A = 収入 ÷ 4, 1,000円未満切捨て
            base = Decimal(revenue // 4 // 1000 * 1000)
        else:
            base = Decimal(revenue)
        return max(0, floor_yen(base * Decimal(band["mul"])) + band["add"])
    raise AssertionError("the last band of income_salary.quick_table has no upper bound")


def is_pension_elderly(birth_date: date | None, fiscal_year: int, trace: Trace) -> bool:
    """65歳以上 on 12月31日 of the income year (公的年金等控除 and the 15万円 special deduction).
    The birth date of a member with pension income is known (the premium checks it first)."""
    assert birth_date is not None
    age = trace.value("ages.pension_elderly_age", law_day(fiscal_year))
    return age_on(birth_date, income_year_end(fiscal_year)) >= age


def pension_income(revenue: int, elderly: bool, other_income: int, fiscal_year: int, trace: Trace) -> int:
    """公的年金等に係る雑所得; other_income = 公的年金等に係る雑所得以外の合計所得金額."""
    if revenue <= 0:
        return 0
    table = trace.value("income_pension.deduction_table", law_day(fiscal_year))
    bracket = sum(1 for limit in table["other_income_brackets"] if other_income > limit)
    for band in table["age_65_or_over" if elderly else "under_65"]:
        if "upto" in band and revenue > band["upto"]:
            continue
        return max(0, floor_yen(Decimal(revenue) * Decimal(band["rate"])) - band["minus"][bracket])
    raise AssertionError("the last band of income_pension.deduction_table has no upper bound")


def salary_adjustment(
    revenue: int, salary: int, pension: int, children_eligible: bool, fiscal_year: int, trace: Trace
) -> int:
    """所得金額調整控除 (租税特別措置法41条の3の3): children/特別障害者 type, then salary+pension type."""
    on = law_day(fiscal_year)
    total = 0
    if children_eligible:
        rule = trace.value("income_salary.adjustment_children", on)
        if revenue > rule["over"]:
            total += ceil_yen((min(revenue, rule["cap"]) - rule["over"]) * Decimal(rule["rate"]))
    remaining = salary - total
    if remaining > 0 and pension > 0:
        each = trace.value("income_salary.adjustment_pension", on)["each"]
        total += max(0, min(remaining, each) + min(pension, each) - each)
    return min(total, salary)


def basic_deduction(total_income: int, fiscal_year: int, trace: Trace) -> int:
    """基礎控除 (住民税) for the 所得割 base, by the tier of the income."""
    for tier in trace.value("basic_deduction.tiers", law_day(fiscal_year)):
        if "upto" not in tier or total_income <= tier["upto"]:
            return tier["amount"]
    raise AssertionError("the last tier of basic_deduction.tiers has no upper bound")


@dataclass(frozen=True)
class MemberIncome:
    """One member's incomes for one fiscal year (all in yen)."""

    salary_revenue: int
    pension_revenue: int
    salary: int  # 給与所得 after 所得金額調整控除 (and × 30/100 when unemployed)
    salary_before_unemployment: int
    adjustment: int  # 所得金額調整控除
    pension: int  # 公的年金等に係る雑所得
    business: int
    other: int
    elderly: bool  # 65歳以上 on 12月31日 of the income year
    total: int  # 総所得金額等
    deduction: int  # 基礎控除
    base: int  # 旧ただし書き所得 = 所得割の算定基礎
    special_deduction: int  # 軽減判定: 65歳以上の公的年金 特別控除 (up to 15万円)
    family_employee_addback: int  # 軽減判定: 専従者給与 added back (its 給与所得 counted as none)
    judgement: int  # this member's part of the 軽減判定所得
    unemployed: bool


def member_income(
    member: Member, income: Income, fiscal_year: int, trace: Trace, unemployed: bool = False
) -> MemberIncome:
    """All incomes of a member. Blank amounts inside a known Income mean none of that kind.

    The member's birth date must be known when there is pension income (the table depends on age).
    """
    salary_revenue = income.salary or 0
    pension_revenue = income.pension or 0
    business = income.business or 0
    other = income.other or 0
    elderly = bool(pension_revenue) and is_pension_elderly(member.birth_date, fiscal_year, trace)
    salary0 = salary_income(salary_revenue, fiscal_year, trace)
    pension = pension_income(pension_revenue, elderly, max(0, salary0 + business + other), fiscal_year, trace)
    adjustment = (
        salary_adjustment(salary_revenue, salary0, pension, bool(income.salary_adjustment_eligible), fiscal_year, trace)
        if salary0
        else 0
    )
    salary = salary0 - adjustment
    salary_before_unemployment = salary
    if unemployed and salary:
        # 国保法施行令29条の7の2第2項: 給与所得 × 30/100 (whether after 所得金額調整控除 is unverified)
        on = law_day(fiscal_year)
        if adjustment:
            trace.value("unemployment.ratio_after_salary_adjustment", on)
        salary = floor_yen(salary * Decimal(trace.value("unemployment.salary_ratio", on)))
    total = max(0, salary + pension + business + other)
    deduction = basic_deduction(total, fiscal_year, trace)
    special = 0
    if elderly and pension:
        special = min(pension, trace.value("statutory_reduction.pension_special_deduction", law_day(fiscal_year)))
    addback = 0
    if income.family_employee and salary_revenue:
        # 軽減判定: 専従者控除は適用しない — the 専従者給与 returns to the owner, the 専従者's 給与所得 is none
        addback = salary_revenue - salary
    judgement = max(0, salary + pension - special + business + other + addback)
    return MemberIncome(
        salary_revenue,
        pension_revenue,
        salary,
        salary_before_unemployment,
        adjustment,
        pension,
        business,
        other,
        elderly,
        total,
        deduction,
        max(0, total - deduction),
        special,
        addback,
        judgement,
        unemployed,
    )


@lru_cache(maxsize=256)
def _has_value(pid: str, on: date, what_if: frozenset[str]) -> bool:
    try:
        value_at(pid, on, what_if)
    except ParameterError:
        return False
    return True


def _earner_line(trace: Trace, pid: str, on: date, alternative: bool) -> int:
    alt = pid + "_alt"
    # No conflicting reading recorded for this year: the law's line (in what-if mode an earlier
    # year's reading may stand in, so the trace is asked).
    if alternative and (trace.ctx.provisional or _has_value(alt, on, trace.ctx.what_if)):
        try:
            return trace.value(alt, on)
        except ParameterError:
            pass
    return trace.value(pid, on)


def is_earner(member: Member, income: Income, fiscal_year: int, trace: Trace, alternative: bool = False) -> bool:
    """給与所得者等 (国保法施行令29条の7第5項第1号): 給与収入 (専従者給与を除く) or 公的年金等の収入 above the line.

    alternative=True uses the conflicting readings recorded as ``<id>_alt`` (FY2026 給与 65万円;
    65歳以上の年金 110万円) so that the caller can tell whether the conflict changes the outcome.
    """
    on = law_day(fiscal_year)
    salary_line = _earner_line(trace, "statutory_reduction.salary_earner_threshold", on, alternative)
    if not income.family_employee and (income.salary or 0) > salary_line:
        return True
    pension_revenue = income.pension or 0
    if not pension_revenue:
        return False
    if is_pension_elderly(member.birth_date, fiscal_year, trace):
        return pension_revenue > _earner_line(trace, "statutory_reduction.pension_earner_threshold_65", on, alternative)
    return pension_revenue > trace.value("statutory_reduction.pension_earner_threshold_under_65", on)


def income_key(member: Member, income: Income, unemployed: bool) -> tuple:
    """What member_income depends on (the birth date matters only with a pension)."""
    return (
        member.birth_date if income.pension else None,
        income.salary,
        income.pension,
        income.business,
        income.other,
        bool(income.family_employee),
        bool(income.salary_adjustment_eligible),
        unemployed,
    )


def remembered_member_incomes(
    members: list[tuple[Member, Income, bool]], fiscal_year: int, trace: Trace
) -> list[MemberIncome]:
    """member_income of each (member, income, unemployed), remembered for the process as a household
    (the values read are the same, in the same order, as one member after another)."""
    key = ("incomes", fiscal_year, tuple([income_key(m, inc, unemployed) for m, inc, unemployed in members]))
    return remembered(
        key, trace, lambda t: [member_income(m, inc, fiscal_year, t, unemployed) for m, inc, unemployed in members]
    )


def _earner_key(member: Member, income: Income) -> tuple:
    return (member.birth_date if income.pension else None, income.salary, income.pension, bool(income.family_employee))


class EarnerCount(NamedTuple):
    """How many 給与所得者等 a household counts, by the law's lines and by the conflicting readings."""

    earners: int
    earners_alt: int
    read: tuple[Value, ...]  # what the law's count read
    read_alt: tuple[Value, ...]  # what the conflicting count read
    verified: tuple[Value, ...]  # the verified values of `read` (what a count without conflict records)


def earner_count(members: list[tuple[Member, Income]], fiscal_year: int, ctx: CheckContext) -> EarnerCount:
    """The 給与所得者等 among the members (is_earner, and with alternative=True), remembered for the
    process; the caller records the values read (the conflicting ones only when they matter)."""

    def count() -> EarnerCount:
        law, alt = Trace(ctx), Trace(ctx)
        earners = sum(is_earner(m, inc, fiscal_year, law) for m, inc in members)
        earners_alt = sum(is_earner(m, inc, fiscal_year, alt, alternative=True) for m, inc in members)
        read = tuple(law.read)
        return EarnerCount(earners, earners_alt, read, tuple(alt.read), tuple(v for v in read if v.verified))

    key = ("earners", fiscal_year, tuple([_earner_key(m, inc) for m, inc in members]))
    return memo(key, ctx, count)
