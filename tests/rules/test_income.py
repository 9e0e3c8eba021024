"""Income tables at their boundaries (給与所得 別表第五, 公的年金等, 調整控除, 基礎控除, 軽減判定所得)."""

from datetime import date

import pytest

from kokuho_desk.model.case import Case, Income, Member, Unemployment
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.income import (
    basic_deduction,
    is_earner,
    member_income,
    pension_income,
    salary_adjustment,
    salary_income,
)


@pytest.fixture
def trace():
    case = Case(as_of=date(2025, 6, 1), members=[Member("head", birth_date=date(1980, 1, 1))])
    return Trace(CheckContext.for_case(case))


@pytest.mark.parametrize(
    "revenue, expected",
    [
        (0, 0),
        (550999, 0),
        (551000, 1000),
        (800000, 250000),
        (1618999, 1068999),
        (1619000, 1069000),
        (1619999, 1069000),
        (1620000, 1070000),
        (1622000, 1072000),
        (1624000, 1074000),
        (1627999, 1074000),
        (1628000, 1076800),
        (1799999, 1177600),
        (1800000, 1180000),
        (3000000, 2020000),
        (3599999, 2437200),
        (3600000, 2440000),
        (4000000, 2760000),
        (6599999, 4836800),
        (6600000, 4840000),
        (8499999, 6549999),
        (8500000, 6550000),
    ],
)
def test_salary_income_fy2025_quick_table(trace, revenue, expected):
    """Ensure 給与所得 follows 別表第五 (4,000円 steps) at every band edge, 令和6年分 income."""
    assert salary_income(revenue, 2025, trace) == expected
    assert not trace.needs_review


@pytest.mark.parametrize(
    "revenue, expected",
    [
        (650999, 0),
        (651000, 1000),
        (1625000, 975000),
        (1899999, 1249999),
        (1900000, 1250000),
        (3000000, 2020000),
    ],
)
def test_salary_income_fy2026(trace, revenue, expected):
    """Ensure the 令和7年分 table (65万円 minimum, exact below 190万円) applies to FY2026, verified by
    東村山市's 令和8年度 example (給与収入125万円 → 60万円)."""
    assert salary_income(revenue, 2026, trace) == expected
    assert not trace.needs_review


@pytest.mark.parametrize(
    "revenue, elderly, other, expected",
    [
        (3300000, True, 0, 2200000),
        (3300001, True, 0, 2200000),
        (1100000, True, 0, 0),
        (1440000, True, 0, 340000),
        (3000000, True, 0, 1900000),
        (4100001, True, 0, 2800000),
        (1300000, False, 0, 700000),
        (1300001, False, 0, 700000),
        (600000, False, 0, 0),
        (3300000, False, 0, 2200000),
        (3000000, True, 10000001, 2000000),
        (3000000, True, 20000001, 2100000),
    ],
)
def test_pension_income(trace, revenue, elderly, other, expected):
    """Ensure 公的年金等に係る雑所得 uses the age column and the other-income bracket."""
    assert pension_income(revenue, elderly, other, 2025, trace) == expected


@pytest.mark.parametrize(
    "birth, elderly_income",
    [
        (date(1960, 1, 1), 2200000),  # 65 on 2024-12-31 (reached on the day before the birthday)
        (date(1960, 1, 2), 2200000),  # 64 on 2024-12-31: under-65 table, same at 3,300,000
    ],
)
def test_pension_age_judged_on_december_31(trace, birth, elderly_income):
    """Ensure the 65歳 test is judged on 12月31日 of the income year (born 1960-01-01 counts as 65)."""
    m = Member("head", birth_date=birth)
    low = member_income(m, Income(pension=1200000), 2025, trace)
    assert low.elderly is (birth == date(1960, 1, 1))
    assert low.pension == (100000 if low.elderly else 600000)
    assert member_income(m, Income(pension=3300000), 2025, trace).pension == elderly_income


