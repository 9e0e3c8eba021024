"""生活保護の検討: income below the 最低生活費 with small savings."""

from __future__ import annotations

BASE = {"as_of": "2025-10-01", "members": [{"relation": "head", "birth_date": "1970-12-01"}]}


def case(income, savings, rent=0):
    return {**BASE, "finances": {"monthly_income": income, "savings": savings, "monthly_rent": rent,
                                 "grade": "1級地-1"}}


def test_below_minimum_is_likely(run):
    """Ensure a 54-year-old alone in 1級地-1 (77,240円, MHLW D25) with 60,000円 income is likely."""
    r = run("public_assistance", case(60_000, 10_000))
    assert (r.verdict, r.figures["minimum_living_cost"]) == ("likely", 77_240)


def test_savings_block(run):
    """Ensure savings above half a month of the 基準 (38,620円) make it not yet."""
    assert run("public_assistance", case(60_000, 38_620)).verdict == "likely"
    assert run("public_assistance", case(60_000, 38_621)).verdict == "not_eligible"


def test_income_at_minimum_not_eligible(run):
    """Ensure income equal to the 最低生活費 is not below it."""
    assert run("public_assistance", case(77_240, 0)).verdict == "not_eligible"


def test_rent_raises_the_minimum(run):
    """Ensure rent (no municipal ceiling) is added and flagged 要確認."""
    r = run("public_assistance", case(100_000, 0, rent=40_000))
    assert (r.verdict, r.figures["minimum_living_cost"], r.needs_review) == ("likely", 117_240, True)


def test_unknown_income_needs_info(run):
    """Ensure unknown income gives needs_info naming finances.monthly_income."""
    r = run("public_assistance", case(None, 0))
    assert (r.verdict, r.missing) == ("needs_info", ["finances.monthly_income"])
