"""最低生活費 parts beyond 生活扶助・加算・住宅扶助: 期末一時扶助, 教育扶助・高等学校等就学費,
入院患者日用品費 (resources/rules/minimum_living/other_assistance.toml; all 要確認).

Base figure used by hand: a person aged 55 alone in 1級地-1 has 生活扶助 77,240円 a month from
2025-10 (MHLW 2026-02-27 資料4, example D25: 1969-12-01 born, 2025-10-01)."""

from __future__ import annotations

import pytest

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules import minimum_living
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.params import ParameterError, _parse_file, parameter
from tests.rules.checks.conftest import run_check


def ml_of(members, as_of, **extra):
    case = case_from_dict(
        {"as_of": as_of, "members": members, "finances": {"monthly_rent": 0, "grade": "1級地-1"}, **extra}
    )
    ctx = CheckContext.for_case(case)
    ml, missing, gap = minimum_living.for_case(ctx, Trace(ctx))
    assert not missing and gap is None
    return ml


ALONE = [{"relation": "head", "name": "本人", "birth_date": "1969-12-01"}]


def test_year_end_allowance_in_december_only():
    """Ensure December adds 期末一時扶助 1人 1級地-1 13,500 (77,240 + 13,500 = 90,740), November not."""
    assert ml_of(ALONE, "2025-11-01").total == 77_240
    december = ml_of(ALONE, "2025-12-01")
    assert (december.year_end, december.total) == (13_500, 90_740)
    assert december.other_assistance == 13_500


def test_education_by_school_year():
    """Ensure children in 小学校 (born 2015-04-01: 6 on 2021-04-01) and 中学校 (born 2008-06-01: 12) add
    2,600 + 5,100 = 7,700, and a child born 2015-04-02 (5 on 2021-04-01) adds nothing that year."""
    members = [
        {"relation": "head", "birth_date": "1985-01-01"},
        {"relation": "child", "birth_date": "2015-04-01"},
        {"relation": "child", "birth_date": "2008-06-01"},
        {"relation": "child", "birth_date": "2015-04-02"},
    ]
    assert ml_of(members, "2021-06-01").education == 2_600 + 5_100


def test_high_school_counted_and_flagged():
    """Ensure a 16-year-old (born 2009-05-01, 15 on 2025-04-01) adds the 高等学校等就学費 5,300 with a note."""
    ml = ml_of(
        [{"relation": "head", "birth_date": "1985-01-01"}, {"relation": "child", "birth_date": "2009-05-01"}],
        "2025-10-01",
    )
    assert ml.education == 5_300
    assert any("高等学校等就学費" in n for n in ml.notes)


def test_long_inpatient_alone_counts_daily_needs_only():
    """Ensure a person alone in hospital since 2025-08-01 (more than 1 month on 2025-10-01) counts the
    入院患者日用品費 23,110 instead of the 生活扶助 77,240."""
    ml = ml_of(ALONE, "2025-10-01", medical={"inpatient": True, "patient": "本人", "since": "2025-08-01"})
    assert (ml.living, ml.inpatient_daily, ml.total) == (0, 23_110, 23_110)


def test_long_inpatient_leaves_the_rest_of_the_household():
    """Ensure a couple where the husband (1969-12-01) is in hospital since 2025-08-01 counts the wife
    (also 55: born 1969-12-01) alone at home, 77,240, plus his 入院患者日用品費 23,110 = 100,350."""
    members = [
        {"relation": "head", "name": "夫", "birth_date": "1969-12-01"},
        {"relation": "spouse", "name": "妻", "birth_date": "1969-12-01"},
    ]
    ml = ml_of(members, "2025-10-01", medical={"inpatient": True, "patient": "夫", "since": "2025-08-01"})
    assert ml.total == 77_240 + 23_110


def test_short_stay_stays_at_home_standard():
    """Ensure a stay from 2025-09-15 (its first month runs to 2025-10-15, not over on 2025-10-01) keeps
    the 居宅 生活扶助 77,240."""
    ml = ml_of(ALONE, "2025-10-01", medical={"inpatient": True, "patient": "本人", "since": "2025-09-15"})
    assert ml.total == 77_240


def test_derived_2026_table_shows_review():
    """Ensure the 2026-10 経過的加算 table is 'derived' with its derivation, and a check that reads it
    (生活保護 on 2026-12-01) says 要確認 naming it as computed."""
    v = next(
        x
        for x in parameter("minimum_living.living_2023.transitional").values
        if x.valid_from.isoformat() == "2026-10-01"
    )
    assert v.status == "derived" and "1,000円" in v.derivation
    r = run_check(
        "public_assistance",
        {
            "as_of": "2026-12-01",
            "members": ALONE,
            "finances": {"monthly_income": 0, "savings": 0, "monthly_rent": 0, "grade": "1級地-1"},
        },
    )
    assert r.needs_review and any("計算で導いた値" in x for x in r.reasons)


def test_derived_value_needs_its_derivation(tmp_path):
    """Ensure a derived value without a derivation is refused with a Japanese message."""
    f = tmp_path / "x.toml"
    f.write_text(
        '[a]\ndescription = "d"\nunit = "yen"\n[[a.values]]\nfrom = 2026-10-01\nvalue = 1\n'
        'status = "derived"\nsource = "s"\n',
        encoding="utf-8",
    )
    with pytest.raises(ParameterError, match="derivation"):
        _parse_file(f, tmp_path)
