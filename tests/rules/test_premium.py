"""The premium by part: months, ages, children, 産前産後, 失業, 特定世帯, caps, rounding, missing facts."""

import pytest

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.premium import Variant, premium

OSAKA_2025 = {
    "parts": {
        "medical": {"income_rate_percent": "9.30", "per_capita": 34424, "per_household": 33574, "cap": 650000},
        "support": {"income_rate_percent": "3.02", "per_capita": 11034, "per_household": 10761, "cap": 240000},
        "care": {"income_rate_percent": "2.56", "per_capita": 18784, "per_household": 0, "cap": 170000},
    },
    "rounding": {"part": 1},
}


def member(relation="head", birth="1980-07-01", salary=0, pension=0, **extra):
    return {
        "relation": relation,
        "birth_date": birth,
        "insured": True,
        "income": {"declared": True, "salary": salary, "pension": pension},
        **extra,
    }


def compute(members, fy=2025, rates=OSAKA_2025, what_if=(), **case):
    data = {"as_of": f"{fy}-06-01", "fiscal_year": fy, "members": members, **case}
    if rates is not None:
        data["rates"] = rates
    return premium(CheckContext.for_case(case_from_dict(data), what_if=frozenset(what_if)))


def test_single_45_full_year():
    """Ensure a 45-year-old with 給与収入 300万 pays 医療+支援+介護 to the yen (大阪府統一 FY2025)."""
    p = compute([member(salary=3000000)])
    assert p.reduction == "なし"
    assert {k: v.total for k, v in p.parts.items()} == {"medical": 215868, "support": 69813, "care": 59488}
    assert p.total == 345169 and not p.needs_info


def test_joining_in_october_prorates_six_months():
    """Ensure joining on 2025-10-15 charges October–March: each term × 6/12, floored."""
    p = compute([member(salary=3000000, joined_date="2025-10-15")])
    assert p.parts["medical"].months == 6
    assert p.parts["medical"].total == 147870 // 2 + 34424 // 2 + 33574 // 2
    assert p.needs_review  # the proration rounding is unverified


def test_leaving_charges_up_to_month_before():
    """Ensure a 喪失日 of 2025-07-01 charges April–June (3 months)."""
    p = compute([member(salary=3000000, left_date="2025-07-01")])
    assert p.parts["support"].months == 3
    assert p.parts["support"].total == 48018 * 3 // 12 + 11034 * 3 // 12 + 10761 * 3 // 12


def test_care_part_stops_the_month_before_reaching_65():
    """Ensure someone turning 65 on 1960-09-15+65y pays 介護分 April–August only."""
    p = compute([member(birth="1960-09-15", salary=3000000)])
    assert p.parts["care"].months == 5
    assert p.parts["care"].total == (40704 + 18784) * 5 // 12


def test_care_part_starts_the_month_reaching_40():
    """Ensure someone born 1985-11-01 reaches 40 on 2025-10-31 and pays 介護分 from October."""
    p = compute([member(birth="1985-11-01", salary=0)])
    assert p.parts["care"].months == 6


def test_turning_75_leaves_kokuho_from_the_birthday_month():
    """Ensure a member turning 75 on 2025-12-10 pays 医療分 April–November (8 months)."""
    p = compute([member(birth="1950-12-10", pension=1000000)])
    assert p.parts["medical"].months == 8


def test_preschool_half_after_statutory_reduction():
    """Ensure a 未就学児 pays half of the 7割-reduced 均等割 (松阪 table: 6,540 → 3,270)."""
    rates = {"parts": {"medical": {"income_rate_percent": "0", "per_capita": 21800, "per_household": 0, "cap": 660000}}}
    p = compute([member(birth="1990-02-02"), member("child", birth="2019-04-02")], rates=rates)
    assert p.reduction == "7割"
    assert [line.per_capita_unit for line in p.parts["medical"].members] == [6540, 3270]


def test_child_born_april_first_is_not_preschool():
    """Ensure a child born 2019-04-01 is 6 on 2025-04-01 (school entry) and gets no 未就学児 reduction."""
    rates = {"parts": {"medical": {"income_rate_percent": "0", "per_capita": 21800, "per_household": 0, "cap": 660000}}}
    p = compute([member(birth="1990-02-02"), member("child", birth="2019-04-01")], rates=rates)
    assert [line.per_capita_unit for line in p.parts["medical"].members] == [6540, 6540]