def test_pension_3300000_vs_3300001_at_64_and_65(trace):
    """Ensure the 330万円 edge gives the tabled values for 64- and 65-year-olds."""
    sixty_four = Member("head", birth_date=date(1961, 6, 1))
    sixty_five = Member("head", birth_date=date(1959, 6, 1))
    assert member_income(sixty_four, Income(pension=3300000), 2025, trace).pension == 2200000
    assert member_income(sixty_four, Income(pension=3300001), 2025, trace).pension == 2200000
    assert member_income(sixty_five, Income(pension=3300000), 2025, trace).pension == 2200000
    assert member_income(sixty_five, Income(pension=3300001), 2025, trace).pension == 2200000
    assert member_income(sixty_five, Income(pension=1250000), 2025, trace).judgement == 0
    assert member_income(sixty_four, Income(pension=1250000), 2025, trace).judgement == 650000


def test_salary_adjustment_both_salary_and_pension(trace):
    """Ensure 所得金額調整控除 for salary and pension is min(給与,10万)+min(年金,10万)−10万."""
    assert salary_adjustment(3000000, 2020000, 1900000, False, 2025, trace) == 100000
    assert salary_adjustment(700000, 150000, 30000, False, 2025, trace) == 30000
    assert salary_adjustment(3000000, 2020000, 0, False, 2025, trace) == 0
    assert trace.needs_review  # the formula is unverified


def test_salary_adjustment_children(trace):
    """Ensure the children/特別障害者 type is (min(収入,1000万)−850万)×10%, max 15万."""
    assert salary_adjustment(9000000, 7100000, 0, True, 2025, trace) == 50000
    assert salary_adjustment(12000000, 10050000, 0, True, 2025, trace) == 150000
    assert salary_adjustment(8500000, 6550000, 0, True, 2025, trace) == 0


@pytest.mark.parametrize(
    "total, expected",
    [
        (24000000, 430000),
        (24000001, 290000),
        (24500001, 150000),
        (25000001, 0),
    ],
)
def test_basic_deduction_tiers(trace, total, expected):
    """Ensure the 基礎控除 falls from 43万 to 0 at 2,400万 / 2,450万 / 2,500万."""
    assert basic_deduction(total, 2025, trace) == expected


def test_judgement_income_special_deduction_and_family_employee(trace):
    """Ensure 軽減判定所得 takes 15万 off a 65+ pension and adds back a 専従者給与."""
    elder = Member("head", birth_date=date(1954, 7, 1))
    assert member_income(elder, Income(pension=1900000), 2025, trace).judgement == 650000
    worker = Member("spouse", birth_date=date(1980, 1, 1))
    inc = member_income(worker, Income(salary=1000000, family_employee=True), 2025, trace)
    assert inc.base == 20000 and inc.judgement == 1000000


def test_unemployed_salary_counts_30_percent(trace):
    """Ensure 非自発的失業 counts 給与所得 × 30/100 in the base and the 軽減判定."""
    m = Member("head", birth_date=date(1980, 1, 1), unemployment=Unemployment(date(2024, 10, 31), "11"))
    inc = member_income(m, Income(salary=3000000), 2025, trace, unemployed=True)
    assert inc.salary == 606000 and inc.base == 176000 and inc.judgement == 606000


@pytest.mark.parametrize(
    "salary, pension, birth, earner",
    [
        (550000, 0, date(1980, 1, 1), False),
        (550001, 0, date(1980, 1, 1), True),
        (0, 600000, date(1970, 1, 1), False),
        (0, 600001, date(1970, 1, 1), True),
        (0, 1250000, date(1950, 1, 1), False),
        (0, 1250001, date(1950, 1, 1), True),
    ],
)
def test_earner_thresholds(trace, salary, pension, birth, earner):
    """Ensure 給与所得者等 is 給与収入 > 55万, or 年金 > 60万 (<65) / > 125万 (65+)."""
    m = Member("head", birth_date=birth)
    assert is_earner(m, Income(salary=salary, pension=pension), 2025, trace) is earner


def test_family_employee_is_not_an_earner(trace):
    """Ensure a 専従者給与 does not make its earner a 給与所得者等."""
    m = Member("spouse", birth_date=date(1980, 1, 1))
    assert not is_earner(m, Income(salary=1000000, family_employee=True), 2025, trace)
