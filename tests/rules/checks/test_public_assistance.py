"""生活保護の検討: income below the 最低生活費 with small savings."""

from __future__ import annotations

BASE = {"as_of": "2025-10-01", "members": [{"relation": "head", "birth_date": "1970-12-01"}]}


def case(income, savings, rent=0):
    return {
        **BASE,
        "finances": {"monthly_income": income, "savings": savings, "monthly_rent": rent, "grade": "1級地-1"},
    }


def test_below_minimum_is_likely(run):
    """Ensure a 54-year-old alone in 1級地-1 (77,240円, MHLW D25) with 60,000円 income is likely."""
    r = run("public_assistance", case(60_000, 10_000))
    assert (r.verdict, r.figures["minimum_living_cost"]) == ("likely", 77_240)


def test_savings_count_as_income_not_a_bar(run):
    """Ensure savings are not a bar (局長通知 第6): 最低生活費 77,240 (MHLW D25), half = 38,620; savings
    50,000 → 50,000 − 38,620 = 11,380 counted as income of the first month; the shortfall
    77,240 − 60,000 = 17,240 is larger, so protection is likely from the first month."""
    r = run("public_assistance", case(60_000, 50_000))
    assert r.verdict == "likely"
    assert (r.figures["savings_limit"], r.figures["savings_counted"]) == (38_620, 11_380)
    assert any("11,380円" in x and "申請はできます" in x for x in r.reasons)


def test_large_savings_delay_but_do_not_refuse(run):
    """Ensure savings of 500,000 (500,000 − 38,620 = 461,380 ≥ shortfall 17,240) still give `likely`
    and say that protection pays out once the savings have gone down — never 対象外."""
    r = run("public_assistance", case(60_000, 500_000))
    assert r.verdict == "likely" and r.figures["savings_counted"] == 461_380
    assert any("預貯金が減ってきたら" in x for x in r.reasons)


def wage_case(income, gross, tax=0, social=0, commute=0, new_job=False, birth="1970-12-01"):
    member = {
        "relation": "head",
        "birth_date": birth,
        "wage": {
            "monthly_gross": gross,
            "commute": commute,
            "new_job": new_job,
            "monthly_withholding": {"income_tax": tax, "resident_tax": 0, "social_insurance": social},
        },
    }
    return {
        **BASE,
        "members": [member],
        "finances": {"monthly_income": income, "savings": 0, "monthly_rent": 0, "grade": "1級地-1"},
    }


def test_wage_counted_after_work_deduction(run):
    """Ensure a wage of 100,000 with 社会保険料 10,000 is counted as 66,400 (次官通知 第8-3, 基礎控除額表):
    基礎控除 at 100,000 = 15,600 + 400 × floor((100,000 − 19,000) / 4,000) = 15,600 + 8,000 = 23,600;
    100,000 − 10,000 − 23,600 = 66,400 < 77,240 → likely (as given, 100,000 would be above)."""
    r = run("public_assistance", wage_case(100_000, 100_000, social=10_000))
    assert r.verdict == "likely" and r.figures["recognised_income"] == 66_400
    assert any("66,400円" in x for x in r.reasons)


def test_new_job_deduction(run):
    """Ensure a new job of 50,000: 基礎控除 15,600 + 400 × 7 = 18,400, 新規就労控除 12,900 (要確認):
    50,000 − 18,400 − 12,900 = 18,700; plus a pension of 30,000 given in monthly_income = 48,700."""
    r = run("public_assistance", wage_case(80_000, 50_000, new_job=True))
    assert r.figures["recognised_income"] == 48_700 and r.needs_review


def test_minor_deduction(run):
    """Ensure a 17-year-old's wage of 20,000: 基礎控除 15,600 (19,000–22,999), 未成年者控除 11,900 →
    20,000 − 15,600 − 11,900 < 0 → 0 counted; the household's 20,000 counts as 0."""
    r = run("public_assistance", wage_case(20_000, 20_000, birth="2009-04-01"))
    assert r.figures["recognised_income"] == 0


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
