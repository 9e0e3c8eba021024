"""The household's 最低生活費 as a welfare office computes it (生活保護法8条; 告示第158号).

最低生活費 = 生活扶助 (第1類・第2類・逓減率 by 級地, 特例加算, 経過的加算; 冬季加算 in season)
+ 加算 (児童養育, 母子 / ひとり親, 障害者) + 住宅扶助 (actual rent up to the 限度額).
The structure in force (2020-10 or 2023-10) and every table are dated data in
resources/rules/minimum_living/. Research notes: ../shared/reference/minimum-living.md.

Also (for_case): 期末一時扶助 in December, 教育扶助・高等学校等就学費 by school year, and a long
inpatient's 入院患者日用品費 in place of that member's share (other_assistance.toml).
Not modelled: 妊産婦・在宅患者加算, 医療扶助, 介護施設入所者基本生活費, 学習支援費 and other
costs paid at cost. Each omission makes the figure lower than the welfare office's.
The income the checks compare is recognised_income's (wages after the 勤労控除).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from kokuho_desk.model.case import Case, age_on
from kokuho_desk.model.municipalities import Municipality
from kokuho_desk.rules import relief
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.params import value_at
from kokuho_desk.rules.premium import member_label
from kokuho_desk.rules.recognised_income import Recognised, recognise
from kokuho_desk.rules.remembered import remembered
from kokuho_desk.rules.result import check_trace

T = TypeVar("T")


class Person(NamedTuple):
    age: int
    child: bool = False  # 児童: up to the 31 March after the 18th birthday (児童養育加算・母子加算)
    disability_level: int | None = None  # 0: 手帳1・2級等, 1: 手帳3級等 (障害者加算)


@dataclass
class MinimumLiving:
    """One month's 最低生活費 and its parts (yen)."""

    month: date
    grade: str
    persons: int
    body: int  # 第1類・第2類 (2020-10: the larger of 基準額①×0.855 and ②)
    special: int  # 特例加算
    transitional: int  # 経過的加算
    winter: int  # 冬季加算
    child_rearing: int
    single_parent: int
    disability: int
    housing: int  # 住宅扶助 (rent up to the 限度額)
    housing_ceiling: int | None
    notes: list[str] = field(default_factory=list)  # data gaps: shown as 要確認
    year_end: int = 0  # 期末一時扶助 (December)
    education: int = 0  # 教育扶助 基準額 and 高等学校等就学費 基本額
    inpatient_daily: int = 0  # 入院患者日用品費 (an inpatient's 生活扶助)

    @property
    def living(self) -> int:
        """生活扶助 (without 冬季加算)."""
        return self.body + self.special + self.transitional

    @property
    def additions(self) -> int:
        return self.child_rearing + self.single_parent + self.disability

    @property
    def other_assistance(self) -> int:
        """期末一時扶助, 教育扶助・高等学校等就学費, 入院患者日用品費."""
        return self.year_end + self.education + self.inpatient_daily

    @property
    def total(self) -> int:
        return self.living + self.winter + self.additions + self.housing + self.other_assistance

    def breakdown(self) -> dict[str, int]:
        return {
            "living_assistance": self.living,
            "winter_addition": self.winter,
            "additions": self.additions,
            "housing_assistance": self.housing,
            "other_assistance": self.other_assistance,
        }


