"""One part of the premium (医療分・支援分・介護分・子ども分) summed over the year's month
configurations: 所得割, 均等割 and 平等割 after the statutory reductions, the 限度額, the rounding.

A month configuration (MonthConfig) is what a month looks like for the part: who is charged, who is
under the unemployment treatment, whose month is 産前産後 exempt, the 平等割 multiplier of 特定世帯.
Months with the same configuration are computed once and weighted by their number (12 for a
household whose year has no change).

Amounts are floored with integer arithmetic (`times`): the rates and ratios are exact decimals,
so floor(amount × n/d) is the same figure as Decimal's ROUND_FLOOR, without its cost.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from kokuho_desk.rules.income import MemberIncome
from kokuho_desk.rules.municipality import PART_LABELS, PartRate

Fraction = tuple[int, int]  # numerator, denominator


def fraction(ratio: Decimal) -> Fraction:
    """An exact decimal as numerator and denominator (0.3 → 3, 10)."""
    return ratio.as_integer_ratio()


@lru_cache(maxsize=256)
def percent(rate: Decimal) -> Fraction:
    """A rate in percent as a fraction (9.30 → 93, 1000): a rate table has a few, read for every premium."""
    return fraction(rate / 100)


@lru_cache(maxsize=64)
def kept(reduction: Decimal) -> Fraction:
    """What a reduction leaves, as a fraction (0.2 → 4, 5): one of a few ratios, read for every part."""
    return fraction(1 - reduction)


def times(amount: int, ratio: Fraction) -> int:
    """floor(amount × ratio): every reduced amount is 1円未満切捨て."""
    return amount * ratio[0] // ratio[1]


FULL: Fraction = (1, 1)


class MonthConfig(NamedTuple):
    """The configuration of a month for a part."""

    active: tuple[int, ...]  # member indexes charged this month
    unemployed: frozenset[int]  # 特例対象被保険者等 (給与所得 × 30/100)
    born: tuple[bool, ...]  # per active member: a 産前産後 exempt month
    specific_ratio: Decimal  # 平等割 multiplier: 1, or 特定世帯 ½ / 特定継続世帯 ¾


@dataclass(frozen=True)
class PartLaw:
    """The law values every part reads, read once per computation."""

    birth_parts: tuple[str, ...]  # parts exempt in 産前産後 months
    half_parts: tuple[str, ...]  # parts with the 未就学児 5割軽減
    half_age: int
    half_keep: Fraction  # 1 − the 未就学児 reduction
    half_planned: bool  # the 18歳以下 extension (a planned law, what-if)
    specific_parts: tuple[str, ...]  # parts with the 特定世帯 平等割 reduction
    child_age: int | None  # 子ども分: 18歳年度末まで 10割軽減 (read when the rates have a 子ども分)


def floor_to_unit(amount: int, unit: int) -> int:
    """The rate table's rounding: each part floored to 1・10・100・1000円 (明石市: 100円未満切捨て)."""
    return amount // unit * unit


@dataclass(slots=True)
class MemberLine:
    """One member's amounts in one part of the premium (所得割 and 均等割), with notes on reductions."""

    index: int
    label: str
    months: int  # months charged in this part
    base: int  # 所得割の算定基礎 (旧ただし書き所得)
    income_based: int
    per_capita_full: int  # 均等割 before reductions (annual)
    per_capita_unit: int  # 均等割 after reductions (annual, the first month's)
    per_capita: int
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PartResult:
    """One part of the premium (医療分・支援分・介護分・子ども分): its terms, cap and total, member by member."""

    part: str
    income_rate_percent: Decimal
    income_based: int
    per_capita: int
    per_household: int
    per_household_full: int
    per_household_unit: int  # after 特定世帯 and 法定軽減 (annual)
    months: int
    before_cap: int
    cap: int
    capped: bool
    rounding: int
    total: int
    members: list[MemberLine]
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return PART_LABELS[self.part]

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "income_based": self.income_based,
            "per_capita": self.per_capita,
            "per_household": self.per_household,
            "before_cap": self.before_cap,
            "cap": self.cap,
            "capped": self.capped,
            "months": self.months,
        }


