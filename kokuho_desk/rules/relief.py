"""What the relief checks share: the municipality's relief settings (with documented national
defaults) and the legal date arithmetic (民法140条・143条, 18歳年度末). Every check assembles its
result with rules.result.finish.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from kokuho_desk.model.case import Case
from kokuho_desk.model.municipalities import Municipality, master_source
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.municipality import ProfileError, municipality_of_case, profile_for_case
from kokuho_desk.rules.params import Value
from kokuho_desk.rules.remembered import remembered

_PREFECTURE = r"^(北海道|東京都|京都府|大阪府|.{2,3}?県)"  # compiled on first use (re's cache)


def profile(ctx: CheckContext) -> Any:
    """The municipality profile of the case (None when the case names none, or one that
    has no profile: the relief settings then are the cited defaults, and the premium's result
    says that the municipality's rates are missing)."""
    if not ctx.case.municipality and not ctx.case.municipality_code:
        return None
    return ctx.memo("municipality_profile", lambda: _load_profile(ctx.case))


def _load_profile(case: Case) -> Any:
    try:
        return profile_for_case(case)
    except ProfileError:
        return None


def municipality(ctx: CheckContext) -> Municipality | None:
    """The case's municipality in the master list (None: unknown, or a name it does not decide)."""
    return ctx.memo("municipality", lambda: _place_of(ctx.case))


def _place_of(case: Case) -> Municipality | None:
    return municipality_of_case(case).municipality


def master_fact(trace: Trace, place: Municipality, key: str, value: Any, on: date) -> Any:
    """A fact of the master list (級地), traced and cited like a setting (when explaining)."""
    if trace.ctx.explain:
        trace.record(Value(f"{place.full_name}.{key}", value, on, None, "verified", master_source(key)))
    return value


def setting(ctx: CheckContext, trace: Trace, key: str, on: date) -> Any:
    """A relief setting: the municipality's `[relief]` value if it has one, else the default
    in resources/rules/relief_defaults.toml. Either way the value is traced and cited (a
    municipality's only when explaining: bulk judgement cites nothing)."""
    relief = settings(ctx)
    if key not in relief:
        return trace.value(f"relief_defaults.{key}", on)
    if ctx.explain:
        name = getattr(profile(ctx), "name", None) or ctx.case.municipality
        v = Value(
            f"{name}.relief.{key}",
            relief[key],
            on,
            None,
            str(relief.get("status", "unverified")),
            str(relief.get("source", f"{name} の自治体設定")),
        )
        trace.record(v)
    return relief[key]


def settings(ctx: CheckContext) -> dict[str, Any]:
    """The profile's `[relief]` table ({} without one), once per context."""
    return ctx.memo("relief_settings", lambda: getattr(profile(ctx), "relief", None) or {})


def prefecture(ctx: CheckContext) -> str | None:
    """The prefecture, from the profile's [relief] prefecture, the municipality, or the start of
    the address."""
    pref = settings(ctx).get("prefecture")
    if pref:
        return pref
    place = municipality(ctx)
    if place is not None:
        return place.prefecture
    address = ctx.case.contact.address if ctx.case.contact else None
    m = re.match(_PREFECTURE, address or "")
    return m.group(1) if m else None


def floor_times(amount: int, ratio: str | int) -> int:
    """⌊amount × ratio⌋ (1円未満切捨て) for a ratio of the law data or a setting (a decimal string
    "0.87", "1.3" or a whole number), in integers: the ratio is an exact fraction. Decimal gives the
    same yen: its product is exact up to 28 digits, which no yen amount times such a ratio reaches
    (tests/rules/test_relief_arithmetic.py compares them)."""
    numerator, denominator = exact_ratio(ratio)
    return amount * numerator // denominator


@lru_cache(maxsize=256)
def exact_ratio(ratio: str | int) -> tuple[int, int]:
    """A ratio of the law data (a decimal string "0.20" or a whole number) as (numerator, denominator),
    exactly: arithmetic in integers gives the yen Fraction or Decimal would."""
    return Decimal(ratio).as_integer_ratio()


def days_in_month(year: int, month: int) -> int:
    """The number of days in a month (as calendar.monthrange gives it, without importing calendar and
    locale: ~1 ms of every check)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


@lru_cache(maxsize=8192)
def period_end(start_event: date, months: int) -> date:
    """Last day of a period of `months` counted from the day after `start_event`
    (民法140条 初日不算入; 143条: ends the day before the corresponding day, or at the end of
    the month when that month has no corresponding day)."""
    start = start_event + timedelta(days=1)
    total = start.month - 1 + months
    year, month = start.year + total // 12, total % 12 + 1
    last = days_in_month(year, month)
    if start.day > last:
        return date(year, month, last)
    return date(year, month, start.day) - timedelta(days=1)


def next_working_day(trace: Trace, day: date) -> date:
    """A deadline on a Saturday, Sunday, national holiday, 一般の休日 or 12/29–31 moves to the next
    day that is none of these (地方税法20条の5第2項; 施行令6条の18). Remembered for the process with
    what it read (the same deadlines recur across cases)."""
    return remembered(("next working day", day), trace, lambda own: _next_working_day(own, day))


def _next_working_day(trace: Trace, day: date) -> date:
    weekdays = trace.value("deadlines.closed_weekdays", day)
    closed = (*trace.value("deadlines.closed_days", day), *trace.value("deadlines.general_holidays", day))
    import jpholiday  # only when a deadline is moved: its import costs a `check` about 4 ms

    while day.weekday() in weekdays or f"{day.month:02d}-{day.day:02d}" in closed or jpholiday.is_holiday(day):
        day += timedelta(days=1)
    return day


@lru_cache(maxsize=8192)
def end_of_school_year_after(birth: date, age: int) -> date:
    """The first 31 March on or after the day one reaches `age` (「…歳に達する日以後の最初の
    3月31日」); one reaches an age the day before the birthday (年齢計算ニ関スル法律)."""
    year = birth.year + age
    day = min(birth.day, days_in_month(year, birth.month))
    reached = date(year, birth.month, day) - timedelta(days=1)
    if birth.month == 2 and birth.day == 29 and day == 28:
        reached = date(year, 2, 28)  # born on 29 Feb: the age is reached at the end of 28 Feb
    march = date(reached.year, 3, 31)
    return march if reached <= march else date(reached.year + 1, 3, 31)


def patient_index(case: Case) -> int | None:
    """The member who needs care: by the name on the medical record, or the only insured member."""
    name = case.medical.patient if case.medical else None
    if name:
        return next((i for i, m in enumerate(case.members) if m.name == name), None)
    insured = [i for i, m in enumerate(case.members) if m.insured]
    return insured[0] if len(insured) == 1 else None
