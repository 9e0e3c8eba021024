"""Properties (hypothesis): more savings or income never makes a relief more likely; more
dependants never lower the protected amount."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.rules.checks.conftest import run_check

RANK = {"not_eligible": 0, "needs_info": 1, "likely": 2, "eligible": 3}
HOUSEHOLD = {
    "as_of": "2025-10-01",
    "members": [{"relation": "head", "birth_date": "1970-12-01"}, {"relation": "child", "birth_date": "2014-12-01"}],
    "arrears": [{"fiscal_year": 2024, "amount": 80_000, "due_date": "2025-05-31", "kind": "料"}],
    "medical": {"inpatient": True},
    "hardship": {"reasons": ["unemployment"]},
}
yen = st.integers(min_value=0, max_value=1_000_000)


def verdict(check_id, income, savings):
    data = {
        **HOUSEHOLD,
        "finances": {"monthly_income": income, "savings": savings, "monthly_rent": 40_000, "grade": "2級地-1"},
    }
    return RANK[run_check(check_id, data).verdict]


@settings(max_examples=60, deadline=None)
@given(income=yen, savings=yen, more=st.integers(min_value=1, max_value=500_000))
def test_more_income_or_savings_never_helps(income, savings, more):
    """Ensure raising income or savings never moves a means-tested relief towards eligible."""
    for check_id in ("copayment_relief", "public_assistance", "enforcement_suspension"):
        base = verdict(check_id, income, savings)
        assert verdict(check_id, income + more, savings) <= base
        assert verdict(check_id, income, savings + more) <= base


@settings(max_examples=60, deadline=None)
@given(expected=st.integers(min_value=0, max_value=5_000_000), more=st.integers(min_value=1, max_value=1_000_000))
def test_more_expected_income_never_helps_premium_relief(expected, more):
    """Ensure a higher expected income never makes the premium 減免 more likely."""

    def v(x):
        data = {
            "as_of": "2025-08-01",
            "hardship": {"reasons": ["business_loss"]},
            "members": [
                {"relation": "head", "birth_date": "1980-05-01", "income": {"declared": True, "business": 3_000_000}}
            ],
            "finances": {"expected_annual_income": x},
        }
        return RANK[run_check("premium_relief", data).verdict]

    assert v(expected + more) <= v(expected)


@settings(max_examples=100, deadline=None)
@given(
    gross=st.integers(min_value=0, max_value=3_000_000),
    tax=st.integers(min_value=0, max_value=100_000),
    social=st.integers(min_value=0, max_value=100_000),
    deps=st.integers(min_value=0, max_value=10),
    period=st.sampled_from(["month", "week", "day"]),
    bonus=st.booleans(),
)
def test_more_dependants_never_lower_protection(gross, tax, social, deps, period, bonus):
    """Ensure one more 生計を一にする親族 never lowers the protected amount, nor raises the seizable part."""

    def figures(n):
        s = {
            "date": "2025-05-20",
            "asset": "salary",
            "amount": gross,
            "monthly_gross": gross,
            "dependents": n,
            "monthly_withholding": {"income_tax": tax, "resident_tax": 0, "social_insurance": social},
            "pay_period": period,
            "period_days": 10,
            "bonus": bonus,
        }
        r = run_check("seizure_limit", {"as_of": "2025-06-01", "members": [{"relation": "head"}], "seizures": [s]})
        return r.figures["protected_amount"], r.figures["excess"]

    (p0, e0), (p1, e1) = figures(deps), figures(deps + 1)
    assert p1 >= p0 and e1 >= e0
