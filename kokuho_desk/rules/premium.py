"""The 国民健康保険料 of a household for one fiscal year, part by part, with the statutory
reductions, explained (premium.md §2, §10).

Order of operations, per part (医療分・支援分・介護分・子ども分):

1. 所得割 = Σ over the part's members of floor(旧ただし書き所得 × 所得割率) (明石市 floors per member);
2. the household's 軽減判定 on the 基準日 (4月1日, or the day of joining) → 7割/5割/2割/なし;
3. 均等割 per member = floor(均等割 × (1 − 軽減割合)), then 未就学児 floor(× ½), 子ども分 18歳未満 0;
4. 平等割 = floor(平等割 × 特定世帯の割合), then floor(× (1 − 軽減割合));
5. 産前産後 and 非自発的失業 work month by month (and so do joining, leaving, 75歳, 40/65歳 for 介護分):
   each month has its own configuration; each term is Σ (annual amount × months) ÷ 12, floored
   (the proration rounding is municipal and unverified: premium_rules.monthly_proration);
6. the sum is capped at the 限度額 (after the reductions: premium_rules.reduce_then_cap), prorated by
   the months in which the part is charged, then floored to the rate table's rounding unit.

Not modelled: 資産割, 旧被扶養者減免, municipal 減免 and local extras (名古屋市・横浜市), 同月得喪.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from kokuho_desk.model.case import RELATION_LABELS, Case, Income, Member, age_on, fiscal_year_of
from kokuho_desk.model.wareki import fiscal_year_label
from kokuho_desk.rules.context import CheckContext, Trace, provisional_sentence
from kokuho_desk.rules.income import (
    MemberIncome,
    earner_count,
    income_key,
    law_day,
    member_income,
    remembered_member_incomes,
)
from kokuho_desk.rules.municipality import PART_LABELS, PartRate, ProfileError, RateTable, profile_for_case
from kokuho_desk.rules.params import ParameterError, Value, in_force_from
from kokuho_desk.rules.premium_parts import (
    Charged,
    MonthConfig,
    PartLaw,
    PartResult,
    PartSums,
    fraction,
    kept,
    no_one_charged,
    whole_year_part,
)
from kokuho_desk.rules.remembered import remembered

ONE, ZERO = Decimal(1), Decimal(0)

NO_REDUCTION = "なし"
REDUCTION_CLASSES = ("7割", "5割", "2割")


def member_label(case: Case, index: int) -> str:
    m = case.members[index]
    return m.name or f"{RELATION_LABELS.get(m.relation, '世帯員')}（{index + 1}人目）"


# --- dates ----------------------------------------------------------------------------------------


def fiscal_months(fiscal_year: int) -> list[date]:
    """The first day of each month of the fiscal year, April to March."""
    return list(_fiscal_months(fiscal_year))


@lru_cache(maxsize=64)
def _fiscal_months(fiscal_year: int) -> tuple[date, ...]:
    return tuple(date(fiscal_year + (m < 4), m, 1) for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3))


@lru_cache(maxsize=4096)
def month_of(d: date) -> date:
    return date(d.year, d.month, 1)


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


@lru_cache(maxsize=4096)
def reached_day(birth: date, age: int) -> date:
    """The day one reaches an age (年齢計算ニ関スル法律: the day before the birthday)."""
    try:
        birthday = birth.replace(year=birth.year + age)
    except ValueError:  # 29 February in a common year: the birthday is 1 March
        birthday = date(birth.year + age, 3, 1)
    return birthday - timedelta(days=1)


def late_elderly_day(birth: date, trace: Trace, on: date) -> date:
    """The first day in 後期高齢者医療: the 75th birthday itself (高齢者医療確保法52条)."""
    return _birthday(birth, trace.value("ages.late_elderly_age", on))


@lru_cache(maxsize=4096)
def _birthday(birth: date, age: int) -> date:
    return reached_day(birth, age) + timedelta(days=1)


@lru_cache(maxsize=8)
def _late_days(age: int) -> Callable[[date], date]:
    """The first day in 後期高齢者医療 by the birth date, for the age the law says: one remembered function
    per age, which a premium asks a dozen times (one call where a method and _birthday took two)."""
    return lru_cache(maxsize=4096)(lambda birth: _birthday(birth, age))


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return date(d.year + years, 3, 1)


# --- who is where, month by month ---------------------------------------------------------------


# The first day in 後期高齢者医療 of a member born on a day (late_elderly_day, its law value read once).
LateDay = Callable[[date], date]


def in_kokuho_on(m: Member, day: date, late_day: LateDay) -> bool:
    """A 国保 member on a given day."""
    if not m.insured:
        return False
    if m.joined_date and day < m.joined_date:
        return False
    if m.left_date and day >= m.left_date:
        return False
    return not (m.birth_date and day >= late_day(m.birth_date))


# A run of months [first, end), each given by its first day: the months a member is charged.
Span = tuple[date, date]


def kokuho_span(m: Member, late_day: LateDay) -> Span | None:
    """Charged months: from the month of joining to the month before the 喪失日 (or the 75th birthday)."""
    if not m.insured:
        return None
    return span_of(m.joined_date, m.left_date, m.birth_date, late_day)


def span_of(joined: date | None, left: date | None, birth: date | None, late_day: LateDay) -> Span:
    """kokuho_span of an insured member from the facts it depends on."""
    start = month_of(joined) if joined else date.min
    end = month_of(left) if left else date.max
    if birth:
        end = min(end, month_of(late_day(birth)))
    return start, end


@lru_cache(maxsize=4096)
def _insured_all_year(
    joined: date | None, left: date | None, birth: date, late_age: int, fiscal_year: int
) -> bool | None:
    """whole_or_none of an insured member's charged months in the fiscal year, remembered by the facts
    they depend on (one call where a span and a test took several)."""
    return whole_or_none(span_of(joined, left, birth, _late_days(late_age)), _fiscal_months(fiscal_year))


@lru_cache(maxsize=4096)
def care_span(birth: date, first_age: int, end_age: int) -> Span:
    """介護保険第2号被保険者 months: from the month one reaches 40 (first_age) to the month before
    reaching 65 (end_age)."""
    return month_of(reached_day(birth, first_age)), month_of(reached_day(birth, end_age))


@lru_cache(maxsize=4096)
def _care_all_year(birth: date, first_age: int, end_age: int, fiscal_year: int) -> bool | None:
    """whole_or_none of the 介護分 months in the fiscal year: True all year, False none, None when one
    turns 40 or 65 in it (remembered: one call per member where a span and a test took two)."""
    return whole_or_none(care_span(birth, first_age, end_age), _fiscal_months(fiscal_year))


def months_in(span: Span | None, months: Sequence[date]) -> list[bool]:
    """Which of the months the span covers."""
    if span is None:
        return [False] * len(months)
    start, end = span
    return [start <= mo < end for mo in months]


def whole_or_none(span: Span | None, months: Sequence[date]) -> bool | None:
    """True when the span covers every month, False when none, None when some (a change in the year)."""
    if span is None:
        return False
    start, end = span
    if start <= months[0] and months[-1] < end:
        return True
    if end <= months[0] or start > months[-1] or end <= start:
        return False
    return None


def kokuho_months(m: Member, months: Sequence[date], trace: Trace, on: date) -> list[bool]:
    """Charged months, one flag per month."""
    return months_in(kokuho_span(m, lambda birth: late_elderly_day(birth, trace, on)), months)


def basis_day(case: Case, fiscal_year: int, late_day: LateDay) -> date:
    """The 軽減判定 day: 4月1日, or the first day of joining if nobody is in 国保 on 4月1日."""
    on = law_day(fiscal_year)
    if any(in_kokuho_on(m, on, late_day) for m in case.members):
        return on
    end = date(fiscal_year + 1, 3, 31)
    joins = sorted(m.joined_date for m in case.members if m.insured and m.joined_date and on < m.joined_date <= end)
    return joins[0] if joins else on


def unemployment_period(m: Member, trace: Trace, on: date) -> tuple[date, date] | None:
    """The months of 非自発的失業者の軽減, if the member's facts meet the rule (国保法施行令29条の7の2).

    From the month of the day after the 離職日 to the end of the following fiscal year.
    """
    u = m.unemployment
    if u is None or u.separation_date is None or u.reason_code is None or m.birth_date is None:
        return None
    s = u.separation_date
    if s < trace.value("unemployment.earliest_separation", on):
        return None
    if age_on(m.birth_date, s) >= trace.value("unemployment.age_limit", on):
        return None
    if u.reason_code not in trace.value("unemployment.reason_codes", on):
        return None
    start = month_of(s + timedelta(days=1))
    end = date(fiscal_year_of(start) + trace.value("unemployment.following_years", on) + 1, 3, 31)
    return start, end


def childbirth_months(m: Member, trace: Trace, on: date) -> list[date]:
    """The exempt months of 産前産後期間 (単胎: 前月から4か月; 多胎: 3か月前から6か月), from 2024-01."""
    c = m.childbirth
    if c is None or c.expected_date is None:
        return []
    due = month_of(c.expected_date)
    kind = "multiple" if c.multiple else "single"
    # A due month before the law (2023-11/12) still exempts its months from 2024-01 on, under
    # the rule as it came into force (芦屋市: 令和5年11月出産 → 令和6年1月分のみ).
    rule_day = max(due, in_force_from("childbirth.first_exempt_month"))
    first = add_months(due, -trace.value(f"childbirth.{kind}_months_before", rule_day))
    count = trace.value(f"childbirth.{kind}_months", rule_day)
    start = trace.value("childbirth.first_exempt_month", rule_day)
    return [mo for mo in (add_months(first, k) for k in range(count)) if mo >= start]


def under_age_on_basis(m: Member, fiscal_year: int, age: int) -> bool:
    """Covered for the whole fiscal year as 「…歳に達する日以後の最初の3月31日以前」: not yet that age on the
    3月31日 before the year (born 2019-04-02 is 未就学 in FY2025; born 2019-04-01 is not)."""
    assert m.birth_date is not None  # asked only of charged members, whose birth dates are known
    return _age_before_year(m.birth_date, fiscal_year) < age


@lru_cache(maxsize=4096)
def _age_before_year(birth: date, fiscal_year: int) -> int:
    return age_on(birth, law_day(fiscal_year) - timedelta(days=1))


@lru_cache(maxsize=64)
def _decimal(text: str) -> Decimal:
    """A ratio of the law data as a Decimal (one of a few, read for every household)."""
    return Decimal(text)


def _status(trace: Trace, pid: str) -> str | None:
    return next((v.status for v in trace.read if v.param == pid), None)


# --- the statutory reduction (軽減判定) -----------------------------------------------------------


@dataclass
class ReductionJudgement:
    """The household's 軽減判定 (国保法施行令29条の7第5項 / 地方税法703条の5)."""

    reduction: str | None  # 7割 | 5割 | 2割 | なし; None when an income is unknown
    ratio: Decimal
    day: date
    income: int | None = None  # 軽減判定所得
    persons: int = 0  # 被保険者数 + 特定同一世帯所属者数
    earners: int = 0  # 給与所得者等の数
    lines: dict[str, int] = field(default_factory=dict)
    counted: list[int] = field(default_factory=list)  # member indexes whose income counts
    undeclared: list[int] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    # 特例対象被保険者等 counted with 給与所得 × 30/100 (施行令29条の7の2): index → (給与所得, after)
    unemployed: dict[int, tuple[int, int]] = field(default_factory=dict)
    later: dict[date, ReductionJudgement] = field(default_factory=dict)  # from a month: a 軽減期間 starting later

    def unemployment_line(self, case: Case) -> str | None:
        """The words that say whose 給与所得 was counted at 30/100, for the card and the 計算書."""
        if not self.unemployed:
            return None
        return "、".join(
            f"{member_label(case, i)}の給与所得 {before:,}円 を非自発的失業の軽減により30/100の{after:,}円 として判定"
            for i, (before, after) in self.unemployed.items()
        )