class Charged(NamedTuple):
    """A member charged in a month configuration, with the facts of that member a part needs."""

    member: int  # index in the case
    income: MemberIncome  # with the 給与所得 at 30/100 when unemployed
    unemployed: bool  # 特例対象被保険者等 with a 給与所得 (named in the notes)
    exempt_month: bool  # a 産前産後 exempt month
    preschool: bool  # 未就学児 (18歳以下 under the planned law)
    child: bool  # 18歳年度末まで (子ども分 10割軽減)


@dataclass(slots=True)
class MemberSums:
    """One member's Σ (annual amount × months) in a part, and what the first month charged."""

    months: int
    first_unit: int
    income_based: int = 0
    per_capita: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PartSums:
    """The running sums of a part over its month configurations (divided by 12 at the end)."""

    part: str
    rate: PartRate
    law: PartLaw
    members: dict[int, MemberSums] = field(default_factory=dict)
    income_based: int = 0
    per_capita: int = 0
    per_household: int = 0
    per_household_unit: int | None = None
    cap: int = 0
    months: int = 0

    def add(
        self, charged: list[Charged], specific_ratio: Decimal, count: int, reduction: str | None, keep: Fraction
    ) -> bool:
        """Add `count` months of one configuration, judged `reduction`, of which the part keeps `keep`
        (1 − 軽減割合; the 子ども分 may keep all). True when the order of 軽減 and 限度額 matters."""
        income_based = per_capita = full = 0
        for member, ib, unit_full, unit, notes in member_charges(
            self.part, self.rate, self.law, charged, reduction, keep
        ):
            sums = self.members.get(member)
            if sums is None:  # the notes of one configuration are distinct
                self.members[member] = MemberSums(count, unit, ib * count, unit * count, notes)
            else:
                sums.months += count
                sums.notes += [note for note in notes if note not in sums.notes]
                sums.income_based += ib * count
                sums.per_capita += unit * count
            income_based += ib
            per_capita += unit
            full += unit_full
        self.income_based += income_based * count
        self.per_capita += per_capita * count
        household = household_unit(self.part, self.rate, self.law, specific_ratio, keep)
        if self.per_household_unit is None:
            self.per_household_unit = household
        self.per_household += household * count
        self.cap += self.rate.cap * count
        self.months += count
        return order_matters(self.rate, income_based, full, per_capita, household)

    def result(self, rounding: int, labels: list[str], bases: dict[int, int], reductions: list[str]) -> PartResult:
        """The part's figures: each sum prorated (月割: Σ (年額 × 月数) ÷ 12, 1円未満切捨て —
        premium_rules.monthly_proration), capped at the 限度額, floored to the rounding unit.
        `labels` and `bases`: each member's name and 旧ただし書き所得; `reductions`: the 軽減 classes
        of its months, for the part's notes."""
        members = [
            MemberLine(
                i,
                labels[i],
                sums.months,
                bases[i],
                sums.income_based // 12,
                self.rate.per_capita,
                sums.first_unit,
                sums.per_capita // 12,
                sums.notes,
            )
            for i, sums in sorted(self.members.items())
        ]
        income_based, per_capita, per_household = (
            self.income_based // 12,
            self.per_capita // 12,
            self.per_household // 12,
        )
        cap = self.cap // 12
        before_cap = income_based + per_capita + per_household
        specific = self.part in self.law.specific_parts and self.per_household_unit is not None
        return PartResult(
            self.part,
            self.rate.income_rate_percent,
            income_based,
            per_capita,
            per_household,
            self.rate.per_household if self.months else 0,
            self.per_household_unit or 0,
            self.months,
            before_cap,
            cap,
            before_cap > cap,
            rounding,
            floor_to_unit(min(before_cap, cap), rounding),
            members,
            (["特定世帯・特定継続世帯の平等割軽減"] if specific else []) + reductions,
        )


def no_one_charged(part: str, rate: PartRate, rounding: int) -> PartResult:
    """A part that charges nobody all year (the 介護分 of a household with no one aged 40–64): what
    PartSums.result gives with no configuration, built without the sums."""
    return PartResult(part, rate.income_rate_percent, 0, 0, 0, 0, 0, 0, 0, 0, False, rounding, 0, [])


