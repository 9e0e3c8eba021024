"""保険料（税）減免: expected income ≤ ½ of last year's, before the next 納期限."""

from __future__ import annotations

from datetime import date

BASE = {
    "as_of": "2025-08-01",
    "fiscal_year": 2025,
    "members": [
        {
            "relation": "head",
            "birth_date": "1980-05-01",
            "insured": True,
            "income": {"declared": True, "salary": 0, "pension": 0, "business": 2_000_000, "other": 0},
        }
    ],
    "hardship": {"reasons": ["business_closure"]},
    "notice": {"next_due_date": "2025-08-31"},
}


def case(expected, **kw):
    return {**BASE, "finances": {"expected_annual_income": expected}, **kw}


def test_half_or_less_is_likely_with_due_date(run):
    """Ensure 1,000,000円 expected against 2,000,000円 last year is likely, due by the next 納期限."""
    r = run("premium_relief", case(1_000_000))
    assert (r.verdict, r.figures["income_limit"]) == ("likely", 1_000_000)
    assert (r.next_actions[0].due_date, r.next_actions[0].letter) == (date(2025, 8, 31), "premium-relief")


def test_more_than_half_not_eligible(run):
    """Ensure one yen over half is not_eligible."""
    assert run("premium_relief", case(1_000_001)).verdict == "not_eligible"


def test_unknown_expected_income(run):
    """Ensure an unknown expected income asks for finances.expected_annual_income."""
    r = run("premium_relief", case(None))
    assert (r.verdict, r.missing) == ("needs_info", ["finances.expected_annual_income"])


def test_undeclared_income_asks_for_filing(run):
    """Ensure an undeclared member's income is missing and the reasons ask for a 簡易申告."""
    data = case(500_000)
    data["members"] = [{**data["members"][0], "income": {"declared": False}}]
    r = run("premium_relief", data)
    assert r.verdict == "needs_info" and "members[0].income" in r.missing
    assert any("簡易申告" in x for x in r.reasons)


def test_disaster_is_likely_whatever_income(run):
    """Ensure 災害 is left to the municipality's damage tables: likely."""
    r = run("premium_relief", case(1_900_000, hardship={"reasons": ["disaster"]}))
    assert r.verdict == "likely"