def _classify(income: int, persons: int, earners: int, fiscal_year: int, trace: Trace) -> tuple[str, dict]:
    key = ("reduction lines", fiscal_year, persons, earners)
    lines = dict(remembered(key, trace, lambda t: _lines(persons, earners, fiscal_year, t)))
    for cls in REDUCTION_CLASSES:  # 「以下」
        if income <= lines[cls]:
            return cls, lines
    return NO_REDUCTION, lines


def part_law(trace: Trace, on: date, births: bool, specific: bool, child: bool) -> PartLaw:
    """The law values every part reads: those of 産前産後 only for a year with exempt months, of 特定世帯
    only for a 特定世帯, of the 子ども分 only for rates that have one."""
    return PartLaw(
        # FY2023: the exempt months (2024-01〜03) are under the law from its first day
        tuple(trace.value("childbirth.parts", max(on, in_force_from("childbirth.parts")))) if births else (),
        tuple(trace.value("children.half_reduction_parts", on)),
        trace.value("children.half_reduction_under_age", on),
        fraction(1 - Decimal(trace.value("children.half_reduction_ratio", on))),
        _status(trace, "children.half_reduction_under_age") == "planned",
        tuple(trace.value("premium_rules.specific_household_parts", on)) if specific else (),
        trace.value("children.child_part_exemption_under_age", on) if child else None,
    )


