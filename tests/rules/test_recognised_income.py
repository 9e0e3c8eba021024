"""勤労控除の基礎控除額表 (次官通知 第8-3 別表), read from the data: the table's rows by hand."""

from datetime import date

import pytest

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.recognised_income import basic_deduction, recognise

ON = date(2026, 12, 1)


def trace():
    return Trace(CheckContext.for_case(case_from_dict({"as_of": "2026-12-01", "members": [{"relation": "head"}]})))


@pytest.mark.parametrize(
    "gross, first, second",
    [
        (10_000, 10_000, 10_000),  # 0–15,000: 全額
        (15_000, 15_000, 15_000),
        (15_100, 15_100, 15_000),  # 15,001–15,199: 1人目 全額, 2人目 15,000
        (15_200, 15_200, 15_000),  # 15,200–18,999: 15,200
        (18_999, 15_200, 15_000),
        (19_000, 15_600, 15_000),  # 19,000–22,999: 15,600
        (25_000, 16_000, 15_000),  # 23,000–26,999: 16,000 (OpenFisca: 15,000 + 10,000 × 0.1)
        (42_999, 17_600, 15_000),  # 39,000–42,999: 17,600
        (43_000, 18_000, 15_300),  # 43,000–46,999: 18,000 / 15,300 (= 0.85 ×)
        (50_000, 18_400, 15_640),  # 47,000–50,999: 18,400 / 15,640
        (230_999, 36_400, 30_940),  # 227,000–230,999: 36,400 / 30,940
        (231_000, 36_800, 31_280),  # beyond the table: +400 / +340 per 4,000円
        (235_000, 37_200, 31_620),
    ],
)
def test_basic_deduction_table(gross, first, second):
    """Ensure each row of the 基礎控除額表 (1人目 / 2人目以降)."""
    t = trace()
    assert basic_deduction(t, ON, gross, True) == first
    assert basic_deduction(t, ON, gross, False) == second


def test_second_earner_takes_second_column():
    """Ensure the higher earner takes the 1人目 column: 100,000 → 23,600 and 50,000 → 15,640 (2人目);
    household income 150,000 + 年金 20,000 = 170,000 − 23,600 − 15,640 − 通勤費 5,000 = 125,760."""
    case = case_from_dict(
        {
            "as_of": "2026-12-01",
            "members": [
                {"relation": "head", "birth_date": "1970-01-01", "wage": {"monthly_gross": 50_000}},
                {
                    "relation": "spouse",
                    "birth_date": "1972-01-01",
                    "wage": {
                        "monthly_gross": 100_000,
                        "commute": 5_000,
                        "monthly_withholding": {"income_tax": 0, "resident_tax": 0, "social_insurance": 0},
                    },
                },
            ],
        }
    )
    r = recognise(case, 170_000, trace(), ON)
    assert r.income == 125_760
    assert any("所得税・住民税・社会保険料・通勤費" in n for n in r.notes)  # the head's expenses are unknown


def test_wages_above_the_household_income_are_flagged():
    """Ensure a wage of 100,000 against a household income of 80,000 (probably entered net) is noted."""
    case = case_from_dict(
        {
            "as_of": "2026-12-01",
            "members": [{"relation": "head", "birth_date": "1970-01-01", "wage": {"monthly_gross": 100_000}}],
        }
    )
    r = recognise(case, 80_000, trace(), ON)
    assert any("総支給額の合計 100,000円" in n for n in r.notes)
