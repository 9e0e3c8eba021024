"""差押禁止額 (国税徴収法76条・77条): the edges of the formula and the deposit flag."""

from __future__ import annotations

import pytest

HEAD = [{"relation": "head", "birth_date": "1980-05-01"}]


def wage(gross, tax=0, resident=0, social=0, dependents=0, amount=0, **kw):
    return {
        "date": "2025-05-20",
        "asset": "salary",
        "amount": amount,
        "monthly_gross": gross,
        "monthly_withholding": {"income_tax": tax, "resident_tax": resident, "social_insurance": social},
        "dependents": dependents,
        **kw,
    }


def seize(run, *seizures, what_if=frozenset()):
    return run("seizure_limit", {"as_of": "2025-06-01", "members": HEAD, "seizures": list(seizures)}, what_if)


def test_contract_example(run):
    """Ensure the case-format example (240,000円, 親族2人) protects 236,800円 and finds 76,800円 excess."""
    r = seize(run, wage(240_000, 4_000, 6_000, 36_000, dependents=2, amount=80_000))
    assert (r.verdict, r.figures["protected_amount"], r.figures["excess"]) == ("eligible", 236_800, 76_800)
    assert r.next_actions[0].letter == "seizure-release"


def test_no_dependants(run):
    """Ensure no dependants: 40,000 + 100,000 + 20% of 60,000 = 152,000円 protected."""
    r = seize(run, wage(200_000, 4_000, 6_000, 30_000, amount=50_000))
    assert (r.figures["protected_amount"], r.figures["excess"]) == (152_000, 2_000)


def test_many_dependants_protect_everything(run):
    """Ensure six dependants protect the whole 300,000円 pay: any seizure is all excess."""
    r = seize(run, wage(300_000, 5_000, 10_000, 25_000, dependents=6, amount=30_000))
    assert r.figures["protected_amount"] == 40_000 + 370_000
    assert r.figures["excess"] == 30_000


def test_twenty_percent_part_is_capped_at_twice_the_base(run):
    """Ensure the 20% part stops at 2 × 基礎額: 1,500,000円 pay protects 300,000円, not 380,000円."""
    r = seize(run, wage(1_500_000, amount=1_200_000))
    assert (r.figures["protected_amount"], r.figures["excess"], r.verdict) == (300_000, 0, "not_eligible")


def test_twenty_percent_part_exactly_at_the_cap(run):
    """Ensure when the rest is exactly 10 × 基礎額 the 20% part equals the cap (200,000円)."""
    r = seize(run, wage(1_100_000, amount=0))
    assert r.figures["protected_amount"] == 300_000


def test_daily_pay_prorated(run):
    """Ensure 10 days of daily pay use 100,000 × 10/30 as 基礎額 (rounded up for the debtor): 46,667円."""
    r = seize(run, wage(100_000, pay_period="day", period_days=10, amount=60_000))
    assert (r.figures["protected_amount"], r.figures["excess"]) == (46_667, 6_667)


def test_weekly_pay_prorated(run):
    """Ensure weekly pay uses 7/30 of the monthly 基礎額: 60,000円 protects 30,667円."""
    r = seize(run, wage(60_000, pay_period="week", amount=0))
    assert r.figures["protected_amount"] == 30_667


def test_bonus_month(run):
    """Ensure a 賞与 is taken as one month's pay: 500,000円 with 親族1人 protects 288,000円."""
    r = seize(run, wage(500_000, 20_000, 0, 70_000, dependents=1, amount=250_000, bonus=True))
    assert (r.figures["protected_amount"], r.figures["excess"]) == (288_000, 38_000)


def test_unverified_base_is_flagged_with_alternative(run):
    """Ensure the 施行令34条 base is 要確認 and the later unconfirmed amounts are shown (249,000円)."""
    r = seize(run, wage(240_000, 4_000, 6_000, 36_000, dependents=2, amount=80_000))
    assert r.needs_review
    assert any("249,000円" in reason for reason in r.reasons)
    assert any(reason.startswith("要確認") for reason in r.reasons)


def test_alternative_base_by_what_if(run):
    """Ensure the what-if switch computes with 107,000円 + 48,000円 per relative."""
    r = seize(run, wage(300_000, dependents=1, amount=0), what_if=frozenset({"seizure_base_107000"}))
    # base 155,000; rest 145,000; 20% 29,000
    assert r.figures["protected_amount"] == 184_000


