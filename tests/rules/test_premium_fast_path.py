"""The whole-year shortcut of the premium gives exactly the month-by-month computation's result:
the same yen per part and member, reduction class, 判定, notes, reasons, sources and 要確認 — the
whole PremiumResult compared for equality, for every variant the checks ask for.

Households: the demo's and the worked examples' cases; hypothesis households built near every
edge the shortcut must notice (joining and leaving in the year, 75歳・40歳・65歳 reached in the year,
産前産後, 非自発的失業 starting or ending in the year, 特定世帯); and the security fuzz's mutated case
files. About 500 households in the default run, 10,000 generated and 5,000 mutated in the thorough run.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kokuho_desk.demo import demo_cases
from kokuho_desk.model.case import Case, Childbirth, Income, Member, Unemployment
from kokuho_desk.model.casefile import CaseFileError, case_from_dict, case_from_json
from kokuho_desk.rules import premium as premium_module
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.premium import ACTUAL, Variant, premium, premium_month_by_month
from tests.conftest import example_files
from tests.security.test_fuzz import case_files

VARIANTS = [
    ACTUAL,
    Variant(unemployment=False),
    Variant(childbirth=False),
    Variant(statutory=False),
    Variant(assume_declared=True),
]
RATES = {
    "parts": {
        "medical": {"income_rate_percent": "9.30", "per_capita": 34424, "per_household": 33574, "cap": 650000},
        "support": {"income_rate_percent": "3.02", "per_capita": 11034, "per_household": 10761, "cap": 240000},
        "care": {"income_rate_percent": "2.56", "per_capita": 18784, "per_household": 0, "cap": 170000},
        "child": {
            "income_rate_percent": "0.25",
            "per_capita": 1200,
            "per_household": 900,
            "cap": 30000,
            "per_capita_adult_extra": 100,
        },
    },
    "rounding": {"part": 100},
}


def assert_same(case: Case) -> None:
    """Ensure the shortcut and the month-by-month path agree on the whole result, each on a fresh context:
    for every variant, and under the what-if of the planned 18歳以下 reduction (provisional values)."""
    for variant in VARIANTS:
        fast = premium(CheckContext.for_case(case), variant)
        general = premium_month_by_month(CheckContext.for_case(case), variant)
        assert fast == general, variant
        assert fast.to_dict() == general.to_dict()
        assert fast.sources() == general.sources()
    what_if = {"child_reduction_2027"}
    fast = premium(CheckContext.for_case(case, what_if=what_if))
    assert fast == premium_month_by_month(CheckContext.for_case(case, what_if=what_if))


def test_demo_and_worked_examples_agree():
    """Ensure the demo's 48 households and every worked example agree (to the yen and beyond)."""
    cases = demo_cases(48, today=date(2026, 12, 4), seed=5) + [
        case_from_dict(json.loads(p.read_text(encoding="utf-8"))["case"]) for p in example_files()
    ]
    for case in cases:
        assert_same(case)


def test_the_shortcut_is_taken_for_a_whole_year_household_only():
    """Ensure a household with no change in the year takes the shortcut and one that joins in October
    does not (so that the property tests below compare two different computations)."""

    def uniform(**extra) -> bool:
        m = Member("head", birth_date=date(1980, 7, 1), income=Income(declared=True, salary=3_000_000), **extra)
        ctx = CheckContext.for_case(Case(as_of=date(2025, 6, 1), fiscal_year=2025, members=[m], rates=RATES))
        return premium_module._Computation(ctx, ACTUAL)._year().uniform

    assert uniform()
    assert not uniform(joined_date=date(2025, 10, 15))
    assert not uniform(left_date=date(2026, 1, 1))
    assert not uniform(childbirth=Childbirth(expected_date=date(2025, 8, 1)))


# --- generated households ---------------------------------------------------------------------------

FISCAL_YEARS = [2022, 2023, 2024, 2025, 2026]


def _near_year(fy: int):
    """A date in or around the fiscal year (edges on the first and last days of months)."""
    return st.one_of(
        st.dates(date(fy - 1, 1, 1), date(fy + 1, 6, 30)),
        st.sampled_from([date(fy, 4, 1), date(fy, 4, 2), date(fy, 3, 31), date(fy + 1, 3, 31), date(fy + 1, 4, 1)]),
    )


@st.composite
def members(draw, fy: int, relation: str) -> Member:
    age_edge = draw(st.sampled_from([None, 40, 65, 75]))
    if age_edge:  # reaching 40, 65 or 75 around the fiscal year
        birth = draw(_near_year(fy)).replace(day=1)
        birth = date(birth.year - age_edge, birth.month, draw(st.integers(1, 28)))
    else:
        birth = draw(st.dates(date(1945, 1, 1), date(fy, 3, 31)))
    income = Income(
        declared=draw(st.sampled_from([True, True, True, False])),
        salary=draw(st.sampled_from([0, 0, 500_000, 1_000_000, 2_000_000, 4_500_000])),
        pension=draw(st.sampled_from([0, 0, 800_000, 1_600_000])),
        business=draw(st.sampled_from([0, 0, 300_000, 2_000_000])),
    )
    return Member(
        relation,
        birth_date=birth,
        insured=draw(st.sampled_from([True, True, True, False])),
        late_elderly_transferred=draw(st.sampled_from([False, False, False, True])),
        joined_date=draw(st.one_of(st.none(), st.none(), _near_year(fy))),
        left_date=draw(st.one_of(st.none(), st.none(), st.none(), _near_year(fy))),
        income=income,
        unemployment=draw(
            st.one_of(
                st.none(),
                st.none(),
                st.builds(
                    Unemployment, separation_date=_near_year(fy), reason_code=st.sampled_from(["11", "23", "40"])
                ),
            )
        ),
        childbirth=draw(
            st.one_of(
                st.none(),
                st.none(),
                st.none(),
                st.builds(Childbirth, expected_date=_near_year(fy), multiple=st.booleans()),
            )
        ),
    )


@st.composite
def households(draw) -> Case:
    fy = draw(st.sampled_from(FISCAL_YEARS))
    others = draw(st.lists(st.sampled_from(["spouse", "child", "parent"]), max_size=4))
    people = [draw(members(fy, "head"))] + [draw(members(fy, r)) for r in others]
    if draw(st.booleans()):  # a whole-year household: the shortcut's own ground
        for m in people:
            m.joined_date = m.left_date = m.unemployment = m.childbirth = None
    rates = RATES if fy >= 2026 else {**RATES, "parts": {k: v for k, v in RATES["parts"].items() if k != "child"}}
    return Case(as_of=date(fy, 6, 1), fiscal_year=fy, members=people, rates=rates)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households())
def test_generated_households_agree(case):
    """Ensure 300 generated households near every edge agree (the default run's share)."""
    assert_same(case)


@pytest.mark.thorough
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households())
def test_10000_generated_households_agree(case):
    """Ensure 10,000 generated households near every edge agree (the thorough run)."""
    assert_same(case)


def _parsed(text: str) -> Case | None:
    try:
        return case_from_json(text)
    except CaseFileError:
        return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_files())
def test_mutated_case_files_agree(text):
    """Ensure 200 of the security fuzz's mutated case files agree (the default run's share)."""
    case = _parsed(text)
    if case is not None:
        assert_same(case)


@pytest.mark.thorough
@settings(max_examples=5_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_files())
def test_5000_mutated_case_files_agree(text):
    """Ensure 5,000 of the security fuzz's mutated case files agree (the thorough run; with the
    10,000 generated households, up to 15,000 cases)."""
    case = _parsed(text)
    if case is not None:
        assert_same(case)
