"""換価の猶予 (申請) within the 条例's 6 months, and 徴収猶予."""

from __future__ import annotations

from datetime import date

BASE = {"as_of": "2025-10-01", "members": [{"relation": "head", "birth_date": "1970-12-01"}]}


def arrear(due, kind="税"):
    return {"fiscal_year": 2024, "amount": 50_000, "due_date": due, "kind": kind}


def test_deadline_is_six_months_from_due(run):
    """Ensure a 納期限 of 2025-05-31 gives 6 months to 2025-11-30, a Sunday, so the application
    deadline is Monday 2025-12-01 (地方税法20条の5第2項), as a dated action."""
    r = run("realization_deferral", {**BASE, "arrears": [arrear("2025-05-31")]})
    assert r.verdict == "likely"
    assert r.next_actions[0].due_date == date(2025, 12, 1)
    assert r.next_actions[0].letter == "realization-deferral"


def test_month_end_period(run):
    """Ensure a 納期限 of 2025-08-30 ends the period on 2026-02-28 (no 31 February, 民法143条), a
    Saturday, so the deadline is Monday 2026-03-02."""
    r = run("realization_deferral", {**BASE, "arrears": [arrear("2025-08-30")]})
    assert r.figures["application_deadline"] == date(2026, 3, 2)


def test_deadline_on_a_national_holiday_and_year_end(run):
    """Ensure 6 months from 2025-05-03 end on 2025-11-03 (文化の日, Monday) → Tuesday 2025-11-04, and
    from 2025-06-29 on 2025-12-29 (年末, 施行令6条の18) → 12-30, 12-31, 01-01 (元日), 01-02・01-03
    (一般の休日, 要確認), 01-04 (Sunday) → Monday 2026-01-05."""
    r = run("realization_deferral", {**BASE, "arrears": [arrear("2025-05-03")]})
    assert r.figures["application_deadline"] == date(2025, 11, 4)
    r = run("realization_deferral", {**BASE, "arrears": [arrear("2025-06-29")]})
    assert r.figures["application_deadline"] == date(2026, 1, 5)
    assert r.needs_review


def test_older_arrears_bar_the_application(run):
    """Ensure an arrear past its 6 months bars the application; without a cause nothing is likely."""
    r = run(
        "realization_deferral",
        {**BASE, "arrears": [arrear("2025-05-31"), arrear("2024-12-31")], "hardship": {"reasons": []}},
    )
    assert r.verdict == "needs_info" and r.missing == ["hardship.reasons"]


def test_collection_deferral_on_illness(run):
    """Ensure 病気 allows 徴収猶予 (地方税法15条) even when the 換価の猶予 window has passed."""
    r = run("realization_deferral", {**BASE, "arrears": [arrear("2024-12-31")], "hardship": {"reasons": ["illness"]}})
    assert r.verdict == "likely" and any("徴収猶予" in x for x in r.reasons)


def test_premium_is_marked_for_review(run):
    """Ensure 換価の猶予 for a 料 says 要確認 (15条の6 reaching 国保料 is unconfirmed)."""
    r = run("realization_deferral", {**BASE, "arrears": [arrear("2025-05-31", kind="料")]})
    assert r.verdict == "likely" and r.needs_review


def test_past_six_months_offers_the_collection_deferral_letter(run):
    """Ensure that past the 6 months (納期限 2024-12-31, 相談日 2025-10-01) the check offers 徴収猶予 as
    its next action with the 徴収猶予申請書 — with a cause (病気) and, for the client to tell, without one."""
    r = run("realization_deferral", {**BASE, "arrears": [arrear("2024-12-31")], "hardship": {"reasons": ["illness"]}})
    assert [a.letter for a in r.next_actions] == ["collection-deferral"]
    r = run("realization_deferral", {**BASE, "arrears": [arrear("2024-12-31")], "hardship": {"reasons": []}})
    assert [a.letter for a in r.next_actions] == ["collection-deferral"]