def test_old_age_pension_uses_the_wage_rule(run):
    """Ensure an 老齢年金 seizure is limited like pay (77条)."""
    r = seize(run, {**wage(150_000, 0, 3_000, 12_000, amount=30_000), "asset": "pension", "pension_kind": "old_age"})
    # 15,000 + 100,000 + 20% of 35,000 = 122,000; seizable 28,000
    assert (r.figures["protected_amount"], r.figures["excess"]) == (122_000, 2_000)


@pytest.mark.parametrize("kind", ["disability", "survivor"])
def test_disability_and_survivor_pensions_not_seizable(run, kind):
    """Ensure 障害年金・遺族年金 seized are wholly excess."""
    r = seize(run, {"date": "2025-05-15", "asset": "pension", "pension_kind": kind, "amount": 65_000})
    assert (r.verdict, r.figures["excess"]) == ("eligible", 65_000)


def test_deposit_right_after_protected_payment(run):
    """Ensure a deposit seized the day a benefit arrived is flagged (広島高裁松江支部 2013)."""
    r = seize(
        run,
        {
            "date": "2025-06-10",
            "asset": "deposit",
            "amount": 130_000,
            "deposit_source": "benefit",
            "deposit_credit_date": "2025-06-10",
        },
    )
    assert r.verdict == "likely"
    assert any("広島高裁松江支部" in x for x in r.reasons)
    assert r.next_actions[0].letter == "seizure-release"


def test_deposit_long_after_payment_not_flagged(run):
    """Ensure a deposit seized a month after the pay arrived is not flagged."""
    r = seize(
        run,
        {
            "date": "2025-06-10",
            "asset": "deposit",
            "amount": 50_000,
            "deposit_source": "salary",
            "deposit_credit_date": "2025-05-10",
        },
    )
    assert r.verdict == "not_eligible"


def test_released_seizure_ignored(run):
    """Ensure a released seizure is not judged."""
    r = seize(run, wage(240_000, amount=200_000, released=True))
    assert r.verdict == "not_eligible"


def test_missing_withholding_is_named(run):
    """Ensure unknown withholdings give needs_info naming the fields, not a guess with 0."""
    s = wage(240_000, amount=80_000)
    s["monthly_withholding"] = {"income_tax": 4_000, "resident_tax": None, "social_insurance": None}
    r = seize(run, s)
    assert r.verdict == "needs_info"
    assert r.missing == [
        "seizures[0].monthly_withholding.resident_tax",
        "seizures[0].monthly_withholding.social_insurance",
    ]


def test_daily_pay_needs_days(run):
    """Ensure daily pay without period_days asks for it."""
    r = seize(run, wage(100_000, pay_period="day", amount=10_000))
    assert r.missing == ["seizures[0].period_days"]


def test_unknown_withholding_still_shows_a_pension_below_the_base_is_all_protected(run):
    """Ensure a 94,000円 pension with unknown withholdings is found fully protected: the 6,000円 seized is excess."""
    r = seize(
        run,
        {
            "date": "2026-10-15",
            "asset": "pension",
            "pension_kind": "old_age",
            "amount": 6_000,
            "monthly_gross": 94_000,
            "dependents": 0,
        },
    )
    assert r.verdict == "eligible"
    assert r.figures["excess"] == 6_000 and r.figures["exact"] is False
    assert r.figures["protected_amount"] >= 94_000
    assert "seizures[0].monthly_withholding" in r.missing
    assert any("少なくとも" in reason for reason in r.reasons)


def test_unknown_withholding_on_a_high_wage_stays_needs_info_without_a_guessed_excess(run):
    """Ensure a high wage with unknown withholdings gives no excess claim, only the floor, and asks for the facts."""
    r = seize(
        run, {"date": "2025-05-20", "asset": "salary", "amount": 20_000, "monthly_gross": 400_000, "dependents": 1}
    )
    assert r.verdict == "needs_info"
    assert r.figures["excess"] == 0 and r.figures["exact"] is False


def test_nothing_computable_reports_unknown_not_zero(run):
    """Ensure missing gross pay leaves protected_amount and excess unknown (None), never 0."""
    r = seize(run, {"date": "2025-05-20", "asset": "salary", "amount": 20_000})
    assert r.verdict == "needs_info"
    assert r.figures["protected_amount"] is None and r.figures["excess"] is None


