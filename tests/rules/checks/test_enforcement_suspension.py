"""執行停止 (地方税法15条の7): 生活を著しく窮迫させるおそれ against the 最低生活費."""

from __future__ import annotations

BASE = {"as_of": "2025-10-01", "members": [{"relation": "head", "birth_date": "1970-12-01"}],
        "arrears": [{"fiscal_year": 2024, "amount": 80_000, "due_date": "2025-03-31", "kind": "料"}]}


def case(income, savings, **kw):
    return {**BASE, "finances": {"monthly_income": income, "savings": savings, "monthly_rent": 0,
                                 "grade": "1級地-1"}, **kw}


def test_below_minimum_is_likely_with_petition(run):
    """Ensure income ≤ 最低生活費 and little savings give likely, a 上申 and the 料 route in the basis."""
    r = run("enforcement_suspension", case(70_000, 0))
    assert r.verdict == "likely"
    assert r.next_actions[0].letter == "enforcement-suspension"
    assert any("第79条の2" in b for b in r.basis)
    assert r.needs_review  # the savings yardstick is not a legal figure


def test_seizure_release_asked(run):
    """Ensure an unreleased seizure adds a release request (15条の7第3項)."""
    r = run("enforcement_suspension", case(70_000, 0, seizures=[{"date": "2025-09-01", "asset": "deposit",
                                                                  "amount": 5_000}]))
    assert [a.letter for a in r.next_actions] == ["enforcement-suspension", "seizure-release"]


def test_income_above_minimum(run):
    """Ensure income above the 最低生活費 (77,240円) is not_eligible."""
    assert run("enforcement_suspension", case(77_241, 0)).verdict == "not_eligible"


def test_no_arrears(run):
    """Ensure there is nothing to suspend without arrears."""
    r = run("enforcement_suspension", {**case(50_000, 0), "arrears": []})
    assert r.verdict == "not_eligible"
