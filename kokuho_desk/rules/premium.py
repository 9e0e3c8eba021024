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

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from kokuho_desk.model.case import RELATION_LABELS, Case, Income, Member, age_on, fiscal_year_of
from kokuho_desk.model.wareki import fiscal_year_label
from kokuho_desk.rules import desk_rates
from kokuho_desk.rules.context import CheckContext, Trace, provisional_sentence
from kokuho_desk.rules.income import MemberIncome, floor_yen, is_earner, law_day, member_income
from kokuho_desk.rules.municipality import PART_LABELS, ProfileError, RateTable, profile_for_case
from kokuho_desk.rules.params import ParameterError, Value, in_force_from

NO_REDUCTION = "なし"
REDUCTION_CLASSES = ("7割", "5割", "2割")


def floor_to_unit(amount: int, unit: int) -> int:
    """The rate table's rounding: each part floored to 1・10・100・1000円 (明石市: 100円未満切捨て)."""
    return amount // unit * unit


def member_label(case: Case, index: int) -> str:
    m = case.members[index]
    return m.name or f"{RELATION_LABELS.get(m.relation, '世帯員')}（{index + 1}人目）"


# --- dates ----------------------------------------------------------------------------------------


def fiscal_months(fiscal_year: int) -> list[date]:
    """The first day of each month of the fiscal year, April to March."""
    return [date(fiscal_year + (m < 4), m, 1) for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]


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
    return reached_day(birth, trace.value("ages.late_elderly_age", on)) + timedelta(days=1)


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return date(d.year + years, 3, 1)


# --- who is where, month by month ---------------------------------------------------------------


def in_kokuho_on(m: Member, day: date, trace: Trace, on: date) -> bool:
    """A 国保 member on a given day."""
    if not m.insured:
        return False
    if m.joined_date and day < m.joined_date:
        return False
    if m.left_date and day >= m.left_date:
        return False
    return not (m.birth_date and day >= late_elderly_day(m.birth_date, trace, on))


def kokuho_months(m: Member, months: list[date], trace: Trace, on: date) -> list[bool]:
    """Charged months: from the month of joining to the month before the 喪失日 (or the 75th birthday)."""
    if not m.insured:
        return [False] * len(months)
    start = month_of(m.joined_date) if m.joined_date else months[0]
    ends = [month_of(m.left_date)] if m.left_date else []
    if m.birth_date:
        ends.append(month_of(late_elderly_day(m.birth_date, trace, on)))
    end = min(ends, default=date.max)
    return [start <= mo < end for mo in months]


def care_months(m: Member, months: list[date], trace: Trace, on: date) -> list[bool]:
    """介護保険第2号被保険者 months: from the month one reaches 40 to the month before reaching 65."""
    start = month_of(reached_day(m.birth_date, trace.value("ages.care_min_age", on)))
    end = month_of(reached_day(m.birth_date, trace.value("ages.care_end_age", on)))
    return [start <= mo < end for mo in months]


def basis_day(case: Case, fiscal_year: int, trace: Trace) -> date:
    """The 軽減判定 day: 4月1日, or the first day of joining if nobody is in 国保 on 4月1日."""
    on = law_day(fiscal_year)
    if any(in_kokuho_on(m, on, trace, on) for m in case.members):
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
    return age_on(m.birth_date, law_day(fiscal_year) - timedelta(days=1)) < age


def _status(trace: Trace, pid: str) -> str | None:
    return next((v.status for v in trace.read if v.param == pid), None)


# --- the statutory reduction (軽減判定) -----------------------------------------------------------


@dataclass
class Judgement:
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
    later: dict[date, Judgement] = field(default_factory=dict)  # from a month: a 軽減期間 starting later

    def unemployment_line(self, case: Case) -> str | None:
        """The words that say whose 給与所得 was counted at 30/100, for the card and the 計算書."""
        if not self.unemployed:
            return None
        return "、".join(
            f"{member_label(case, i)}の給与所得 {before:,}円 を非自発的失業の軽減により30/100の{after:,}円 として判定"
            for i, (before, after) in self.unemployed.items()
        )