def pension(gross, amount, period="two_months"):
    return {
        "date": "2025-06-13",
        "asset": "pension",
        "pension_kind": "old_age",
        "amount": amount,
        "monthly_gross": gross,
        "pay_period": period,
        "dependents": 0,
        "monthly_withholding": {"income_tax": 4_000, "resident_tax": 6_000, "social_insurance": 30_000},
    }


def test_two_month_pension_against_twice_the_base(run):
    """Ensure a two-month pension payment of 300,000 (税 10,000 + 保険料 30,000 = 40,000) is measured
    against 2 × 100,000 (施行令34条: per month of the period): rest 300,000 − 40,000 − 200,000 = 60,000,
    20% = 12,000 → protected 252,000, seizable 48,000; seized 100,000 → excess 52,000. The hint asks
    for the 振込通知書 as printed."""
    r = seize(run, pension(300_000, 100_000))
    assert (r.verdict, r.figures["protected_amount"], r.figures["excess"]) == ("eligible", 252_000, 52_000)
    assert any("振込通知書" in x and "印字のとおり" in x for x in r.reasons)


def test_two_month_pension_entered_as_monthly_differs(run):
    """Ensure the same figures entered as one month protect only 100,000 + 40,000 + 20% × 160,000 =
    172,000 (seizable 128,000 → no excess): the period matters."""
    r = seize(run, pension(300_000, 100_000, period="month"))
    assert (r.figures["protected_amount"], r.figures["excess"]) == (172_000, 0)


def test_two_salaries_same_month_added_together(run):
    """Ensure two 給料 for May 2025 are added (76条1項後段): gross 150,000 + 100,000 = 250,000,
    deductions (2,000+3,000+20,000) + (1,000+0+10,000) = 36,000, base 100,000 once,
    20% × (250,000 − 136,000) = 22,800 → protected 158,800, seizable 91,200; seized 60,000 + 40,000
    = 100,000 → excess 8,800."""
    a = wage(150_000, 2_000, 3_000, 20_000, amount=60_000)
    b = wage(100_000, 1_000, 0, 10_000, amount=40_000, date="2025-05-25")
    r = seize(run, a, b)
    assert (r.figures["protected_amount"], r.figures["excess"]) == (158_800, 8_800)
    assert r.figures["items"][0]["indexes"] == [0, 1]
    assert any("同じ期間の給与2件" in x for x in r.reasons)


def test_retirement_allowance(run):
    """Ensure a 退職手当 of 3,000,000 (所得税 100,000, 住民税 150,000), 親族1人, 勤続20年 protects
    250,000 + 3 × 145,000 = 435,000 + 15 years × 20% × 435,000 = 1,305,000 → 1,990,000 (76条4項);
    seizable 1,010,000; seized 1,500,000 → excess 490,000; the 76条4項 figures are 要確認."""
    r = seize(
        run,
        wage(
            3_000_000, 100_000, 150_000, 0, dependents=1, amount=1_500_000, retirement_allowance=True, service_years=20
        ),
    )
    assert (r.figures["protected_amount"], r.figures["excess"]) == (1_990_000, 490_000)
    assert r.needs_review and "国税徴収法第76条第4項（退職手当等の差押禁止）" in r.basis


def test_retirement_allowance_without_service_years_is_a_floor(run):
    """Ensure unknown 勤続年数 gives at least 250,000 + 435,000 = 685,000 and asks for the years."""
    r = seize(run, wage(3_000_000, 100_000, 150_000, 0, dependents=1, amount=2_500_000, retirement_allowance=True))
    assert r.figures["protected_amount"] == 685_000 and r.figures["exact"] is False
    assert "seizures[0].service_years" in r.missing


def test_consent_flagged_and_withdrawable(run):
    """Ensure a 承諾 (76条5項) turns the 2,000 excess (152,000 protected of 200,000) into `likely` with
    the note that it can be withdrawn, and an action to withdraw it."""
    r = seize(run, wage(200_000, 4_000, 6_000, 30_000, amount=50_000, consent=True))
    assert r.verdict == "likely"
    assert any("承諾は撤回でき" in x for x in r.reasons)
    assert any("承諾を書面で撤回" in a.action for a in r.next_actions)