def member_charges(
    part: str, rate: PartRate, law: PartLaw, charged: list[Charged], reduction: str | None, keep: Fraction
) -> Iterator[tuple[int, int, int, int, list[str]]]:
    """Each charged member's annual 所得割, 均等割 before the reductions (0 in an exempt month) and after
    them, with the notes that say why: (member, 所得割, 均等割 full, 均等割, notes)."""
    rate_n, rate_d = percent(rate.income_rate_percent)
    keep_n, keep_d = keep
    birth_exempt = part in law.birth_parts
    preschool_half = part in law.half_parts
    child_part = part == "child"
    reduced = [f"{reduction}軽減"] if keep != FULL else []
    # times() written out: this loop runs for every member, part and configuration
    for member, income, unemployed, born, preschool, child in charged:
        exempt = born and birth_exempt
        ib = 0 if exempt else income.base * rate_n // rate_d  # 所得割: per member, 1円未満切捨て
        unit_full = rate.per_capita
        if child_part and not child:
            unit_full += rate.per_capita_adult_extra
        unit = unit_full * keep_n // keep_d  # 法定軽減: each reduced unit floored
        notes = list(reduced)
        if preschool_half and preschool:
            unit = times(unit, law.half_keep)  # 未就学児: half of the reduced amount, floored
            notes.append("18歳以下5割軽減（予定・仮定）" if law.half_planned else "未就学児5割軽減")
        if child_part and child:
            unit = 0  # 子ども・子育て支援納付金分: 18歳年度末まで 10割軽減
            notes.append("18歳以下10割軽減")
        if exempt:
            unit = 0
            notes.append("産前産後免除")
        if unemployed:
            notes.append("非自発的失業（給与所得30/100）")
        yield member, ib, 0 if exempt else unit_full, unit, notes


def household_unit(part: str, rate: PartRate, law: PartLaw, specific_ratio: Decimal, keep: Fraction) -> int:
    """The annual 平等割 after 特定世帯・特定継続世帯 (before the 法定軽減: 秦野市) and the 法定軽減."""
    household = rate.per_household
    if specific_ratio != 1 and part in law.specific_parts:
        household = times(household, fraction(specific_ratio))
    return times(household, keep)


def order_matters(rate: PartRate, income_based: int, full: int, per_capita: int, household: int) -> bool:
    """Whether reducing before capping gives another figure than the other order for a month: the
    full amount is over the 限度額 and the 法定軽減 took something off (premium_rules.reduce_then_cap)."""
    return income_based + full + rate.per_household > rate.cap and full + rate.per_household > per_capita + household


def whole_year_part(
    part: str,
    rate: PartRate,
    law: PartLaw,
    charged: list[Charged],
    specific_ratio: Decimal,
    reduction: str | None,
    keep: Fraction,
    rounding: int,
    labels: list[str],
    bases: dict[int, int],
) -> tuple[PartResult, bool]:
    """A part whose twelve months are one configuration (the household with no change in the year):
    PartSums over one configuration of 12 months, whose sums ÷ 12 are the annual amounts themselves,
    built without the sums. The part's notes are completed by the caller (the 軽減 class).
    Returns the part and whether the order of 軽減 and 限度額 matters (PartSums.add)."""
    members = []
    income_based = per_capita = full = 0
    for member, ib, unit_full, unit, notes in member_charges(part, rate, law, charged, reduction, keep):
        members.append(MemberLine(member, labels[member], 12, bases[member], ib, rate.per_capita, unit, unit, notes))
        income_based += ib
        per_capita += unit
        full += unit_full
    household = household_unit(part, rate, law, specific_ratio, keep)
    before_cap = income_based + per_capita + household
    result = PartResult(
        part,
        rate.income_rate_percent,
        income_based,
        per_capita,
        household,
        rate.per_household,
        household,
        12,
        before_cap,
        rate.cap,
        before_cap > rate.cap,
        rounding,
        floor_to_unit(min(before_cap, rate.cap), rounding),
        members,
        ["特定世帯・特定継続世帯の平等割軽減"] if part in law.specific_parts else [],
    )
    return result, order_matters(rate, income_based, full, per_capita, household)
