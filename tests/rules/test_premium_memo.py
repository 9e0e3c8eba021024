"""What the premium remembers for the whole process (members' incomes and 給与所得者等 tests, rate
tables, law values) changes nothing: a premium computed with every process memo empty equals the one
computed after every other household has filled them — the yen, the reasons, and the values read
(so the sources and 要確認), in the same order."""

from __future__ import annotations

import json
from datetime import date

from kokuho_desk.demo import demo_cases
from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules import income, municipality, remembered
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.premium import Variant, premium
from tests.conftest import example_files, example_path

VARIANTS = [Variant(), Variant(unemployment=False), Variant(assume_declared=True)]
WHAT_IFS: list[set[str]] = [set(), {"child_reduction_2027"}]


def _forget() -> None:
    remembered.forget()
    municipality._CASE_TABLES.clear()
    for profile in municipality.list_profiles():
        profile._tables.clear()


def test_a_premium_is_the_same_with_the_process_memos_cold_or_warm():
    """Ensure each demo household and worked example gives, for each variant and what-if, the same
    whole PremiumResult (read values in order included) cold as after all the others warmed the memos."""
    cases = demo_cases(24, today=date(2026, 12, 4), seed=11) + [
        case_from_dict(json.loads(p.read_text(encoding="utf-8"))["case"]) for p in example_files()
    ]
    runs = [(case, variant, what_if) for case in cases for variant in VARIANTS for what_if in WHAT_IFS]
    cold = []
    for case, variant, what_if in runs:
        _forget()
        cold.append(premium(CheckContext.for_case(case, what_if=what_if), variant))
    for (case, variant, what_if), first in zip(runs, cold):
        again = premium(CheckContext.for_case(case, what_if=what_if), variant)
        assert again == first
        assert again.read == first.read and again.sources() == first.sources()
        assert again.to_dict() == first.to_dict()
    assert any(r.total for r in cold) and remembered.size()


def test_a_remembered_pension_income_depends_on_the_age():
    """Ensure the process memo tells two pensioners with the same 年金収入 160万円 apart by age (FY2025,
    ages on 2024-12-31; 公的年金等控除 of 所得税法35条4項 / 地方税法 附則): born 1959-06-01 is 65 →
    160万 − 110万 = 500,000円; born 1960-06-01 is 64 → 160万 × 75% − 27.5万 = 925,000円; and the same
    person in FY2025 and FY2026 are two entries."""
    from kokuho_desk.model.case import Case, Income, Member
    from kokuho_desk.rules.context import Trace

    pension = Income(declared=True, pension=1_600_000)
    older = Member("head", birth_date=date(1959, 6, 1), income=pension)
    younger = Member("spouse", birth_date=date(1960, 6, 1), income=pension)
    trace = Trace(CheckContext.for_case(Case(as_of=date(2025, 6, 1), fiscal_year=2025, members=[older, younger])))
    _forget()

    def pension_income(member: Member, fiscal_year: int = 2025) -> int:
        return income.remembered_member_incomes([(member, pension, False)], fiscal_year, trace)[0].pension

    assert pension_income(older) == 500_000
    assert pension_income(younger) == 925_000
    assert pension_income(older) == 500_000
    assert remembered.size() == 2
    pension_income(older, 2026)
    assert remembered.size() == 3


def test_a_remembered_inline_rate_table_keeps_the_rate_as_written():
    """Ensure the case file's inline rates, remembered by their figures, are the same table for the same
    figures and a new one when any figure changes (9 and 9.0 are equal in Python but written differently)."""
    from kokuho_desk.rules.municipality import RateTable

    def rates(rate, cap=650_000):
        return {"parts": {"medical": {"income_rate_percent": rate, "per_capita": 100, "per_household": 0, "cap": cap}}}

    assert RateTable.from_case(rates("9.30")) is RateTable.from_case(rates("9.30"))
    assert RateTable.from_case(rates("9.30", 660_000)).parts["medical"].cap == 660_000
    assert str(RateTable.from_case(rates(9)).parts["medical"].income_rate_percent) == "9"
    assert str(RateTable.from_case(rates(9.0)).parts["medical"].income_rate_percent) == "9.0"


def test_a_year_whose_law_data_stops_midway_cites_what_it_read_cold_or_warm():
    """Ensure a premium for FY2028 (the 軽減判定 lines of the 5割 class have no value for that year yet)
    says it cannot be computed and still cites the values read before the missing one — the same cold
    as warm (a failed computation is not remembered)."""
    case_dict = json.loads(example_path("osaka-city-2022-family-2wari").read_text(encoding="utf-8"))["case"]
    case = case_from_dict({**case_dict, "fiscal_year": 2028, "as_of": "2028-06-01"})
    _forget()
    cold = premium(CheckContext.for_case(case))
    warm = premium(CheckContext.for_case(case))
    assert cold.total is None and any("令和10年度の制度のデータがない" in r for r in cold.reasons)
    assert "statutory_reduction.base_amount" in [v.param for v in cold.read]
    assert warm == cold and warm.read == cold.read
