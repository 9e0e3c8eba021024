"""Properties of the premium over random households (hypothesis)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kokuho_desk.model.case import Case, Income, Member
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.premium import REDUCTION_CLASSES, premium

RATES = {
    "parts": {
        "medical": {"income_rate_percent": "9.30", "per_capita": 34424, "per_household": 33574, "cap": 650000},
        "support": {"income_rate_percent": "3.02", "per_capita": 11034, "per_household": 10761, "cap": 240000},
        "care": {"income_rate_percent": "2.56", "per_capita": 18784, "per_household": 0, "cap": 170000},
    }
}
RANK = {cls: i for i, cls in enumerate(("なし", "2割", "5割", "7割"))}

incomes = st.builds(
    Income,
    declared=st.just(True),
    salary=st.integers(0, 15_000_000),
    pension=st.integers(0, 5_000_000),
    business=st.integers(0, 5_000_000),
    other=st.integers(0, 1_000_000),
)
births = st.dates(date(1952, 1, 1), date(2025, 3, 31))
members = st.builds(Member, relation=st.just("spouse"), birth_date=births, income=incomes)
fiscal_years = st.sampled_from([2022, 2023, 2024, 2025, 2026])


def household(head: Member, others: list[Member], fy: int) -> Case:
    head.relation = "head"
    return Case(as_of=date(fy, 6, 1), fiscal_year=fy, members=[head, *others], rates=RATES)


def run(case: Case):
    return premium(CheckContext.for_case(case))


@settings(max_examples=150, deadline=None)
@given(members, st.lists(members, max_size=4), fiscal_years)
def test_premium_between_zero_and_the_caps(head, others, fy):
    """Ensure the premium is never negative and never above the sum of the caps."""
    p = run(household(head, others, fy))
    assert 0 <= p.total <= sum(part["cap"] for part in RATES["parts"].values())
    for part in p.parts.values():
        assert 0 <= part.total <= RATES["parts"][part.part]["cap"]


@settings(max_examples=150, deadline=None)
@given(members, st.lists(members, max_size=3), fiscal_years, st.integers(1, 3_000_000))
def test_more_income_never_helps(head, others, fy, extra):
    """Ensure more income never gives a larger reduction nor a lower premium."""
    before = run(household(head, others, fy))
    richer = Member(
        "head",
        birth_date=head.birth_date,
        income=Income(
            declared=True,
            salary=head.income.salary,
            pension=head.income.pension,
            business=head.income.business + extra,
            other=head.income.other,
        ),
    )
    after = run(household(richer, others, fy))
    assert RANK[after.reduction] <= RANK[before.reduction]
    assert after.total >= before.total


@settings(max_examples=150, deadline=None)
@given(members, st.lists(members, max_size=3), fiscal_years, births)
def test_one_more_member_never_lowers_the_lines(head, others, fy, birth):
    """Ensure adding a member without income never lowers the 軽減判定 lines."""
    base = run(household(head, others, fy)).judgement
    newcomer = Member("child", birth_date=birth, income=Income(declared=True))
    more = run(household(head, [*others, newcomer], fy)).judgement
    for cls in REDUCTION_CLASSES:
        assert more.lines[cls] >= base.lines[cls]
    assert RANK[more.reduction] >= RANK[base.reduction]
