"""執行停止 (地方税法15条の7): 生活を著しく窮迫させるおそれ against the 最低生活費."""

from __future__ import annotations

BASE = {
    "as_of": "2025-10-01",
    "members": [{"relation": "head", "birth_date": "1970-12-01"}],
    "arrears": [{"fiscal_year": 2024, "amount": 80_000, "due_date": "2025-03-31", "kind": "料"}],
}


def case(income, savings, **kw):
    return {
        **BASE,
        "finances": {"monthly_income": income, "savings": savings, "monthly_rent": 0, "grade": "1級地-1"},
        **kw,
    }


def test_below_minimum_is_likely_with_petition(run):
    """Ensure income ≤ 最低生活費 and little savings give likely, a 上申 and the 料 route in the basis."""
    r = run("enforcement_suspension", case(70_000, 0))
    assert r.verdict == "likely"
    assert r.next_actions[0].letter == "enforcement-suspension"
    assert any("第79条の2" in b for b in r.basis)
    assert r.needs_review  # the savings yardstick is not a legal figure


def test_seizure_release_asked(run):
    """Ensure an unreleased seizure adds a release request (15条の7第3項)."""
    r = run(
        "enforcement_suspension",
        case(70_000, 0, seizures=[{"date": "2025-09-01", "asset": "deposit", "amount": 5_000}]),
    )
    assert [a.letter for a in r.next_actions] == ["enforcement-suspension", "seizure-release"]


def test_income_above_minimum(run):
    """Ensure income above the 最低生活費 (77,240円) is not_eligible."""
    assert run("enforcement_suspension", case(77_241, 0)).verdict == "not_eligible"


def test_no_arrears(run):
    """Ensure there is nothing to suspend without arrears."""
    r = run("enforcement_suspension", {**case(50_000, 0), "arrears": []})
    assert r.verdict == "not_eligible"


def protected_case(income, savings, protected):
    data = case(income, savings)
    data["finances"]["protected_savings"] = protected
    return data


def test_unseizable_savings_are_no_property(run):
    """Ensure savings of 300,000 all from 年金・生活保護費 (差押禁止) count as no property: income 70,000
    ≤ 最低生活費 77,240 (MHLW D25, 1級地-1, 54歳) → 第1号 and 第2号, likely; 15条の7第5項 offered."""
    r = run("enforcement_suspension", protected_case(70_000, 300_000, 300_000))
    assert r.verdict == "likely" and r.figures["seizable_savings"] == 0
    assert any("第1号" in x for x in r.reasons)
    assert r.figures.get("immediate_extinction") is True
    assert any("第15条の7第5項" in x for x in r.reasons)


def test_same_savings_without_protection_are_property(run):
    """Ensure the same 300,000 not marked protected exceed the 1-month yardstick 77,240: not_eligible,
    worded as 'difficult now' with other routes, and no 5項 offer."""
    r = run("enforcement_suspension", case(70_000, 300_000))
    assert r.verdict == "not_eligible" and "immediate_extinction" not in r.figures
    assert any("今の事情では" in x for x in r.reasons)


def test_partly_protected_savings(run):
    """Ensure 100,000 savings of which 60,000 protected leave 40,000 seizable ≤ 77,240: 第2号 only
    (likely, no 5項 offer since some property remains)."""
    r = run("enforcement_suspension", protected_case(70_000, 100_000, 60_000))
    assert r.verdict == "likely" and r.figures["seizable_savings"] == 40_000
    assert "immediate_extinction" not in r.figures
