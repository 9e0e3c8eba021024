"""産前産後期間の免除 around its start (2024-01): only months from 2024-01 are exempt, and a FY2023
household gets its premium instead of 情報不足 (芦屋市: 令和5年11月出産 → 令和6年1月分のみ).

By hand, for every case below (inline 医療分 rates 9.30% / 34,424 / 33,574; 令和4年分・令和5年分
給与収入 3,000,000 → 給与所得 3,000,000 × 70% − 80,000 = 2,020,000; − 基礎控除 430,000 = 1,590,000;
所得割 1,590,000 × 9.30% = 147,870; no 法定軽減: 2,020,000 > 2割 line): a year without exemption is
147,870 + 34,424 + 33,574 = 215,868; each exempt month removes 1/12 of 所得割 and 均等割 (平等割 stays).
"""

import pytest

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.rules.premium import premium

RATES = {
    "parts": {"medical": {"income_rate_percent": "9.30", "per_capita": 34424, "per_household": 33574, "cap": 650000}}
}


def mother(fy, due, multiple=False):
    return case_from_dict(
        {
            "as_of": f"{fy}-06-01",
            "fiscal_year": fy,
            "rates": RATES,
            "members": [
                {
                    "relation": "head",
                    "birth_date": "1990-01-01",
                    "insured": True,
                    "income": {"declared": True, "salary": 3000000},
                    "childbirth": {"expected_date": due, "multiple": multiple},
                }
            ],
        }
    )


@pytest.mark.parametrize(
    "fy, due, charged, expected",
    [
        # due 2023-11: Oct 2023–Jan 2024 → only January exempt: 147,870×11//12 + 34,424×11//12 + 33,574
        (2023, "2023-11-20", 11, 135547 + 31555 + 33574),
        # due 2023-12: Nov 2023–Feb 2024 → January, February exempt: 147,870×10//12 + 34,424×10//12 + 33,574
        (2023, "2023-12-05", 10, 123225 + 28686 + 33574),
        # due 2024-02: Jan–Apr 2024 → FY2023 January–March exempt: 147,870×9//12 + 34,424×9//12 + 33,574
        (2023, "2024-02-10", 9, 110902 + 25818 + 33574),
        # the same birth in FY2024: April 2024 exempt
        (2024, "2024-02-10", 11, 135547 + 31555 + 33574),
        # due 2023-09: Aug–Nov 2023, all before 2024-01 → nothing exempt
        (2023, "2023-09-15", 12, 215868),
    ],
)
def test_only_months_from_january_2024_are_exempt(fy, due, charged, expected):
    """Ensure the premium is computed (not 情報不足) and exempts only months from 2024-01."""
    p = premium(CheckContext.for_case(mother(fy, due)))
    assert not p.needs_info
    assert p.total == expected
    assert p.parts["medical"].per_household == 33574


def test_multiple_birth_in_december_2023():
    """Ensure 多胎 due 2023-12: Sep 2023–Feb 2024 (3 months before, 6 months) → January, February
    exempt in FY2023: 123,225 + 28,686 + 33,574 = 185,485."""
    assert premium(CheckContext.for_case(mother(2023, "2023-12-05", multiple=True))).total == 185485


def test_check_card_for_fy2023():
    """Ensure the card is eligible with 1 exempt month and an amount of 215,868 − 200,676 = 15,192."""
    card = run_checks(mother(2023, "2023-11-20")).check("childbirth_exemption")
    assert card.verdict == "eligible"
    assert card.figures["exempt_months"] == 1
    assert card.figures["exempt_amount"] == 215868 - (135547 + 31555 + 33574)