def _classify(income: int, persons: int, earners: int, fiscal_year: int, trace: Trace) -> tuple[str, dict]:
    on = law_day(fiscal_year)
    base = trace.value("statutory_reduction.base_amount", on)
    base += trace.value("statutory_reduction.per_earner", on) * max(0, earners - 1)
    lines = {
        "7割": base,
        "5割": base + trace.value("statutory_reduction.per_person_5wari", on) * persons,
        "2割": base + trace.value("statutory_reduction.per_person_2wari", on) * persons,
    }
    for cls in REDUCTION_CLASSES:  # 「以下」
        if income <= lines[cls]:
            return cls, lines
    return NO_REDUCTION, lines


# --- the result -----------------------------------------------------------------------------------


@dataclass
class MemberLine:
    index: int
    label: str
    months: int  # months charged in this part
    base: int  # 所得割の算定基礎 (旧ただし書き所得)
    income_based: int
    per_capita_full: int  # 均等割 before reductions (annual)
    per_capita_unit: int  # 均等割 after reductions (annual, the first month's)
    per_capita: int
    notes: list[str] = field(default_factory=list)


@dataclass
class PartResult:
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


@dataclass
class PremiumResult:
    fiscal_year: int
    judgement: Judgement | None
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


@dataclass(frozen=True)
class Variant:
    """Which reductions to apply. ACTUAL applies every one the facts support (what the bill should be)."""

    unemployment: bool = True
    childbirth: bool = True
    statutory: bool = True
    assume_declared: bool = False  # count 未申告 members' known incomes (what filing would give)


ACTUAL = Variant()


def premium(ctx: CheckContext, variant: Variant = ACTUAL) -> PremiumResult:
    """The household's premium (computed once per context and variant)."""
    return ctx.memo(f"premium:{variant}", lambda: _Computation(ctx, variant).run())


def resolve_rates(
    case: Case, fiscal_year: int, provisional: bool = False
) -> tuple[RateTable | None, str, list[str], list[str]]:
    """(rate table, 料|税, reasons, missing): the case file's inline rates, else the municipality
    profile's year, else a table the desk entered itself (desk_rates: never over bundled data).
    `provisional` (what-if mode): a year with no rates yet takes the profile's newest earlier
    year's, marked unverified (a what-if about next year's law before next year's rates exist)."""
    kind, reasons = "料", []
    profile = None
    if case.municipality or case.municipality_code:
        try:
            profile = profile_for_case(case)
            kind = profile.kind
        except ProfileError as e:
            if not case.rates:
                desk = desk_rates.table_for([case.municipality], fiscal_year)
                if desk is not None:
                    return desk.table(), desk.kind, [desk.reason], []
                return None, kind, [str(e)], ["rates"]
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
        desk = desk_rates.table_for([case.municipality, profile.name], fiscal_year)
        if desk is not None:
            return desk.table(), desk.kind, [desk.reason], []
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