def _lines(persons: int, earners: int, fiscal_year: int, trace: Trace) -> dict[str, int]:
    """The 軽減判定所得 line of each class (国保法施行令29条の7第5項), by the household's persons and earners."""
    on = law_day(fiscal_year)
    base = trace.value("statutory_reduction.base_amount", on)
    base += trace.value("statutory_reduction.per_earner", on) * max(0, earners - 1)
    return {
        "7割": base,
        "5割": base + trace.value("statutory_reduction.per_person_5wari", on) * persons,
        "2割": base + trace.value("statutory_reduction.per_person_2wari", on) * persons,
    }


class _Assessment(NamedTuple):
    """The 軽減判定 of a household's incomes: a pure function of its members' income facts, the persons
    counted and the year, remembered for the process (_assess)."""

    incomes: list[MemberIncome]  # per counted member, in order
    total: int  # 軽減判定所得
    earners: int
    earners_alt: int  # by the conflicting readings of 給与所得者等
    reduction: str  # 7割 | 5割 | 2割 | なし
    lines: dict[str, int]
    alt_class: str | None  # the class by the conflicting readings, when it differs
    ratio: Decimal


def _assess(household: list[tuple[Member, Income, bool]], persons: int, fy: int, trace: Trace) -> _Assessment:
    """The counted members' incomes (each with the unemployment treatment or not), the 給与所得者等 and
    the class, with the values they read in the order the steps read them: once per process for the
    same facts (one look-up where the incomes, the count and the lines took one each)."""
    key = ("assessment", fy, persons, tuple([income_key(m, inc, unemployed) for m, inc, unemployed in household]))
    return remembered(key, trace, lambda t: _assessment(household, persons, fy, t))


def _assessment(household: list[tuple[Member, Income, bool]], persons: int, fy: int, trace: Trace) -> _Assessment:
    incomes = [member_income(m, inc, fy, trace, unemployed) for m, inc, unemployed in household]
    total = sum(x.judgement for x in incomes)
    # 給与所得者等: the conflicting readings are shown only when they change the class.
    count = earner_count([(m, inc) for m, inc, _ in household], fy, trace.ctx)
    cls, lines = _classify(total, persons, count.earners, fy, trace)
    alt_cls = None
    if count.earners == count.earners_alt:
        trace.record(*count.verified)
    else:
        scratch = Trace(trace.ctx)
        scratch.record(*count.read)
        other = _classify(total, persons, count.earners_alt, fy, scratch)[0]
        conflict = other != cls
        read = tuple(scratch.read) + (count.read_alt if conflict else ())
        trace.record(*(v for v in read if v.status == "verified" or conflict))
        alt_cls = other if conflict else None
    ratio = _decimal(trace.value("statutory_reduction.ratios", law_day(fy))[cls]) if cls != NO_REDUCTION else ZERO
    return _Assessment(incomes, total, count.earners, count.earners_alt, cls, lines, alt_cls, ratio)


# --- the result -----------------------------------------------------------------------------------


@dataclass
class PremiumResult:
    """A household's premium for a fiscal year: the 軽減判定, each part and the total, with reasons and the values read."""

    fiscal_year: int
    judgement: ReductionJudgement | None
    parts: dict[str, PartResult]
    total: int | None  # None: cannot be computed (see reasons, missing)
    kind: str  # 料 | 税
    rates: RateTable | None = None
    incomes: dict[int, MemberIncome] = field(default_factory=dict)  # without the unemployment treatment
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    read: list[Value] = field(default_factory=list)

    @property
    def reduction(self) -> str | None:
        return self.judgement.reduction if self.judgement else None

    @property
    def needs_info(self) -> bool:
        return (
            self.total is None
            or bool(self.missing)
            or self.reduction is None
            or bool(self.judgement and self.judgement.undeclared)
        )

    @property
    def needs_review(self) -> bool:
        return any(v.status != "verified" for v in self.read) or (
            self.rates is not None and self.rates.status != "verified"
        )

    def unverified(self) -> list[Value]:
        return [v for v in self.read if v.status != "verified"]

    def sources(self) -> list[str]:
        out: list[str] = []
        for v in self.read:
            if v.source not in out:
                out.append(v.source)
        if self.rates is not None and self.rates.source not in out:
            out.append(self.rates.source)
        return out

    def to_dict(self) -> dict[str, Any]:
        j = self.judgement
        return {
            "fiscal_year": self.fiscal_year,
            "reduction": self.reduction,
            "total": self.total,
            "parts": {p: r.to_dict() for p, r in self.parts.items()},
            "needs_info": self.needs_info,
            "needs_review": self.needs_review,
            "missing": list(self.missing),
            "reasons": list(self.reasons),
            "judgement": None
            if j is None
            else {
                "day": j.day.isoformat(),
                "income": j.income,
                "persons": j.persons,
                "earners": j.earners,
                "lines": dict(j.lines),
            },
            "rates": None if self.rates is None else self.rates.origin,
        }


