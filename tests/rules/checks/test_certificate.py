"""資格確認書: issued without application to members without a usable マイナ保険証."""

from __future__ import annotations

BASE = {"as_of": "2025-11-01", "members": [{"relation": "head", "birth_date": "1975-05-01"}]}


def test_no_card_gets_certificate(run):
    """Ensure a household with neither card nor certificate is eligible, with the letter kind."""
    r = run("certificate", {**BASE, "insurance": {"status": "none"}})
    assert (r.verdict, r.next_actions[0].letter) == ("eligible", "certificate")


def test_expired_certificate(run):
    """Ensure an expired 資格確認書 is eligible for a new one."""
    r = run("certificate", {**BASE, "insurance": {"status": "certificate", "certificate_expiry": "2025-07-31"}})
    assert r.verdict == "eligible"


def test_valid_certificate(run):
    """Ensure a valid 資格確認書 needs nothing, with its expiry as a dated reminder."""
    r = run("certificate", {**BASE, "insurance": {"status": "certificate", "certificate_expiry": "2026-07-31"}})
    assert r.verdict == "not_eligible" and r.next_actions[0].due_date.isoformat() == "2026-07-31"


def test_child_under_special_care_gets_normal_certificate(run):
    """Ensure a child under 18歳年度末 in a 特別療養 household gets a normal 資格確認書."""
    members = BASE["members"] + [{"relation": "child", "birth_date": "2012-06-01"}]
    r = run("certificate", {**BASE, "members": members, "insurance": {"status": "special_care"}})
    assert r.verdict == "eligible"


def test_before_the_system(run):
    """Ensure before 2024-12-02 there is no 資格確認書."""
    r = run("certificate", {**BASE, "as_of": "2024-11-01", "insurance": {"status": "none"}})
    assert r.verdict == "not_eligible"


def test_unknown_status(run):
    """Ensure an unknown status asks for insurance.status."""
    r = run("certificate", BASE)
    assert (r.verdict, r.missing) == ("needs_info", ["insurance.status"])
