"""一部負担金の減免 (国保法44条): the 2010 national standard against 室蘭市's 最低生活費."""

from __future__ import annotations

# 室蘭市 C4 (高齢単身 70, 2級地-1): 生活扶助 71,990円 in June 2024; rent 30,000円 (北海道 2級地 1人の限度額)
BASE = {
    "as_of": "2024-06-01",
    "contact": {"address": "北海道室蘭市幸町1-2"},
    "members": [{"relation": "head", "birth_date": "1953-12-01"}],
    "medical": {"inpatient": True},
    "hardship": {"reasons": ["business_closure"]},
}


def case(income, savings, **kw):
    return {
        **BASE,
        "finances": {"monthly_income": income, "savings": savings, "monthly_rent": 30_000, "grade": "2級地-1"},
        **kw,
    }


def test_standard_met_is_likely(run):
    """Ensure income and savings within the standard give likely with the 最低生活費 101,990円."""
    r = run("copayment_relief", case(90_000, 200_000))
    assert (r.verdict, r.figures["minimum_living_cost"]) == ("likely", 71_990 + 30_000)
    assert r.figures["savings_limit"] == 101_990 * 3
    assert r.next_actions[0].letter == "copayment-relief"


def test_income_at_the_line_counts(run):
    """Ensure income exactly equal to the 基準 meets it, one yen more does not."""
    assert run("copayment_relief", case(101_990, 0)).verdict == "likely"
    assert run("copayment_relief", case(101_991, 0)).verdict == "not_eligible"


def test_savings_over_three_months_fails(run):
    """Ensure savings above 3 months of the 基準 (305,970円) fail, and 徴収猶予 is offered."""
    r = run("copayment_relief", case(50_000, 305_971))
    assert r.verdict == "not_eligible"
    assert any("徴収猶予" in x for x in r.reasons)


def test_outpatient_not_in_national_standard(run):
    """Ensure outpatient treatment fails the national standard (入院のみ)."""
    r = run("copayment_relief", case(50_000, 0, medical={"inpatient": False, "outpatient": True}))
    assert r.verdict == "not_eligible"


def test_unknown_savings_needs_info(run):
    """Ensure unknown savings are asked for, never taken as 0."""
    r = run("copayment_relief", case(50_000, None))
    assert (r.verdict, r.missing) == ("needs_info", ["finances.savings"])


def test_illness_that_cut_income_is_a_cause(run):
    """Ensure 病気・負傷 (収入の減少) counts as 「前各号に類する事由」 (昭和34年保発第21号 4): likely with
    income 90,000 ≤ 101,990 and savings 200,000 ≤ 3 × 101,990."""
    r = run("copayment_relief", case(90_000, 200_000, hardship={"reasons": ["illness"]}))
    assert r.verdict == "likely"
    assert any("前各号に類する事由" in x for x in r.reasons)


def test_explicit_empty_reasons_mean_none(run):
    """Ensure a recorded hardship with no reason checked is 'none', not 'missing': no cause, so
    not_eligible, worded so that a cause can still be recorded; a case without hardship is missing."""
    r = run("copayment_relief", case(90_000, 200_000, hardship={"reasons": []}))
    assert r.verdict == "not_eligible" and "hardship.reasons" not in r.missing
    assert any("記録し直してください" in x for x in r.reasons)
    absent = {k: v for k, v in case(90_000, 200_000).items() if k != "hardship"}
    assert "hardship.reasons" in run("copayment_relief", absent).missing