# --- variants: what a reduction is worth ---------------------------------------------------------


class Variant(NamedTuple):
    """Which reductions to apply. ACTUAL applies every one the facts support (what the bill should be).
    A tuple: it keys each context's premiums, hashed for every check that asks for one."""

    unemployment: bool = True
    childbirth: bool = True
    statutory: bool = True
    assume_declared: bool = False  # count 未申告 members' known incomes (what filing would give)


ACTUAL = Variant()


def premium(ctx: CheckContext, variant: Variant = ACTUAL) -> PremiumResult:
    """The household's premium (computed once per context and variant)."""
    return ctx.memo(("premium", variant), lambda: _Computation(ctx, variant).run())


def premium_month_by_month(ctx: CheckContext, variant: Variant = ACTUAL) -> PremiumResult:
    """The premium without the shortcut for a year with no change: every month's configuration
    taken from its own flags. The same figures as premium() — the property tests compare them."""
    return _Computation(ctx, variant, fast=False).run()


def resolve_rates(
    case: Case, fiscal_year: int, provisional: bool = False
) -> tuple[RateTable | None, str, list[str], list[str]]:
    """(rate table, 料|税, reasons, missing): the case file's inline rates, else the municipality
    profile's year, else a table the desk entered itself (desk_rates: never over bundled data).
    `provisional` (what-if mode): a year with no rates yet takes the profile's newest earlier
    year's, marked unverified (a what-if about next year's law before next year's rates exist)."""
    kind = "料"
    reasons: list[str] = []
    profile = None
    if case.municipality or case.municipality_code:
        try:
            profile = profile_for_case(case)
            kind = profile.kind
        except ProfileError as e:
            if not case.rates:
                return _entered_at_the_desk([case.municipality], fiscal_year) or (None, kind, [str(e)], ["rates"])
    if case.rates:
        return RateTable.from_case(case.rates), kind, reasons, []
    if profile is None:
        return (
            None,
            kind,
            ["料率が分かりません。自治体（municipality）か料率表（rates）を入力してください"],
            ["municipality"],
        )
    earlier = [fy for fy in profile.fiscal_years if fy < fiscal_year]
    try:
        table = profile.rates_for(fiscal_year)
    except ProfileError as e:
        return None, kind, [str(e)], ["rates"]
    if table is None:
        entered = _entered_at_the_desk([case.municipality, profile.name], fiscal_year)
        if entered is not None:
            return entered
    if table is None and provisional and earlier:
        try:
            table = profile.rates_for(earlier[-1])
        except ProfileError as e:
            return None, kind, [str(e)], ["rates"]
        if table is not None:
            return (
                replace(table, status="unverified", origin=f"{table.origin}（仮）"),
                kind,
                [provisional_sentence(fiscal_year, earlier[-1], "料率")],
                [],
            )
    if table is None:
        have = "・".join(fiscal_year_label(fy) for fy in profile.fiscal_years)
        return (
            None,
            kind,
            [
                f"{profile.name}の{fiscal_year_label(fiscal_year)}の料率がデータにありません"
                f"（登録済み: {have}）。通知書の料率を「料率を入力する」で入力してください"
            ],
            ["rates"],
        )
    return table, kind, reasons, []


def _entered_at_the_desk(
    names: list[str | None], fiscal_year: int
) -> tuple[RateTable, str, list[str], list[str]] | None:
    """The rates the desk entered itself for the municipality (by any of its names) and year, as
    resolve_rates returns them; None when it entered none. desk_rates is imported only here: a case
    whose rates are bundled or in the case file never needs it (~0.7 ms of a check)."""
    from kokuho_desk.rules import desk_rates

    desk = desk_rates.table_for([n for n in names if n], fiscal_year)
    if desk is None:
        return None
    return desk_rates.table(desk), desk.kind, [desk_rates.reason(desk)], []


@dataclass
class _Year:
    """Each month of the fiscal year: who is charged, who is 特例対象被保険者等, who is in 産前産後,
    the 平等割 multiplier."""

    months: Sequence[date]
    in_k: list[list[bool]]  # per member, per month: charged
    unemployed_in: list[frozenset[int]]  # per month
    births: list[list[bool]]  # per member, per month: a 産前産後 exempt month
    uniform: bool  # nobody's months change within the year: all 12 months are alike but for 特定世帯
    specific: list[Decimal] = field(default_factory=list)  # per month (_specific_household_ratios)
    specific_applies: bool = False  # a month with 特定世帯・特定継続世帯


# A member's months in a year with no change: all twelve, or none (shared, never changed).
_ALL, _NONE = [True] * 12, [False] * 12
_NOBODY: frozenset[int] = frozenset()  # no 特例対象被保険者等


class _RereadTrace(Trace):
    """A trace that answers a value it has read before from memory: one premium reads the same few
    values dozens of times (the 75歳 age for every member and day). What it records is unchanged."""

    def __init__(self, ctx: CheckContext):
        super().__init__(ctx)
        self._known: dict[tuple[str, date], Any] = {}

    def value(self, pid: str, on: date) -> Any:
        key = (pid, on)
        value = self._known.get(key, _UNREAD)
        if value is _UNREAD:
            value = self._known[key] = super().value(pid, on)
        return value


_UNREAD = object()  # a value not read yet (None is a value)


