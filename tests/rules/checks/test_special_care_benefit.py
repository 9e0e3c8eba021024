"""特別療養費: members exempt by law, 特別の事情, and 療養の給付 instead (2025-10-17)."""

from __future__ import annotations

from datetime import date

BASE = {
    "as_of": "2025-11-01",
    "members": [{"relation": "head", "birth_date": "1975-05-01"}],
    "insurance": {"status": "special_care"},
}


def test_needs_care_is_at_best_likely(run):
    """Ensure the 申出 route is likely (municipal discretion) and cites the 2025-10-17 事務連絡."""
    r = run("special_care_benefit", {**BASE, "medical": {"needs_care": True}})
    assert r.verdict == "likely"
    assert any("令和7年10月17日" in b for b in r.basis)
    assert r.next_actions[0].letter == "special-care-benefit"


def test_before_2025_notice_cites_2009_answer(run):
    """Ensure a judgement in 2024-06 cites the 2009 答弁書 instead."""
    r = run("special_care_benefit", {**BASE, "as_of": "2024-06-01", "medical": {"needs_care": True}})
    assert any("内閣参質一七一第五号" in b for b in r.basis)


def test_child_until_18_fiscal_year_end_exempt(run):
    """Ensure a child born 2007-04-02 is exempt on 2026-03-31 and not on 2026-04-01."""
    members = BASE["members"] + [{"relation": "child", "birth_date": "2007-04-02"}]
    on = {**BASE, "members": members, "medical": {"needs_care": False}}
    assert run("special_care_benefit", {**on, "as_of": "2026-03-31"}).verdict == "eligible"
    assert run("special_care_benefit", {**on, "as_of": "2026-04-01"}).verdict == "not_eligible"


def test_public_medical_aid_exempt_but_review(run):
    """Ensure a member with 公費負担医療 is exempt and the incomplete list makes it 要確認."""
    members = [{**BASE["members"][0], "public_medical_aid": True}]
    r = run("special_care_benefit", {**BASE, "members": members, "medical": {"needs_care": False}})
    assert (r.verdict, r.needs_review) == ("eligible", True)


def test_special_circumstance_cites_28_6(run):
    """Ensure 病気 as 特別の事情 is likely and cites 施行令28条の6 (since 2024-12-02)."""
    r = run("special_care_benefit", {**BASE, "medical": {"needs_care": False}, "hardship": {"reasons": ["illness"]}})
    assert r.verdict == "likely" and "国民健康保険法施行令第28条の6" in r.basis


def test_refund_claim_deadline(run):
    """Ensure the 2-year claim for payments since 2025-04-01 is dated 2027-04-01."""
    r = run(
        "special_care_benefit",
        {
            **BASE,
            "medical": {"needs_care": False},
            "insurance": {"status": "special_care", "special_care_since": "2025-04-01"},
        },
    )
    assert r.next_actions[-1].due_date == date(2027, 4, 1)


def test_not_under_special_care(run):
    """Ensure a household with a normal 資格確認書 is not_eligible here."""
    r = run("special_care_benefit", {**BASE, "insurance": {"status": "certificate"}})
    assert r.verdict == "not_eligible"


FAMILY = [
    {"relation": "head", "name": "田中一郎", "birth_date": "1975-05-01"},
    {"relation": "child", "name": "田中花", "birth_date": "2015-06-01"},
]


def test_sick_adult_with_healthy_child_is_not_exempt(run):
    """Ensure the child's exemption (18歳年度末, 54条の3第1項括弧書) does not cover the sick father:
    verdict likely through the 2025-10-17 事務連絡 route, not eligible; the child still gets a card."""
    r = run("special_care_benefit", {**BASE, "members": FAMILY, "medical": {"needs_care": True, "patient": "田中一郎"}})
    assert r.verdict == "likely"
    assert any("田中花（18歳の年度末まで）" in x for x in r.reasons)
    assert any("田中一郎本人は対象外に当たらない" in x for x in r.reasons)
    assert any("令和7年10月17日" in b for b in r.basis)


def test_sick_child_is_exempt(run):
    """Ensure a sick child born 2015-06-01 (18歳年度末 2034-03-31) is exempt herself: eligible."""
    r = run("special_care_benefit", {**BASE, "members": FAMILY, "medical": {"needs_care": True, "patient": "田中花"}})
    assert r.verdict == "eligible"


def test_patient_unknown_is_asked(run):
    """Ensure two members and no patient named ask for medical.patient and do not claim eligible."""
    r = run("special_care_benefit", {**BASE, "members": FAMILY, "medical": {"needs_care": True}})
    assert r.verdict == "likely" and "medical.patient" in r.missing


def test_upfront_payment_weighed_against_savings(run):
    """Ensure 一時払い困難 is tested: savings 30,000 < 10割 cost 100,000 → difficult; savings
    150,000 ≥ 100,000 → not shown as difficult, yet the 申出 stays open (likely, never 対象外)."""

    def go(savings):
        return run(
            "special_care_benefit",
            {**BASE, "finances": {"savings": savings}, "medical": {"needs_care": True, "monthly_cost": 100_000}},
        )

    hard, easy = go(30_000), go(150_000)
    assert hard.figures["upfront_difficult"] is True and any("困難です" in x for x in hard.reasons)
    assert easy.figures["upfront_difficult"] is False and easy.verdict == "likely"
    assert any("申し出られます" in x for x in easy.reasons)


def test_unemployment_is_a_similar_circumstance(run):
    """Ensure 失業 counts as 「これらに類する事由」 (施行令28条の6第5号) and 事業の休廃止 as listed (3号)."""
    r = run(
        "special_care_benefit",
        {**BASE, "medical": {"needs_care": False}, "hardship": {"reasons": ["unemployment", "business_closure"]}},
    )
    assert r.verdict == "likely"
    assert any("事業の休廃止は施行令に挙げられた" in x for x in r.reasons)
    assert any("失業は施行令の「これらに類する事由」" in x for x in r.reasons)
