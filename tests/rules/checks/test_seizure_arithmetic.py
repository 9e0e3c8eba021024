"""seizure_limit.protected_amount in integers gives the yen of the formula in exact fractions (国税徴収法
76条1項・4項, 施行令34条), for every pay period, bonus, retirement allowance and both sets of 34条 amounts."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from math import ceil

from hypothesis import given
from hypothesis import strategies as st

from kokuho_desk.model.case import Seizure, Withholding
from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.checks.seizure_limit import ALTERNATIVE, PERIOD_MONTHS, protected_amount
from kokuho_desk.rules.context import CheckContext, Trace

ON = date(2025, 6, 1)
CASE = case_from_dict({"format": "kokuho-desk/case-1", "as_of": "2025-06-01", "members": [{"relation": "head"}]})


def _fraction_formula(trace: Trace, s: Seizure) -> tuple[int, dict[str, int]]:
    """The former computation, in fractions.Fraction."""
    wh = s.monthly_withholding
    assert wh is not None and s.dependents is not None and s.monthly_gross is not None
    base = trace.value("seizure.wage_base", ON)
    month_base = base["self"] + base["per_relative"] * s.dependents
    deductions = (wh.income_tax or 0) + (wh.resident_tax or 0) + (wh.social_insurance or 0)
    if s.retirement_allowance:
        living = Fraction(month_base * trace.value("seizure.retirement_base_multiple", ON))
        extra_years = max(0, (s.service_years or 0) - trace.value("seizure.retirement_years_free", ON))
        living += living * Fraction(trace.value("seizure.retirement_extra_rate", ON)) * extra_years
        return ceil(deductions + living), {"deductions": deductions, "living_base": ceil(living), "twenty_percent": 0}
    if s.bonus:
        period = Fraction(trace.value("seizure.bonus_period_months", ON))
    elif s.pay_period in PERIOD_MONTHS:
        period = Fraction(PERIOD_MONTHS[s.pay_period])
    else:
        days = 7 if s.pay_period == "week" else s.period_days
        assert days is not None
        period = Fraction(days, trace.value("seizure.days_per_month", ON))
    living = month_base * period
    rest = s.monthly_gross - deductions - living
    twenty = Fraction(0)
    if rest > 0:
        rate = Fraction(trace.value("seizure.wage_free_rate", ON))
        twenty = min(rest * rate, living * trace.value("seizure.wage_free_cap_multiple", ON))
    protected = ceil(deductions + living + twenty)
    return protected, {"deductions": deductions, "living_base": ceil(living), "twenty_percent": ceil(twenty)}


YEN = st.integers(min_value=0, max_value=3_000_000)
SEIZURES = st.builds(
    Seizure,
    asset=st.just("salary"),
    amount=YEN,
    monthly_gross=st.integers(min_value=0, max_value=20_000_000),
    monthly_withholding=st.builds(Withholding, YEN, YEN, YEN),
    dependents=st.integers(min_value=0, max_value=9),
    pay_period=st.sampled_from(["month", "two_months", "week", "day"]),
    period_days=st.integers(min_value=1, max_value=31),
    bonus=st.booleans(),
    retirement_allowance=st.booleans(),
    service_years=st.none() | st.integers(min_value=0, max_value=50),
)


@given(SEIZURES, st.booleans())
def test_integers_give_the_fraction_formula(seizure, alternative):
    """Ensure the protected amount and its parts equal the Fraction formula's, under the law in force and
    under the unconfirmed later 施行令34条 amounts."""
    ctx = CheckContext(CASE, ON, frozenset({ALTERNATIVE}) if alternative else frozenset())
    assert protected_amount(Trace(ctx), seizure, ON) == _fraction_formula(Trace(ctx), seizure)