def _round_up(whole: int, unit: int) -> int:
    """Up to the next `unit` (告示 の端数処理; the 1円未満 is cut first: relief.floor_times)."""
    return -(-whole // unit) * unit


_DIGESTS: dict[tuple[int, Callable[[Any], Any]], tuple[object, Any]] = {}


def _digest(table: T, make: Callable[[T], Any]) -> Any:
    """make(table) for a table of the law data, computed once per process (the loaded tables never
    change). By the table's identity, as a dict cannot be hashed: the entry keeps the table, so no
    other object can take its id."""
    key = (id(table), make)
    hit = _DIGESTS.get(key)
    if hit is None:
        hit = _DIGESTS[key] = (table, make(table))
    return hit[1]


def _bands(table: dict[str, list[int]], ages: Sequence[int]) -> list[str]:
    """Each person's age band ("0-2", …, "75-"): the one whose lower bound is the highest not above
    the age."""
    by_age = _bands_by_age(tuple(table))
    top = len(by_age) - 1
    out = []
    for age in ages:
        band = by_age[min(age, top)] if age >= 0 else None
        if band is None:
            raise ValueError(f"{age}歳の年齢区分が表にありません")
        out.append(band)
    return out


@lru_cache(maxsize=64)
def _bands_by_age(bands: tuple[str, ...]) -> tuple[str | None, ...]:
    """The band of each age from 0 up to the highest lower bound (the top band from there on;
    None below the lowest): a table's bands are read once, not per person."""
    lows = sorted((int(band.split("-")[0]), band) for band in bands)
    return tuple(next((band for low, band in reversed(lows) if low <= age), None) for age in range(lows[-1][0] + 1))


def _amounts_by_age(table: dict[str, list[int]]) -> tuple[tuple[int | None, ...], ...]:
    """Per 級地 column, the amount of each age (as _bands_by_age) of a table by age band."""
    by_age = _bands_by_age(tuple(table))
    columns = len(next(iter(table.values())))
    return tuple(tuple(None if b is None else table[b][col] for b in by_age) for col in range(columns))


def _sum_by_age(table: dict[str, list[int]], col: int, ages: Sequence[int]) -> int:
    """Σ each person's amount in column `col` of a table by age band."""
    amounts = _digest(table, _amounts_by_age)[col]
    top = len(amounts) - 1
    total = 0
    for age in ages:
        amount = amounts[min(age, top)] if age >= 0 else None
        if amount is None:
            raise ValueError(f"{age}歳の年齢区分が表にありません")
        total += amount
    return total


def _living_2023(trace: Trace, on: date, col: int, ages: Sequence[int], notes: list[str]) -> tuple[int, int, int]:
    n = len(ages)
    unit = trace.value("minimum_living.structure.rounding_unit", on)
    first = trace.value("minimum_living.living_2023.first_class", on)
    rates = trace.value("minimum_living.living_2023.reduction_rate", on)
    second = trace.value("minimum_living.living_2023.second_class", on)
    sum1 = _sum_by_age(first, col, ages)
    part1 = _round_up(relief.floor_times(sum1, rates[min(n, len(rates)) - 1]), unit)
    if n <= len(second):
        part2 = second[n - 1]
    else:
        part2 = second[-1] + trace.value("minimum_living.living_2023.second_class_per_extra_person", on) * (
            n - len(second)
        )
    special = trace.value("minimum_living.living_2023.special_addition", on) * n
    table = trace.value("minimum_living.living_2023.transitional", on)
    rows = table.get(str(n))
    if rows is not None:
        trans = _sum_by_age(rows, col, ages)
    else:
        trans = trace.value("minimum_living.living_2023.transitional_6plus", on) * n
        notes.append(f"{n}人世帯の経過的加算の表がないため0円としています")
    return part1 + part2, special, trans


def _living_2020(trace: Trace, on: date, col: int, ages: Sequence[int], notes: list[str]) -> tuple[int, int, int]:
    n = len(ages)
    unit = trace.value("minimum_living.structure.rounding_unit", on)
    second_1 = trace.value("minimum_living.living_2020.second_class_1", on)
    if str(n) not in second_1:
        raise MinimumLivingGap(f"2020年10月基準の{n}人世帯の表がデータにありません")
    amounts = []
    for k in ("1", "2"):
        first = trace.value(f"minimum_living.living_2020.first_class_{k}", on)
        rate = trace.value(f"minimum_living.living_2020.reduction_rate_{k}", on)[n - 1]
        sum1 = _sum_by_age(first, col, ages)
        part1 = _round_up(relief.floor_times(sum1, rate), unit)
        amounts.append(part1 + trace.value(f"minimum_living.living_2020.second_class_{k}", on)[str(n)][col])
    ratio = trace.value("minimum_living.living_2020.ratio_1", on)
    body = max(_round_up(relief.floor_times(amounts[0], ratio), unit), amounts[1])
    first = trace.value("minimum_living.living_2020.first_class_1", on)
    rows = trace.value("minimum_living.living_2020.transitional", on).get(str(n), {})
    trans = sum(rows[b][col] for b in _bands(first, ages) if b in rows)  # unlisted: 0
    return body, 0, trans


class _Living(NamedTuple):
    body: int
    special: int
    transitional: int
    winter: int
    child_rearing: int
    single_parent: int
    disability: int
    notes: tuple[str, ...]  # data gaps: shown as 要確認


def _living_assistance(
    trace: Trace,
    on: date,
    grade: str,
    persons: tuple[Person, ...],
    single_parent: bool,
    winter_zone: str | None,
    winter: str,
) -> _Living:
    """生活扶助, 冬季加算 and the 加算 (compute): law data, the month, the 級地, the persons, the
    single parent and the zone only, so remembered for the process (rules.remembered) with what it read."""
    notes: list[str] = []
    grades = trace.value("minimum_living.structure.grades", on)
    if grade not in grades:
        raise MinimumLivingGap(f"級地「{grade}」は {'・'.join(grades)} のいずれかで指定してください")
    col = grades.index(grade)
    ages = [p.age for p in persons]
    n = len(ages)
    standard = trace.value("minimum_living.structure.standard", on)
    living = _living_2023 if standard == "2023-10" else _living_2020
    body, special, trans = living(trace, on, col, ages, notes)

    winter_amount = 0
    if winter != "none" and winter_zone is not None:
        amounts = trace.value("minimum_living.winter.amounts", on)
        months = trace.value("minimum_living.winter.months", on)[winter_zone]
        if winter_zone not in amounts or n > len(amounts[winter_zone]):
            notes.append(f"冬季加算（{winter_zone}区・{n}人）の額がデータにないため含めていません")
        elif winter == "annual":
            yearly = amounts[winter_zone][n - 1] * len(months)
            winter_amount = _round_up(yearly // 12, trace.value("minimum_living.structure.rounding_unit", on))
        elif on.month in months:
            winter_amount = amounts[winter_zone][n - 1]

    children = sum(1 for p in persons if p.child)
    group = grade_group(grade)
    child_rearing = children * trace.value("minimum_living.additions.child_rearing", on) if children else 0
    parent_addition = 0
    if single_parent and children:
        one, two, more = trace.value("minimum_living.additions.single_parent", on)[group]
        parent_addition = one if children == 1 else two + more * (children - 2)
    disabled = [p for p in persons if p.disability_level is not None]
    disability_amounts = []
    if disabled:
        table = trace.value("minimum_living.additions.disability", on)[group]
        disability_amounts = [table[p.disability_level] for p in disabled]
    disability = sum(disability_amounts)
    if parent_addition and disability_amounts:
        # 母子加算 and 障害者加算 are not both paid to the parent: keep the higher one
        # (the parent is taken to be the adult with the highest 障害者加算).
        top = max(disability_amounts)
        if top > parent_addition:
            parent_addition = 0
        else:
            disability -= top
    return _Living(body, special, trans, winter_amount, child_rearing, parent_addition, disability, tuple(notes))


class MinimumLivingGap(LookupError):
    """The tables needed for this household are not in the data (message in Japanese)."""


def grade_group(grade: str) -> str:
    """ "1級地-2" → "1" (加算 and 住宅扶助 use three groups)."""
    return grade[0]


def compute(
    trace: Trace,
    on: date,
    grade: str,
    persons: Sequence[Person],
    *,
    single_parent: bool = False,
    rent: int | None = 0,
    housing_ceiling: Sequence[int] | None = None,
    winter_zone: str | None = None,
    winter: str = "season",
) -> MinimumLiving:
    """The 最低生活費 for the month containing `on`.

    winter: "season" adds the 冬季加算 in the winter months of the zone; "annual" spreads it
    over the year (× months / 12, rounded up), as MHLW's illustrative figures do; "none".
    housing_ceiling: the 限度額 for [1人, 2人, 3〜5人, 6人, 7人以上]; without it the rent is
    counted in full and the result says so.
    """
    n = len(persons)
    household = tuple(persons)
    living = remembered(
        ("minimum_living", on, grade, household, single_parent, winter_zone, winter),
        trace,
        lambda own: _living_assistance(own, on, grade, household, single_parent, winter_zone, winter),
    )
    notes = list(living.notes)

    housing, ceiling = 0, None
    if rent:
        if housing_ceiling is None:
            housing = rent
            notes.append("住宅扶助の限度額（市町村の設定）がないため家賃を全額含めています")
        else:
            buckets = trace.value("minimum_living.housing.size_buckets", on)
            ceiling = housing_ceiling[max(i for i, low in enumerate(buckets) if low <= n)]
            housing = min(rent, ceiling)
    return MinimumLiving(
        on,
        grade,
        n,
        living.body,
        living.special,
        living.transitional,
        living.winter,
        living.child_rearing,
        living.single_parent,
        living.disability,
        housing,
        ceiling,
        notes,
    )


def housing_ceiling(trace: Trace, on: date, place: Municipality) -> list[int] | None:
    """The 住宅扶助 限度額 of a municipality: its own (指定都市・中核市), else its prefecture's for its
    級地 group (社援発0414第9号 別表). Only the row used is cited."""
    for pid, key in (
        ("minimum_living.housing_ceilings.by_city", place.code),
        ("minimum_living.housing_ceilings.by_prefecture", place.prefecture),
    ):
        v = value_at(pid, on, trace.ctx.what_if)
        row = v.value.get(key)
        if row is not None:
            trace.record(v)
            return row if isinstance(row, list) else row.get(grade_group(place.grade))
    return None


def long_inpatient(case: Case, on: date, trace: Trace) -> int | None:
    """The member in hospital for longer than the data's months (medical.inpatient, .patient,
    .since): that member's 生活扶助 is the 入院患者日用品費, not a share of the household's."""
    med = case.medical
    if not (med and med.inpatient and med.since):
        return None
    i = relief.patient_index(case)
    if (
        i is None
        or relief.period_end(med.since, trace.value("minimum_living.other_assistance.inpatient_after_months", on)) >= on
    ):
        return None
    return i


def _schools(by_age: dict[int, str], on: date, births: Sequence[date]) -> list[str | None]:
    """Each child's 小学校・中学校・高等学校等 by the age on 4月1日 of the school year (学校教育法17条);
    `by_age`: the data's school ages (_schools_by_age)."""
    school_year = on.year - (on.month < 4)
    return [by_age.get(school_year - b.year - ((b.month, b.day) > (4, 1))) for b in births]


def _schools_by_age(ages: dict[str, list[int]]) -> dict[int, str]:
    """The school of each age of the data's [low, high] ranges (the first listed, if two overlap)."""
    out: dict[int, str] = {}
    for kind, (low, high) in ages.items():
        for age in range(low, high + 1):
            out.setdefault(age, kind)
    return out


def add_other_assistance(
    trace: Trace,
    on: date,
    grade: str,
    persons: Sequence[Person],
    inpatient: int | None,
    ml: MinimumLiving,
    births: Sequence[date | None] = (),
) -> None:
    """Add 期末一時扶助 (in December), 教育扶助・高等学校等就学費 (children by their school year) and
    the 入院患者日用品費 of a long inpatient (whose 生活扶助 the household's no longer counts)."""
    if on.month == 12:
        col = trace.value("minimum_living.structure.grades", on).index(grade)
        table = trace.value("minimum_living.other_assistance.year_end", on)
        n = len(persons)
        top = min(n, 9)
        ml.year_end = table[str(top)][col] + table["per_extra_person"][col] * (n - top)
    if inpatient is not None:
        if len(persons) == 1:  # alone in hospital: no 居宅 生活扶助 is left
            ml.body = ml.special = ml.transitional = ml.winter = 0
        ml.inpatient_daily = trace.value("minimum_living.other_assistance.inpatient_daily", on)
        ml.notes.append("入院が長いため、入院している人の生活扶助を入院患者日用品費として数えています")
    known = [b for b in births if b is not None]
    schools = []
    if known:
        by_age = _digest(trace.value("minimum_living.other_assistance.school_ages", on), _schools_by_age)
        schools = _schools(by_age, on, known)
    if any(schools):
        amounts = trace.value("minimum_living.other_assistance.education", on)
        ml.education = sum(amounts[k] for k in schools if k)
        if "high_school" in schools:
            ml.notes.append("15〜17歳の子を高校等に在学として高等学校等就学費を含めています")


def _disability_level(trace: Trace, on: date, text: str | None) -> int | None:
    if not text:
        return None
    levels = trace.value("minimum_living.additions.disability_levels", on)
    compact = text.replace(" ", "").replace("　", "")
    return next((lvl for key, lvl in levels.items() if key in compact), None)


def household(case: Case, on: date, trace: Trace) -> tuple[list[Person], bool]:
    """The members as the 基準 sees them, and whether it is a single-parent household
    (a 児童 and no spouse)."""
    on_first_day = trace.value("minimum_living.structure.age_on_first_day_of_month", on)
    until = trace.value("minimum_living.additions.child_until_age", on)
    persons = []
    for m in case.members:
        birth = m.birth_date
        assert birth is not None  # for_case asks for a missing birth date before this
        person = _person(birth, on, on_first_day, until)
        level = _disability_level(trace, on, m.disability)
        persons.append(person if level is None else person._replace(disability_level=level))
    return persons, any(p.child for p in persons) and not any(m.relation == "spouse" for m in case.members)


@lru_cache(maxsize=8192)
def _person(birth: date, on: date, age_on_first_day: bool, child_until: int) -> Person:
    """A member by birth date, before any disability: the age on `on` (or on the first of its
    month), and 児童 up to the 31 March after reaching `child_until` (the same births and months
    recur across a desk's cases)."""
    age = age_on(birth, on.replace(day=1) if age_on_first_day else on)
    return Person(age, on <= relief.end_of_school_year_after(birth, child_until))


@dataclass
class Means:
    """What the relief checks weigh against the 最低生活費: the income as the welfare office
    counts it (after the 勤労控除 and 必要経費) and the savings."""

    ml: MinimumLiving | None
    income: int | None  # recognised monthly income
    savings: int | None
    missing: list[str]
    gap: str | None  # a data gap that prevents the 最低生活費
    recognised: Recognised | None = None

    @property
    def notes(self) -> list[str]:
        """要確認 notes: data gaps of the 最低生活費 and unknown wage expenses."""
        return (
            (self.ml.notes if self.ml else [])
            + ([self.gap] if self.gap else [])
            + (self.recognised.notes if self.recognised else [])
        )

    @property
    def income_label(self) -> str:
        return "勤労控除の後の世帯の月収入" if self.recognised and self.recognised.wages else "世帯の月収入"

    def wage_lines(self, case: Case) -> list[str]:
        """Each wage's 勤労控除, in words."""
        return self.recognised.lines(lambda i: member_label(case, i)) if self.recognised else []


def means(ctx: CheckContext, trace: Trace) -> Means:
    """The household's means (for_case, plus finances.monthly_income and .savings): the income is
    the one the welfare office counts (recognised_income: wages after the 勤労控除). Computed once
    per context (three checks weigh it); what it read counts for every trace that asks, except in
    bulk judgement, which cites nothing (an explanation asked later records it then)."""
    if not ctx.explain:
        return ctx.memo("means", lambda: _means(ctx, check_trace(ctx)))
    return trace.shared(("means",), lambda own: _means(ctx, own))


def _means(ctx: CheckContext, trace: Trace) -> Means:
    fin = ctx.case.finances
    ml, missing, gap = for_case(ctx, trace)
    income = fin.monthly_income if fin else None
    savings = fin.savings if fin else None
    if income is None:
        missing.append("finances.monthly_income")
    if savings is None:
        missing.append("finances.savings")
    recognised = recognise(ctx.case, income, trace, ctx.as_of) if income is not None else None
    return Means(ml, recognised.income if recognised else None, savings, missing, gap, recognised)


def for_case(ctx: CheckContext, trace: Trace) -> tuple[MinimumLiving | None, list[str], str | None]:
    """The household's 最低生活費 for the month of the judgement, the case fields missing, and
    a data gap that prevents the computation (in Japanese), if any.

    The household is every member listed (the 生活保護 unit is the 世帯, insured or not);
    the 級地 comes from finances.grade, else the master list's (model/municipalities.py), else the
    profile's; the 住宅扶助 限度額 from the profile, else that of the municipality's city or
    prefecture and 級地 (housing_ceiling); the 冬季加算 zone from the prefecture. A single parent is a
    household with a 児童 and no spouse.
    """
    case = ctx.case
    fin = case.finances
    missing = [f"members[{i}].birth_date" for i, m in enumerate(case.members) if m.birth_date is None]
    place = relief.municipality(ctx)
    grade = (
        (fin.grade if fin else None)
        or (place.grade if place else None)
        or getattr(relief.profile(ctx), "grade", None)
        or relief.settings(ctx).get("grade")
    )
    if grade is None:
        missing.append("finances.grade")
    rent = fin.monthly_rent if fin else None
    if rent is None:
        missing.append("finances.monthly_rent")
    if missing or grade is None or rent is None:  # (each None is in missing)
        return None, missing, None

    # What it reads counts once the 最低生活費 is known: a data gap cites none of it. Bulk judgement
    # cites nothing, so it reads on the trace it is given.
    own = Trace(ctx) if ctx.explain else trace
    try:
        result = _compute_case(ctx, own, grade, rent, place)
    except MinimumLivingGap as gap:
        return None, [], str(gap)
    if own is not trace:
        trace.record(*own.read)
    return result, [], None


def _compute_case(ctx: CheckContext, own: Trace, grade: str, rent: int, place: Municipality | None) -> MinimumLiving:
    case, on = ctx.case, ctx.as_of
    fin = case.finances
    persons, single = household(case, on, own)
    if place is not None and not (fin and fin.grade):
        relief.master_fact(own, place, "grade", place.grade, on)  # cite the 級地
    ceiling = relief.settings(ctx).get("housing_ceiling")
    if ceiling is not None:
        relief.setting(ctx, own, "housing_ceiling", on)  # cite the municipality's 限度額
    elif place is not None:
        ceiling = housing_ceiling(own, on, place)
    pref = relief.prefecture(ctx)
    zone = None
    if pref is not None:
        zone = _digest(own.value("minimum_living.winter.zones", on), _zone_by_prefecture).get(pref, "VI")
    inpatient = long_inpatient(case, on, own)
    at_home = persons if inpatient is None else [p for i, p in enumerate(persons) if i != inpatient] or persons
    result = compute(
        own, on, grade, at_home, single_parent=single, rent=rent, housing_ceiling=ceiling, winter_zone=zone
    )
    add_other_assistance(own, on, grade, persons, inpatient, result, [m.birth_date for m in case.members])
    # (with a prefecture, compute has read the winter months)
    if pref is None and any(on.month in months for months in own.value("minimum_living.winter.months", on).values()):
        result.notes.append("都道府県が分からないため冬季加算を含めていません")
    return result


def _zone_by_prefecture(zones: dict[str, list[str]]) -> dict[str, str]:
    """The 冬季加算 zone of each prefecture the data lists (the first zone, if two list it)."""
    out: dict[str, str] = {}
    for zone, prefs in zones.items():
        for pref in prefs:
            out.setdefault(pref, zone)
    return out