def test_planned_high_school_extension_only_under_what_if():
    """Ensure the 2027 高校生年代 5割 applies only with the what-if switch, and is then 要確認.

    令和9年度 has no 軽減判定 amounts yet: the law alone cannot compute it; the what-if takes the
    令和8年度 values, marked provisional. No income → 7割: 20,000 × 0.3 = 6,000; the child (15 on
    2027-03-31) gets half of that, 3,000 → 9,000円."""
    rates = {"parts": {"medical": {"income_rate_percent": "0", "per_capita": 20000, "per_household": 0, "cap": 670000}}}
    people = [member(birth="1985-01-01"), member("child", birth="2012-01-01")]
    plain = compute(people, fy=2027, rates=rates)
    assumed = compute(people, fy=2027, rates=rates, what_if={"child_reduction_2027"})
    assert plain.total is None  # no FY2027 軽減判定 data yet → cannot be computed
    assert [line.per_capita_unit for line in assumed.parts["medical"].members] == [6000, 3000]
    assert assumed.total == 9000 and assumed.needs_review
    assert any(
        v.status == "provisional" and "令和9年度の値がまだないため、令和8年度の値で仮に計算" in v.source
        for v in assumed.read
    )
    with_data = compute(people, fy=2026, rates=rates, what_if={"child_reduction_2027"})
    assert [line.per_capita_unit for line in with_data.parts["medical"].members] == [6000, 6000]


def test_child_part_fy2026_minors_pay_no_per_capita():
    """Ensure the FY2026 子ども分 均等割 is 0 for under-18s and base+18歳以上 extra for adults."""
    rates = {
        "parts": {
            "child": {
                "income_rate_percent": "0.3",
                "per_capita": 1800,
                "per_household": 0,
                "cap": 30000,
                "per_capita_adult_extra": 100,
            }
        }
    }
    p = compute([member(birth="1985-01-01", salary=3000000), member("child", birth="2009-01-01")], fy=2026, rates=rates)
    lines = p.parts["child"].members
    assert [line.per_capita_unit for line in lines] == [1900, 0]
    assert p.parts["child"].income_based == 4770
    assert not p.needs_review  # the FY2026 rules it reads are verified


def test_child_part_adult_extra_from_the_fiscal_year_after_18():
    """Ensure the 18歳以上均等割 (朝霞市 100円) is charged only to members 18 or over on 3月31日 before
    the year: born 2008-04-01 is 18 on 2026-03-31 and pays 1,800 + 100; born 2008-04-02 is 17 and pays
    nothing (10割軽減 to the end of the year of 18). 7割 (no income) applies to the whole unit:
    1,900 × 0.3 = 570."""
    rates = {
        "parts": {
            "child": {
                "income_rate_percent": "0.3",
                "per_capita": 1800,
                "per_household": 0,
                "cap": 30000,
                "per_capita_adult_extra": 100,
            }
        }
    }
    p = compute([member(birth="2008-04-01"), member("child", birth="2008-04-02")], fy=2026, rates=rates)
    assert p.reduction == "7割"
    assert [line.per_capita_unit for line in p.parts["child"].members] == [570, 0]
    assert p.parts["child"].total == 570


def test_childbirth_exempts_four_months_of_the_mother():
    """Ensure a due date in 2025-09 exempts the mother's 所得割・均等割 for August–November."""
    mother = member(birth="1990-01-01", salary=3000000, childbirth={"expected_date": "2025-09-10"})
    p = compute([mother])
    full = compute([member(birth="1990-01-01", salary=3000000)])
    m, f = p.parts["medical"], full.parts["medical"]
    assert m.income_based == f.income_based * 8 // 12
    assert m.per_household == f.per_household
    assert m.per_capita == 34424 * 8 // 12
    data = {"as_of": "2025-06-01", "fiscal_year": 2025, "members": [mother], "rates": OSAKA_2025}
    assert premium(CheckContext.for_case(case_from_dict(data)), Variant(childbirth=False)).total == full.total


def test_unemployment_mid_year_splits_the_months():
    """Ensure a 2025-09-30 separation applies 30/100 from October (6 of 12 months)."""
    person = member(salary=3000000, unemployment={"separation_date": "2025-09-30", "reason_code": "11"})
    p = compute([person])
    # 給与所得 2,020,000 → 606,000 (30/100): base 1,590,000 → 176,000; 軽減判定 606,000 ≤ 735,000 → 5割 from October
    assert p.parts["medical"].income_based == (147870 * 6 + 16368 * 6) // 12
    assert p.parts["medical"].per_capita == (34424 * 6 + 17212 * 6) // 12


def test_unemployment_code_outside_the_list_is_ignored():
    """Ensure a 離職理由コード 40 (自己都合) gives no 30/100 treatment."""
    person = member(salary=3000000, unemployment={"separation_date": "2024-09-30", "reason_code": "40"})
    assert compute([person]).total == compute([member(salary=3000000)]).total


def test_specific_household_halves_per_household():
    """Ensure a spouse who moved to 後期 (75 in 2023) leaves a 特定世帯: 平等割 ½ for 医療・支援 only."""
    rates = {
        "parts": {
            "medical": {"income_rate_percent": "0", "per_capita": 0, "per_household": 30000, "cap": 660000},
            "care": {"income_rate_percent": "0", "per_capita": 0, "per_household": 6000, "cap": 170000},
        }
    }
    head = member(birth="1970-05-01", salary=5000000)
    spouse = {
        "relation": "spouse",
        "birth_date": "1948-05-01",
        "insured": False,
        "late_elderly_transferred": True,
        "income": {"declared": True, "pension": 0},
    }
    p = compute([head, spouse], rates=rates)
    assert p.parts["medical"].per_household == 15000
    assert p.parts["care"].per_household == 6000