class _Computation:
    """One premium computation: keeps the trace, the reasons and the missing fields together."""

    def __init__(self, ctx: CheckContext, variant: Variant):
        self.ctx, self.case, self.variant = ctx, ctx.case, variant
        self.fy = ctx.case.effective_fiscal_year
        self.on = law_day(self.fy)
        self.trace = Trace(ctx)
        self.reasons: list[str] = []
        self.missing: list[str] = []
        self._incomes: dict[tuple[int, bool], MemberIncome] = {}
        self._under: dict[tuple[int, int], bool] = {}
        self.unemployed_in: list[frozenset[int]] = []
        self._configs_of: dict[bool, dict[tuple, int]] = {}
        self._rules_of_parts: tuple | None = None

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

    def under(self, i: int, age: int) -> bool:
        key = (i, age)
        if key not in self._under:
            self._under[key] = under_age_on_basis(self.case.members[i], self.fy, age)
        return self._under[key]

    def income(self, i: int, unemployed: bool) -> MemberIncome:
        key = (i, unemployed)
        if key not in self._incomes:
            inc = self._income_of(i)
            # Shared with the other variants: the same facts give the same income.
            self._incomes[key] = self.trace.shared(
                ("income", i, unemployed, inc is not None and inc is not self.case.members[i].income),
                lambda t: member_income(self.case.members[i], inc, self.fy, t, unemployed),
            )
        return self._incomes[key]

    def _income_of(self, i: int) -> Income | None:
        """The income to use for a member: None if unknown; 未申告 counts as nothing unless assumed declared."""
        m = self.case.members[i]
        inc = m.income
        if inc is None:
            return None
        if inc.declared is False and not self.variant.assume_declared:
            return Income(declared=False)
        return inc

    def _check_facts(self) -> bool:
        ok = True
        for i, m in enumerate(self.case.members):
            relevant = m.insured or m.relation == "head" or m.late_elderly_transferred
            if not relevant:
                continue
            if m.birth_date is None:
                self.missing.append(f"members[{i}].birth_date")
                ok = False
            if m.income is None:
                self.missing.append(f"members[{i}].income")
                ok = False
            elif (
                self.variant.assume_declared
                and m.income.declared is False
                and all(getattr(m.income, k) is None for k in ("salary", "pension", "business", "other"))
            ):
                self.missing.append(f"members[{i}].income.salary")
                ok = False
        return ok

    # -- 軽減判定 ------------------------------------------------------------------------------

    def judge(self, unemployed: frozenset[int]) -> Judgement:
        case, fy, trace = self.case, self.fy, self.trace
        day = basis_day(case, fy, trace)
        counted, persons = [], 0
        for i, m in enumerate(case.members):
            insured = in_kokuho_on(m, day, trace, self.on)
            if insured or m.late_elderly_transferred:
                persons += 1
            if insured or m.late_elderly_transferred or m.relation == "head":
                counted.append(i)
        undeclared = [i for i in counted if case.members[i].income and case.members[i].income.declared is False]
        if undeclared and not self.variant.assume_declared:
            names = "、".join(member_label(case, i) for i in undeclared)
            return Judgement(
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
            return Judgement(NO_REDUCTION, Decimal(0), day, None, persons, 0, {}, counted, undeclared)
        # 特例対象被保険者等: 給与所得 × 30/100 in the 軽減判定 too (施行令29条の7の2).
        incomes = {i: self.income(i, i in unemployed) for i in counted}
        total = sum(x.judgement for x in incomes.values())
        reduced = {
            i: (incomes[i].salary_before_unemployment, incomes[i].salary)
            for i in counted
            if i in unemployed and incomes[i].salary_before_unemployment
        }
        # 給与所得者等: the conflicting readings are shown only when they change the class.
        scratch, alt = Trace(self.ctx), Trace(self.ctx)
        earners = sum(is_earner(case.members[i], self._income_of(i), fy, scratch) for i in counted)
        earners_alt = sum(is_earner(case.members[i], self._income_of(i), fy, alt, alternative=True) for i in counted)
        cls, lines = _classify(total, persons, earners, fy, trace)
        reasons = []
        conflict = earners != earners_alt and _classify(total, persons, earners_alt, fy, scratch)[0] != cls
        trace.record(*(v for v in scratch.read + (alt.read if conflict else []) if v.status == "verified" or conflict))
        if conflict:
            alt_cls = _classify(total, persons, earners_alt, fy, scratch)[0]
            reasons.append(
                f"要確認: 給与所得者等の数え方（65歳以上の年金収入125万円超か110万円超か、令和8年度の給与収入"
                f"55万円超か65万円超か）で結果が変わります（{earners}人なら{cls}、{earners_alt}人なら{alt_cls}）。"
                "市区町村に確認してください"
            )
        ratio = Decimal(trace.value("statutory_reduction.ratios", self.on)[cls]) if cls != NO_REDUCTION else Decimal(0)
        return Judgement(cls, ratio, day, total, persons, earners, lines, counted, [], reasons, reduced)

    # -- the premium ---------------------------------------------------------------------------

    def _run(self, rates: RateTable | None, kind: str) -> PremiumResult:
        case, fy, trace, on = self.case, self.fy, self.trace, self.on
        if not self._check_facts():
            self.reasons.append("生年月日か所得が分からない世帯員がいるため、保険料と軽減を計算できません")
            return PremiumResult(
                fy, None, {}, None, kind, rates, reasons=self.reasons, missing=self.missing, read=trace.read
            )
        months = fiscal_months(fy)
        n = len(case.members)
        in_k = [
            trace.shared(("kokuho_months", i), lambda t, m=m: kokuho_months(m, months, t, on))
            for i, m in enumerate(case.members)
        ]
        unemp = [[False] * 12 for _ in range(n)]
        births = [[False] * 12 for _ in range(n)]
        for i, m in enumerate(case.members):
            if self.variant.unemployment and m.insured:
                period = unemployment_period(m, trace, on)
                if period:
                    unemp[i] = [period[0] <= mo <= period[1] for mo in months]
            if self.variant.childbirth and m.insured:
                exempt = set(childbirth_months(m, trace, on))
                births[i] = [mo in exempt for mo in months]
        self.unemployed_in = [frozenset(i for i in range(n) if unemp[i][k]) for k in range(12)]
        # The 判定 day's own month decides who is a 特例対象被保険者 (the joining day for a
        # household that joins mid-year: in the year of the job loss too).
        day_month = months.index(month_of(basis_day(case, fy, trace)))
        base_judgement = self.judge(self.unemployed_in[day_month])
        judgements = {self.unemployed_in[day_month]: base_judgement}
        base_judgement.reasons += self._later_unemployment(months, day_month, base_judgement, judgements)
        self.reasons += base_judgement.reasons
        incomes = {i: self.income(i, False) for i, m in enumerate(case.members) if m.insured}
        if rates is None:
            self.reasons.append("料率が分からないため保険料は計算できません（軽減の判定はできます）")
            return PremiumResult(
                fy, base_judgement, {}, None, kind, rates, incomes, self.reasons, self.missing, trace.read
            )
        specific = self._specific_household_ratios(months, in_k)

        parts: dict[str, PartResult] = {}
        prorated = False
        for part, rate in rates.parts.items():
            result, partial = self._part(part, rate, rates.rounding, months, in_k, unemp, births, specific, judgements)
            prorated = prorated or partial
            parts[part] = result
        if prorated:
            trace.value("premium_rules.monthly_proration", on)
            self.reasons.append(
                "要確認: 年度の途中で加入・脱退・年齢到達などがあるため月割で計算しました"
                "（月割の端数処理は市区町村により異なります）"
            )
        self._check_caps(rates)
        total = sum(p.total for p in parts.values())
        return PremiumResult(
            fy, base_judgement, parts, total, kind, rates, incomes, self.reasons, self.missing, trace.read
        )

    def _later_unemployment(self, months: list[date], day_month: int, base: Judgement, judgements: dict) -> list[str]:
        """A 軽減期間 that starts after the 判定 day: from its first month the household is judged
        with the 給与所得 at 30/100 (施行令29条の7の2), which can give a larger reduction."""
        out = []
        for k in range(day_month + 1, 12):
            unemployed = self.unemployed_in[k]
            if unemployed == self.unemployed_in[k - 1] or not unemployed:
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

    def _specific_household_ratios(self, months: list[date], in_k: list[list[bool]]) -> list[Decimal]:
        """平等割 multiplier per month for 特定世帯 (½) / 特定継続世帯 (¾), else 1."""
        case, trace, on = self.case, self.trace, self.on
        ratios = [Decimal(1)] * 12
        transfers: list[date] = []
        unknown = False
        for m in case.members:
            if m.late_elderly_transferred:
                day = late_elderly_day(m.birth_date, trace, on)
                if day <= on:
                    transfers.append(day)
                else:  # moved before 75 (障害認定): the date is not in the case
                    unknown = True
            elif m.insured and m.birth_date:
                day = late_elderly_day(m.birth_date, trace, on)
                if day <= date(self.fy + 1, 3, 31) and not (m.left_date and m.left_date < day):
                    transfers.append(day)
        if not transfers and not unknown:
            return ratios
        for k, mo in enumerate(months):
            if sum(col[k] for col in in_k) != 1:
                continue
            done = [t for t in transfers if month_of(t) <= mo]
            if not done:
                continue
            t = max(done)
            first_years = trace.value("premium_rules.specific_household_years", on)
            more_years = trace.value("premium_rules.continued_household_years", on)
            if self.fy <= fiscal_year_of(add_years(t, first_years)):
                ratios[k] = Decimal(trace.value("premium_rules.specific_household_ratio", on))
            elif self.fy <= fiscal_year_of(add_years(t, first_years + more_years)):
                ratios[k] = Decimal(trace.value("premium_rules.continued_household_ratio", on))
        if unknown and all(r == 1 for r in ratios):
            self.reasons.append(
                "要確認: 後期高齢者医療へ移った世帯員の移行日が分からないため、特定世帯（平等割の軽減）を"
                "計算に入れていません"
            )
        return ratios

    def _configs(self, care: bool, members_in, births, specific) -> dict[tuple, int]:
        """Months with the same configuration (members in, unemployed, childbirth, 特定世帯) are
        computed once and weighted by their number; the same for every part but 介護分."""
        if care in self._configs_of:
            return self._configs_of[care]
        months_of: dict[tuple, int] = {}
        for month in zip(zip(*members_in), self.unemployed_in, zip(*births), specific):
            months_of[month] = months_of.get(month, 0) + 1
        configs: dict[tuple, int] = {}
        for (column, unemployed, born, ratio), count in months_of.items():
            active = tuple(i for i, inside in enumerate(column) if inside)
            if active:
                configs[(active, unemployed, tuple(born[i] for i in active), ratio)] = count
        self._configs_of[care] = configs
        return configs

    def _part_rules(self, births, specific) -> tuple:
        """The values every part reads, read once per computation."""
        if self._rules_of_parts is None:
            trace, on = self.trace, self.on
            self._rules_of_parts = (
                # FY2023: the exempt months (2024-01〜03) are under the law from its first day
                trace.value("childbirth.parts", max(on, in_force_from("childbirth.parts")))
                if any(any(b) for b in births)
                else (),
                trace.value("children.half_reduction_parts", on),
                trace.value("children.half_reduction_under_age", on),
                Decimal(trace.value("children.half_reduction_ratio", on)),
                _status(trace, "children.half_reduction_under_age") == "planned",
                trace.value("premium_rules.specific_household_parts", on) if any(r != 1 for r in specific) else (),
            )
        return self._rules_of_parts

    def _part(
        self, part: str, rate, rounding: int, months, in_k, unemp, births, specific, judgements: dict
    ) -> tuple[PartResult, bool]:
        case, trace, on = self.case, self.trace, self.on
        n = len(case.members)
        if part == "care":
            members_in = [
                [
                    a and b
                    for a, b in zip(
                        in_k[i],
                        trace.shared(("care_months", i), lambda t, m=case.members[i]: care_months(m, months, t, on)),
                    )
                ]
                if any(in_k[i])
                else in_k[i]
                for i in range(n)
            ]
        else:
            members_in = in_k
        configs = self._configs(part == "care", members_in, births, specific)
        birth_parts, half_parts, half_age, half_ratio, half_planned, specific_parts = self._part_rules(births, specific)
        child_age = trace.value("children.child_part_exemption_under_age", on) if part == "child" else None
        rate_fraction = rate.income_rate_percent / 100

        ib_sum = [0] * n  # Σ annual amount × months (divided by 12 at the end)
        pc_sum = [0] * n
        ph_sum = cap_sum = 0
        first_unit: dict[int, int] = {}
        ph_unit = None
        notes_of: dict[int, list[str]] = {i: [] for i in range(n)}
        month_counts = [0] * n
        for (active, unemployed, born, specific_ratio), count in configs.items():
            if unemployed not in judgements:
                judgements[unemployed] = self.judge(unemployed)
            j = judgements[unemployed]
            ratio = j.ratio
            if part == "child" and ratio and not trace.value("children.child_part_statutory_reduction", on):
                ratio = Decimal(0)
            ib_total = pc_total = full_total = 0
            for i, exempt_month in zip(active, born):
                month_counts[i] += count
                exempt = exempt_month and part in birth_parts
                inc = self.income(i, i in unemployed)
                ib = 0 if exempt else floor_yen(inc.base * rate_fraction)  # 所得割: per member, 1円未満切捨て
                unit_full = rate.per_capita
                if part == "child" and not self.under(i, child_age):
                    unit_full += rate.per_capita_adult_extra
                unit = floor_yen(unit_full * (1 - ratio))  # 法定軽減: each reduced unit floored
                notes = [f"{j.reduction}軽減"] if ratio else []
                if part in half_parts and self.under(i, half_age):
                    unit = floor_yen(unit * (1 - half_ratio))  # 未就学児: half of the reduced amount, floored
                    notes.append("18歳以下5割軽減（予定・仮定）" if half_planned else "未就学児5割軽減")
                if part == "child" and self.under(i, child_age):
                    unit = 0  # 子ども・子育て支援納付金分: 18歳年度末まで 10割軽減
                    notes.append("18歳以下10割軽減")
                if exempt:
                    unit = 0
                    notes.append("産前産後免除")
                if i in unemployed and inc.salary_before_unemployment:
                    notes.append("非自発的失業（給与所得30/100）")
                notes_of[i] += [x for x in notes if x not in notes_of[i]]
                first_unit.setdefault(i, unit)
                ib_sum[i] += ib * count
                pc_sum[i] += unit * count
                ib_total += ib
                pc_total += unit
                full_total += 0 if exempt else unit_full
            ph_full = rate.per_household
            ph = ph_full
            if part in specific_parts and specific_ratio != 1:
                ph = floor_yen(ph * specific_ratio)  # 特定世帯・特定継続世帯: before the 法定軽減 (秦野市)
            ph = floor_yen(ph * (1 - ratio))
            if ph_unit is None:
                ph_unit = ph
            ph_sum += ph * count
            cap_sum += rate.cap * count
            if ib_total + full_total + ph_full > rate.cap and full_total + ph_full > pc_total + ph:
                trace.value("premium_rules.reduce_then_cap", on)  # the order matters only here

        def prorate(x: int) -> int:
            return x // 12  # 月割: Σ (年額 × 月数) ÷ 12, 1円未満切捨て (premium_rules.monthly_proration)

        members = [
            MemberLine(
                i,
                member_label(case, i),
                month_counts[i],
                self.income(i, False).base,
                prorate(ib_sum[i]),
                rate.per_capita,
                first_unit[i],
                prorate(pc_sum[i]),
                notes_of[i],
            )
            for i in range(n)
            if month_counts[i]
        ]
        income_based = prorate(sum(ib_sum))
        per_capita = prorate(sum(pc_sum))
        per_household = prorate(ph_sum)
        cap = prorate(cap_sum)
        before_cap = income_based + per_capita + per_household
        charged = sum(configs.values())
        notes = ["特定世帯・特定継続世帯の平等割軽減"] if part in specific_parts and ph_unit is not None else []
        notes += sorted({f"{judgements[sig[1]].reduction}軽減" for sig in configs if judgements[sig[1]].ratio})
        partial = charged not in (0, 12) or len(configs) > 1
        return PartResult(
            part,
            rate.income_rate_percent,
            income_based,
            per_capita,
            per_household,
            rate.per_household if charged else 0,
            ph_unit or 0,
            charged,
            before_cap,
            cap,
            before_cap > cap,
            rounding,
            floor_to_unit(min(before_cap, cap), rounding),
            members,
            notes,
        ), partial

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