class _Computation:
    """One premium computation: keeps the trace, the reasons and the missing fields together."""

    def __init__(self, ctx: CheckContext, variant: Variant, fast: bool = True):
        self.ctx, self.case, self.variant, self.fast = ctx, ctx.case, variant, fast
        self.fy = ctx.case.effective_fiscal_year
        self.on = law_day(self.fy)
        self.trace = _RereadTrace(ctx)
        self.reasons: list[str] = []
        self.missing: list[str] = []
        self._incomes: dict[tuple[int, bool], MemberIncome] = {}
        self._used: list[Income | None] = []  # per member: the income counted (_check_facts)
        self._basis_day: date | None = None
        # The first day in 後期高齢者医療 of a member born on a day (late_elderly_day).
        self.late_day: LateDay = self._first_late_day
        self._age: int | None = None  # the 75歳 age (_late_age)
        self._configs_of: dict[bool, dict[MonthConfig, int]] = {}
        self._law: PartLaw | None = None
        self._charged_in: dict[MonthConfig, list[Charged]] = {}
        self._labels: list[str] = []  # per member, as the result names them
        self._bases: dict[int, int] = {}  # per insured member: 旧ただし書き所得 (without the unemployment treatment)

    def run(self) -> PremiumResult:
        rates, kind, reasons, missing = self.ctx.memo(
            "premium:rates", lambda: resolve_rates(self.case, self.fy, self.ctx.provisional)
        )
        self.reasons += reasons
        self.missing += missing
        try:
            return self._run(rates, kind)
        except ParameterError as e:
            self.reasons.append(f"{fiscal_year_label(self.fy)}の制度のデータがないため計算できません: {e}")
            return PremiumResult(
                self.fy, None, {}, None, kind, rates, reasons=self.reasons, missing=self.missing, read=self.trace.read
            )

    # -- facts ----------------------------------------------------------------------------------

    def _late_age(self) -> int:
        """The 75歳 age, read once per computation (at the first member who needs it); from then on this
        computation's late_day is the remembered day for that age (_late_days)."""
        age = self._age
        if age is None:
            age = self._age = self.trace.value("ages.late_elderly_age", self.on)
            self.late_day = _late_days(age)
        return age

    def _first_late_day(self, birth: date) -> date:
        """late_elderly_day, reading the 75歳 age (_late_age)."""
        return _late_days(self._late_age())(birth)

    def basis_day(self) -> date:
        if self._basis_day is None:
            self._basis_day = basis_day(self.case, self.fy, self.late_day)
        return self._basis_day

    def income(self, i: int, unemployed: bool) -> MemberIncome:
        key = (i, unemployed)
        if key not in self._incomes:
            self.incomes([i], frozenset([i]) if unemployed else frozenset())
        return self._incomes[key]

    def incomes(self, indexes: list[int], unemployed: frozenset[int]) -> dict[int, MemberIncome]:
        """The members' incomes (with the 給与所得 at 30/100 for the unemployed), those not known yet
        computed together."""
        known = self._incomes
        keys = [(i, i in unemployed) for i in indexes]
        new = [key for key in keys if key not in known]
        if new:
            members = [(self.case.members[i], self._income_of(i), u) for i, u in new]
            known.update(zip(new, remembered_member_incomes(members, self.fy, self.trace)))
        return {key[0]: known[key] for key in keys}

    def _income_of(self, i: int) -> Income:
        """The income to use for a member (_check_facts): 未申告 counts as nothing unless assumed declared."""
        inc = self._used[i]
        assert inc is not None  # _check_facts: every member who counts has a known income
        return inc

    def _check_facts(self) -> bool:
        ok = True
        assume = self.variant.assume_declared
        undeclared = None
        used = self._used = [None] * len(self.case.members)
        for i, m in enumerate(self.case.members):
            relevant = m.insured or m.relation == "head" or m.late_elderly_transferred
            if not relevant:
                continue
            if m.birth_date is None:
                self.missing.append(f"members[{i}].birth_date")
                ok = False
            inc = m.income
            if inc is None:
                self.missing.append(f"members[{i}].income")
                ok = False
            elif inc.declared is not False:
                used[i] = inc
            elif not assume:
                used[i] = undeclared = undeclared or Income(declared=False)
            elif all(getattr(inc, k) is None for k in ("salary", "pension", "business", "other")):
                self.missing.append(f"members[{i}].income.salary")
                ok = False
            else:
                used[i] = inc
        return ok

    # -- 軽減判定 ------------------------------------------------------------------------------

    def judge(self, unemployed: frozenset[int]) -> ReductionJudgement:
        case, fy, trace, used = self.case, self.fy, self.trace, self._used
        day = self.basis_day()
        late_day = self.late_day
        counted, persons = [], 0
        for i, m in enumerate(case.members):
            if in_kokuho_on(m, day, late_day) or m.late_elderly_transferred:
                persons += 1
                counted.append(i)
            elif m.relation == "head":
                counted.append(i)
        undeclared = [i for i in counted if used[i].declared is False]  # type: ignore[union-attr]  # _check_facts
        if undeclared and not self.variant.assume_declared:
            names = "、".join(member_label(case, i) for i in undeclared)
            return ReductionJudgement(
                NO_REDUCTION,
                Decimal(0),
                day,
                None,
                persons,
                0,
                {},
                counted,
                undeclared,
                [f"所得の申告をしていない人（{names}）がいるため、法定軽減（7割・5割・2割）は受けられません"],
            )
        if not self.variant.statutory:
            return ReductionJudgement(NO_REDUCTION, Decimal(0), day, None, persons, 0, {}, counted, undeclared)
        # 特例対象被保険者等: 給与所得 × 30/100 in the 軽減判定 too (施行令29条の7の2).
        members = case.members
        a = _assess([(members[i], used[i], i in unemployed) for i in counted], persons, fy, trace)  # type: ignore[misc]
        known, reduced = self._incomes, {}
        for i, x in zip(counted, a.incomes):
            known[i, i in unemployed] = x
            if i in unemployed and x.salary_before_unemployment:
                reduced[i] = (x.salary_before_unemployment, x.salary)
        reasons = []
        if a.alt_class is not None:
            reasons.append(
                f"要確認: 給与所得者等の数え方（65歳以上の年金収入125万円超か110万円超か、令和8年度の給与収入"
                f"55万円超か65万円超か）で結果が変わります（{a.earners}人なら{a.reduction}、"
                f"{a.earners_alt}人なら{a.alt_class}）。市区町村に確認してください"
            )
        return ReductionJudgement(
            a.reduction, a.ratio, day, a.total, persons, a.earners, dict(a.lines), counted, [], reasons, reduced
        )

    # -- the premium ---------------------------------------------------------------------------

    def _run(self, rates: RateTable | None, kind: str) -> PremiumResult:
        case, fy, trace = self.case, self.fy, self.trace
        if not self._check_facts():
            self.reasons.append("生年月日か所得が分からない世帯員がいるため、保険料と軽減を計算できません")
            return PremiumResult(
                fy, None, {}, None, kind, rates, reasons=self.reasons, missing=self.missing, read=trace.read
            )
        year = self._year()
        if year.uniform and rates is not None:
            return self._whole_year(year, rates, kind)
        months = year.months
        # The 判定 day's own month decides who is a 特例対象被保険者 (the joining day for a
        # household that joins mid-year: in the year of the job loss too).
        day_month = 0 if year.uniform else months.index(month_of(self.basis_day()))
        base_judgement = self.judge(year.unemployed_in[day_month])
        judgements = {year.unemployed_in[day_month]: base_judgement}
        if not year.uniform:
            base_judgement.reasons += self._later_unemployment(year, day_month, base_judgement, judgements)
        self.reasons += base_judgement.reasons
        incomes = {i: self.income(i, False) for i, m in enumerate(case.members) if m.insured}
        if rates is None:
            self.reasons.append("料率が分からないため保険料は計算できません（軽減の判定はできます）")
            return PremiumResult(
                fy, base_judgement, {}, None, kind, rates, incomes, self.reasons, self.missing, trace.read
            )
        self._specific_household_ratios(year)
        self._labels = [member_label(case, i) for i in range(len(case.members))]
        self._bases = {i: inc.base for i, inc in incomes.items()}
        parts: dict[str, PartResult] = {}
        prorated = False
        for part, rate in rates.parts.items():
            prorated = self._part_by_month(year, part, rate, rates, judgements, parts) or prorated
        return self._result(base_judgement, parts, prorated, kind, rates, incomes)

    def _part_by_month(
        self,
        year: _Year,
        part: str,
        rate: PartRate,
        rates: RateTable,
        judgements: dict[frozenset[int], ReductionJudgement],
        parts: dict[str, PartResult],
    ) -> bool:
        """A part summed over its month configurations, into `parts`; True when prorated (月割)."""
        configs = self._configs(year, part == "care")
        law = self._part_law(not year.uniform and any(any(b) for b in year.births), year.specific_applies, rates.parts)
        parts[part] = self._part(part, rate, rates.rounding, configs, judgements, law)
        return parts[part].months not in (0, 12) or len(configs) > 1

    def _result(
        self,
        judgement: ReductionJudgement,
        parts: dict[str, PartResult],
        prorated: bool,
        kind: str,
        rates: RateTable,
        incomes: dict[int, MemberIncome],
    ) -> PremiumResult:
        if prorated:
            self.trace.value("premium_rules.monthly_proration", self.on)
            self.reasons.append(
                "要確認: 年度の途中で加入・脱退・年齢到達などがあるため月割で計算しました"
                "（月割の端数処理は市区町村により異なります）"
            )
        self._check_caps(rates)
        total = sum(p.total for p in parts.values())
        return PremiumResult(
            self.fy, judgement, parts, total, kind, rates, incomes, self.reasons, self.missing, self.trace.read
        )

    def _whole_year(self, year: _Year, rates: RateTable, kind: str) -> PremiumResult:
        """A year with no change (the common household): each member charged all year or not at all,
        under the unemployment treatment all year or not at all, no 産前産後 month. Every part is one
        configuration of twelve months, computed as its annual amounts (whole_year_part), unless its
        months still differ: 特定世帯 from a month of the year, or a member turning 40 or 65 in the
        介護分 (_part_by_month). The same result, with the same values read in the same order, as
        the month-by-month path (tests/rules/test_premium_fast_path.py)."""
        case, trace, on = self.case, self.trace, self.on
        members = case.members
        unemployed = year.unemployed_in[0]
        judgement = self.judge(unemployed)
        judgements = {unemployed: judgement}
        self.reasons += judgement.reasons
        known = self._incomes  # the 軽減判定 has computed most
        incomes = {i: known.get((i, False)) or self.income(i, False) for i, m in enumerate(members) if m.insured}
        self._specific_household_ratios(year)
        labels = self._labels = [member_label(case, i) for i in range(len(members))]
        bases = self._bases = {i: inc.base for i, inc in incomes.items()}
        specific = year.specific[0]
        by_month = year.specific_applies and year.specific.count(specific) != 12
        active = [i for i, column in enumerate(year.in_k) if column is _ALL]
        charged: list[Charged] = []
        law = None
        parts: dict[str, PartResult] = {}
        prorated = False
        for part, rate in rates.parts.items():
            those: list[int] | None = None if by_month else active  # charged all year; None: by month
            if part == "care" and those:
                ages = trace.value("ages.care_min_age", on), trace.value("ages.care_end_age", on)
                care = [_care_all_year(members[i].birth_date, *ages, self.fy) for i in active]
                # None: turning 40 or 65 in the year
                those = None if None in care else [i for i, inside in zip(active, care) if inside]
            if those is None:
                prorated = self._part_by_month(year, part, rate, rates, judgements, parts) or prorated
                continue
            law = law or self._part_law(False, year.specific_applies, rates.parts)
            if not those:
                parts[part] = no_one_charged(part, rate, rates.rounding)
                continue
            ratio = judgement.ratio
            if ratio and part == "child" and not trace.value("children.child_part_statutory_reduction", on):
                ratio = ZERO
            if not charged:
                charged = self._charged_all_year(active, unemployed, law)
            part_charged = charged if those is active else [c for c in charged if c.member in those]
            result, order_matters = whole_year_part(
                part, rate, law, part_charged, specific, judgement.reduction, kept(ratio), rates.rounding, labels, bases
            )
            if order_matters:
                trace.value("premium_rules.reduce_then_cap", on)
            if judgement.ratio:
                result.notes.append(f"{judgement.reduction}軽減")
            parts[part] = result
        return self._result(judgement, parts, prorated, kind, rates, incomes)

    def _charged_all_year(self, active: list[int], unemployed: frozenset[int], law: PartLaw) -> list[Charged]:
        """The members charged all year, as _charged gives them for the year's one configuration."""
        members, fy, known, out = self.case.members, self.fy, self._incomes, []
        half_age, child_age = law.half_age, law.child_age
        for i in active:
            u = i in unemployed
            inc = known.get((i, u)) or self.income(i, u)  # the 軽減判定 has computed most
            birth = members[i].birth_date
            assert birth is not None  # _check_facts: every insured member's birth date is known
            age = _age_before_year(birth, fy)  # under_age_on_basis, for both ages
            out.append(
                Charged(
                    i,
                    inc,
                    u and bool(inc.salary_before_unemployment),
                    False,
                    age < half_age,
                    child_age is not None and age < child_age,
                )
            )
        return out

    def _year(self) -> _Year:
        """Who is charged, unemployed or in 産前産後 in each month of the year. A year with no change
        (the common household) is one configuration for all 12 months: found member by member from the
        facts of their spans (remembered) when no one is unemployed or expecting, else from the spans."""
        case, trace, on, variant = self.case, self.trace, self.on, self.variant
        months = _fiscal_months(self.fy)
        members = case.members
        n = len(members)
        if self.fast and not any(
            m.insured
            and (
                (variant.unemployment and m.unemployment is not None)
                or (variant.childbirth and m.childbirth is not None)
            )
            for m in members
        ):  # no 非自発的失業 or 産前産後 to place: is everyone charged all year or not at all?
            whole: list[bool | None] = []
            for m in members:
                if not m.insured:
                    whole.append(False)
                    continue
                assert m.birth_date is not None  # _check_facts
                whole.append(_insured_all_year(m.joined_date, m.left_date, m.birth_date, self._late_age(), self.fy))
            if None not in whole:
                return _Year(months, [_ALL if inside else _NONE for inside in whole], [_NOBODY] * 12, [_NONE] * n, True)
        spans = [kokuho_span(m, self.late_day) for m in members]
        periods: list[tuple[date, date] | None] = [None] * n
        exempt: list[list[date]] = [[]] * n  # replaced, never changed
        for i, m in enumerate(members):
            if not m.insured:
                continue
            if variant.unemployment and m.unemployment is not None:
                periods[i] = unemployment_period(m, trace, on)
            if variant.childbirth and m.childbirth is not None:
                exempt[i] = [mo for mo in childbirth_months(m, trace, on) if months[0] <= mo <= months[-1]]
        if self.fast and not any(exempt):
            whole = [whole_or_none(span, months) for span in spans]
            if None not in whole:
                constant: frozenset[int] | None = _NOBODY
                if any(periods):
                    unemployed = [
                        p is not None and whole_or_none((p[0], p[1] + timedelta(days=1)), months) for p in periods
                    ]
                    constant = None if None in unemployed else frozenset(i for i in range(n) if unemployed[i])
                if constant is not None:
                    return _Year(
                        months, [_ALL if inside else _NONE for inside in whole], [constant] * 12, [_NONE] * n, True
                    )
        in_k = [months_in(span, months) for span in spans]
        unemp = [months_in(p and (p[0], p[1] + timedelta(days=1)), months) for p in periods]
        births = [[mo in e for mo in months] for e in exempt]
        unemployed_in = [frozenset(i for i in range(n) if unemp[i][k]) for k in range(12)]
        return _Year(months, in_k, unemployed_in, births, uniform=False)

    def _later_unemployment(
        self,
        year: _Year,
        day_month: int,
        base: ReductionJudgement,
        judgements: dict[frozenset[int], ReductionJudgement],
    ) -> list[str]:
        """A 軽減期間 that starts after the 判定 day: from its first month the household is judged
        with the 給与所得 at 30/100 (施行令29条の7の2), which can give a larger reduction."""
        months, out = year.months, []
        for k in range(day_month + 1, 12):
            unemployed = year.unemployed_in[k]
            if unemployed == year.unemployed_in[k - 1] or not unemployed:
                continue
            if unemployed not in judgements:
                judgements[unemployed] = self.judge(unemployed)
            later = judgements[unemployed]
            if later.reduction is not None and later.reduction != base.reduction:
                base.later[months[k]] = later
                cls = f"{later.reduction}軽減" if later.reduction != NO_REDUCTION else "軽減なし"
                out.append(
                    f"{months[k].month}月分からは非自発的失業の軽減（給与所得を30/100として判定）により"
                    f"{cls}です（軽減判定所得 {later.income:,}円）"
                )
        return out

    def _specific_household_ratios(self, year: _Year) -> None:
        """平等割 multiplier per month for 特定世帯 (½) / 特定継続世帯 (¾), else 1 (year.specific)."""
        case, trace, on = self.case, self.trace, self.on
        months, in_k = year.months, year.in_k
        ratios = year.specific = [ONE] * 12
        if year.uniform and not any(
            m.late_elderly_transferred or (m.insured and column is not _ALL) for m, column in zip(case.members, in_k)
        ):
            return  # everyone insured is charged all year, so no one reaches 75 before its end; no one moved
        transfers: list[date] = []
        unknown = False
        year_end = date(self.fy + 1, 3, 31)
        for m in case.members:
            if m.late_elderly_transferred:
                assert m.birth_date is not None  # _check_facts
                day = self.late_day(m.birth_date)
                if day <= on:
                    transfers.append(day)
                else:  # moved before 75 (障害認定): the date is not in the case
                    unknown = True
            elif m.insured and m.birth_date:
                day = self.late_day(m.birth_date)
                if day <= year_end and not (m.left_date and m.left_date < day):
                    transfers.append(day)
        if not transfers and not unknown:
            return
        charged = [sum(column) for column in zip(*in_k)]  # per month
        transfer_months = [(month_of(t), t) for t in transfers]
        decided: dict[date, Decimal] = {}  # by the latest transfer: the same ratio in every month
        for k, mo in enumerate(months):
            if charged[k] != 1:
                continue
            done = [t for first, t in transfer_months if first <= mo]
            if not done:
                continue
            t = max(done)
            ratio = decided.get(t)
            if ratio is None:
                first_years = trace.value("premium_rules.specific_household_years", on)
                more_years = trace.value("premium_rules.continued_household_years", on)
                ratio = ONE
                if self.fy <= fiscal_year_of(add_years(t, first_years)):
                    ratio = _decimal(trace.value("premium_rules.specific_household_ratio", on))
                elif self.fy <= fiscal_year_of(add_years(t, first_years + more_years)):
                    ratio = _decimal(trace.value("premium_rules.continued_household_ratio", on))
                decided[t] = ratio
            ratios[k] = ratio
        if unknown and all(r == 1 for r in ratios):
            self.reasons.append(
                "要確認: 後期高齢者医療へ移った世帯員の移行日が分からないため、特定世帯（平等割の軽減）を"
                "計算に入れていません"
            )
        year.specific_applies = any(r != 1 for r in ratios)

    def _configs(self, year: _Year, care: bool) -> dict[MonthConfig, int]:
        """Months with the same configuration (members in, unemployed, childbirth, 特定世帯) are
        computed once and weighted by their number; the same for every part but 介護分."""
        if care in self._configs_of:
            return self._configs_of[care]
        members_in, constant = self._care_in(year) if care else (year.in_k, year.uniform)
        configs: dict[MonthConfig, int] = {}
        if constant and (not year.specific_applies or year.specific.count(year.specific[0]) == 12):
            active = tuple(i for i, column in enumerate(members_in) if column[0])
            if active:
                configs[MonthConfig(active, year.unemployed_in[0], (False,) * len(active), year.specific[0])] = 12
        else:
            months_of: dict[tuple, int] = {}
            for month in zip(zip(*members_in), year.unemployed_in, zip(*year.births), year.specific):
                months_of[month] = months_of.get(month, 0) + 1
            for (column, unemployed, born, ratio), count in months_of.items():
                active = tuple(i for i, inside in enumerate(column) if inside)
                if active:
                    configs[MonthConfig(active, unemployed, tuple(born[i] for i in active), ratio)] = count
        self._configs_of[care] = configs
        return configs

    def _care_in(self, year: _Year) -> tuple[list[list[bool]], bool]:
        """The 介護分 months of each member (charged and 40–64), and whether none changes in the year."""
        out, constant = [], year.uniform
        ages: tuple[int, int] | None = None  # read at the first charged member
        for i, column in enumerate(year.in_k):
            if column is _NONE or not any(column):
                out.append(column)
                continue
            m = self.case.members[i]
            assert m.birth_date is not None  # _check_facts: every insured member's birth date is known
            if ages is None:
                ages = self.trace.value("ages.care_min_age", self.on), self.trace.value("ages.care_end_age", self.on)
            span = care_span(m.birth_date, *ages)
            whole = whole_or_none(span, year.months) if year.uniform else None
            if whole is None:
                constant = False
                out.append([a and b for a, b in zip(column, months_in(span, year.months))])
            else:
                out.append(_ALL if whole else _NONE)
        return out, constant

    def _part_law(self, births: bool, specific: bool, parts: Collection[str]) -> PartLaw:
        """The values every part reads, read once per computation (and remembered for the process):
        `births` for a year with 産前産後 exempt months, `specific` with 特定世帯 months."""
        if self._law is None:
            child = "child" in parts
            key = ("part law", self.on, births, specific, child)
            self._law = remembered(key, self.trace, lambda t: part_law(t, self.on, births, specific, child))
        return self._law

    def _charged(self, config: MonthConfig, law: PartLaw) -> list[Charged]:
        """The members a configuration charges, with their incomes and age classes (once per configuration)."""
        charged = self._charged_in.get(config)
        if charged is None:
            charged = self._charged_in[config] = []
            members = self.case.members
            for i, born in zip(config.active, config.born):
                unemployed = i in config.unemployed
                inc = self.income(i, unemployed)
                charged.append(
                    Charged(
                        i,
                        inc,
                        unemployed and bool(inc.salary_before_unemployment),
                        born,
                        under_age_on_basis(members[i], self.fy, law.half_age),
                        law.child_age is not None and under_age_on_basis(members[i], self.fy, law.child_age),
                    )
                )
        return charged

    def _part(
        self,
        part: str,
        rate: PartRate,
        rounding: int,
        configs: dict[MonthConfig, int],
        judgements: dict[frozenset[int], ReductionJudgement],
        law: PartLaw,
    ) -> PartResult:
        trace, on = self.trace, self.on
        sums = PartSums(part, rate, law)
        reductions = set()
        for config, count in configs.items():
            j = judgements.get(config.unemployed)
            if j is None:
                j = judgements[config.unemployed] = self.judge(config.unemployed)
            ratio = j.ratio
            if ratio:
                reductions.add(f"{j.reduction}軽減")
                if part == "child" and not trace.value("children.child_part_statutory_reduction", on):
                    ratio = ZERO
            charged = self._charged(config, law)
            if count == 12:  # the whole year alike (the one configuration): no sums to prorate
                result, order_matters = whole_year_part(
                    part,
                    rate,
                    law,
                    charged,
                    config.specific_ratio,
                    j.reduction,
                    kept(ratio),
                    rounding,
                    self._labels,
                    self._bases,
                )
                if order_matters:
                    trace.value("premium_rules.reduce_then_cap", on)
                result.notes += sorted(reductions)
                return result
            if sums.add(charged, config.specific_ratio, count, j.reduction, kept(ratio)):
                trace.value("premium_rules.reduce_then_cap", on)  # the order matters only here
        return sums.result(rounding, self._labels, self._bases, sorted(reductions))

    def _check_caps(self, rates: RateTable) -> None:
        try:
            national = self.trace.value("premium_caps.national", self.on)
        except ParameterError:
            return
        for part, rate in rates.parts.items():
            if part in national and rate.cap > national[part]:
                self.reasons.append(
                    f"要確認: {PART_LABELS[part]}の限度額 {rate.cap:,}円 が国の限度額 "
                    f"{national[part]:,}円 を超えています。料率表を確かめてください"
                )