def test_continued_household_three_quarters():
    """Ensure 6–8 years after the move the 平等割 is ¾ (特定継続世帯)."""
    rates = {"parts": {"medical": {"income_rate_percent": "0", "per_capita": 0, "per_household": 30000, "cap": 660000}}}
    head = member(birth="1960-05-01", salary=5000000)
    spouse = {
        "relation": "spouse",
        "birth_date": "1943-05-01",
        "insured": False,
        "late_elderly_transferred": True,
        "income": {"declared": True, "pension": 0},
    }
    assert compute([head, spouse], rates=rates).parts["medical"].per_household == 22500


def test_fictitious_head_income_counts_only_in_judgement():
    """Ensure a 擬制世帯主's income blocks the reduction but adds no 所得割."""
    head = {
        "relation": "head",
        "birth_date": "1970-01-01",
        "insured": False,
        "income": {"declared": True, "salary": 5000000},
    }
    p = compute([head, member("spouse", birth="1972-01-01")])
    assert p.reduction == "なし"
    assert p.parts["medical"].income_based == 0
    assert p.parts["medical"].per_household == 33574


def test_cap_then_rounding_unit():
    """Ensure the cap applies after the reductions and the rounding floors each part to 100円."""
    rates = {
        "parts": {
            "medical": {"income_rate_percent": "6.84", "per_capita": 27100, "per_household": 19220, "cap": 100000}
        },
        "rounding": {"part": 100},
    }
    p = compute([member(salary=3000000)], rates=rates)
    assert p.parts["medical"].capped and p.parts["medical"].total == 100000
    rates["parts"]["medical"]["cap"] = 650000
    assert compute([member(salary=3000000)], rates=rates).parts["medical"].total == 155000


def test_undeclared_member_blocks_reduction_and_needs_info():
    """Ensure a 未申告 member means no 法定軽減, needs_info, and what filing would give."""
    people = [
        member(),
        {"relation": "spouse", "birth_date": "1982-01-01", "insured": True, "income": {"declared": False, "salary": 0}},
    ]
    p = compute(people)
    assert p.reduction == "なし" and p.needs_info
    assert (
        compute(people).total
        > premium(
            CheckContext.for_case(
                case_from_dict({"as_of": "2025-06-01", "fiscal_year": 2025, "members": people, "rates": OSAKA_2025})
            ),
            Variant(assume_declared=True),
        ).total
    )


def test_unknown_income_needs_info():
    """Ensure an insured member without income gives needs_info naming the field."""
    p = compute([{"relation": "head", "birth_date": "1980-01-01", "insured": True}])
    assert p.total is None and p.missing == ["members[0].income"]


def test_rates_from_profile_and_missing_rates():
    """Ensure rates come from the municipality profile, and a missing year is needs_info with a reason."""
    p = compute([member(salary=3000000)], rates=None, municipality="大阪府統一")
    assert p.total == 345169 and p.rates.origin == "大阪府統一 令和7年度"
    q = compute([member(salary=3000000)], fy=2022, rates=None, municipality="大阪府統一")
    assert q.total is None and q.missing == ["rates"] and "令和4年度" in q.reasons[0]
    assert q.reduction == "なし"  # the class is still judged


@pytest.mark.parametrize("fy, expected", [(2025, "2割"), (2026, "5割")])
def test_fy2026_judgement_uses_the_31_man_line(fy, expected):
    """Ensure FY2026 uses the 5割 line 43万 + 31万 × 2 = 105万: 給与収入 1,695,000 gives 給与所得
    1,045,000 in FY2026 (− 65万) → 5割; in FY2025 1,115,200 (423,000 × 2.4 + 100,000) is over
    43万 + 30.5万 × 2 = 104万 → 2割. Both lines verified: no 要確認."""
    p = compute([member(salary=1695000), member("spouse", birth="1982-01-01")], fy=fy)
    assert p.reduction == expected
    assert p.judgement.income == {2025: 1115200, 2026: 1045000}[fy]
    assert not p.needs_review


def test_pension_conflict_reported_only_when_it_changes_the_class():
    """Ensure the 125万 vs 110万 conflict is 要確認 only when the class would differ."""
    elder = {
        "relation": "head",
        "birth_date": "1954-06-01",
        "insured": True,
        "income": {"declared": True, "pension": 1200000},
    }
    spouse = member("spouse", birth="1955-06-01", salary=1030000)  # 給与所得 480,000
    p = compute([elder, spouse])  # 1 earner → 5割; read as 110万 → 2 earners → 7割
    assert p.reduction == "5割" and p.needs_review
    assert any("給与所得者等の数え方" in r for r in p.reasons)
    q = compute([{**elder, "income": {"declared": True, "pension": 2000000}}, spouse])
    assert not any("給与所得者等の数え方" in r for r in q.reasons)
    small = compute([elder, member("spouse", birth="1955-06-01", salary=600000)])  # 7割 either way
    assert small.reduction == "7割" and not small.needs_review
