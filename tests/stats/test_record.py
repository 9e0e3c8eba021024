"""One case → one statistics record with generalised fields only."""

import json
from datetime import date

import pytest

from kokuho_desk.model.case import Arrear, EnforcementEvent, Income, Member, Seizure
from kokuho_desk.model.judgement import Judgement
from kokuho_desk.stats.record import Record, record_of
from tests.stats.builders import fixed_judge, make_case


def test_record_holds_bands_and_codes(policy):
    """Ensure a case becomes bands, categories and codes that say nothing exact."""
    case = make_case(birth=date(1960, 5, 17), members=3, salary=1_234_567, arrears=234_567,
                     first_log=date(2025, 3, 9))
    r = record_of(case, fixed_judge(case), policy)
    assert (r.month, r.age_band, r.household_band) == ("2025-03", "60〜69歳", "3〜4人")
    assert (r.prefecture, r.area, r.income_band, r.arrears_band) == ("大阪府", "大阪市", "100〜200万円", "10〜30万円")
    assert r.enforcement == ("demand", "seizure") and r.seizure_assets == ("salary",)
    assert (r.insurance, r.reduction, r.outcome) == ("certificate", "2割", "保険料の減免")
    assert r.topics == ("差押え",)
    assert r.verdicts == (("copayment_relief", "likely"), ("seizure_limit", "eligible"))


def test_month_is_the_earliest_of_log_and_as_of(policy):
    """Ensure the month of first consultation is as_of when the log starts later."""
    case = make_case(as_of=date(2025, 6, 1), first_log=date(2025, 7, 2))
    assert record_of(case, fixed_judge(case), policy).month == "2025-06"


def test_unknowns_stay_unknown(policy):
    """Ensure missing birth date, amounts, insurance and verdicts give 不明, not a guess."""
    case = make_case(birth=date(1960, 1, 1), salary=None, arrears=None, insurance=None, municipality=None,
                     address=None, seized=None)
    case.members[0] = Member(relation="head")
    case.arrears = [Arrear(fiscal_year=2023, amount=None)]
    r = record_of(case, Judgement(), policy)
    assert (r.age_band, r.income_band, r.insurance, r.reduction) == ("不明", "不明", "unknown", "不明")
    assert (r.area, r.prefecture, r.arrears_band, r.verdicts) == ("不明", "不明", "不明", ())
    assert r.enforcement == ("demand",) and r.seizure_assets == ()


def test_row_round_trip(policy):
    """Ensure a record survives a JSON round trip and a malformed row is refused."""
    case = make_case()
    r = record_of(case, fixed_judge(case), policy)
    row = json.loads(json.dumps(r))
    assert Record.from_row(row) == r
    for bad in ([42, *row[1:]], row[:-1], [*row[:11], [["copayment_relief"]], *row[12:]]):
        with pytest.raises(ValueError):
            Record.from_row(bad)


def test_codes_are_listed_once_in_code_order(policy):
    """Ensure enforcement kinds and seized assets come once each, in the code lists' order, whatever the case's order."""
    case = make_case(seized="pension")
    case.enforcement = [EnforcementEvent(date=date(2025, 5, d), kind=kind)
                        for d, kind in ((1, "seizure_notice"), (2, "demand"), (3, "seizure_notice"), (4, "reminder"))]
    case.seizures = [Seizure(date=date(2025, 6, 1), asset=a, amount=1) for a in ("deposit", "pension", "deposit")]
    r = record_of(case, fixed_judge(case), policy)
    assert r.enforcement == ("demand", "reminder", "seizure_notice", "seizure")
    assert r.seizure_assets == ("pension", "deposit")


def test_income_sums_every_member_and_undeclared_wins(policy):
    """Ensure the income band is of the household's total, and one undeclared member makes it 未申告."""
    case = make_case(members=2, salary=600_000)
    case.members[1].income = Income(declared=True, pension=500_000, other=0)
    assert record_of(case, fixed_judge(case), policy).income_band == "100〜200万円"
    case.members[1].income = Income(declared=False)
    assert record_of(case, fixed_judge(case), policy).income_band == "未申告"
