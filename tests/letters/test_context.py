"""Missing facts stay blank; figures and totals are never guessed."""

from __future__ import annotations

from datetime import date

import pytest

from kokuho_desk.letters import DeskInfo, make_letter
from kokuho_desk.letters.context import BLANK, build_context
from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.municipality import RateTable
from tests.letters.helpers import TODAY, FakeReport, pdf_text

MINIMAL = {
    "format": "kokuho-desk/case-1",
    "as_of": "2025-11-20",
    "members": [{"relation": "head", "name": "見本 一郎"}],
}


@pytest.fixture
def minimal():
    return case_from_dict(MINIMAL)


def test_missing_facts_are_blank(minimal):
    """Ensure every fact the case lacks is BLANK, not 0 or a default."""
    ctx = build_context(minimal, None, "copayment_relief", today=TODAY)
    for key in (
        "address",
        "postal_code",
        "phone",
        "savings",
        "monthly_income",
        "patient",
        "medical_institution",
        "addressee",
        "municipality",
        "head_birth_date",
        "arrears_total",
        "protected_amount",
        "premium_total",
        "insurance_number",
        "hardship_reasons",
    ):
        assert ctx.fields[key] == BLANK, key
    assert ctx.lists["reasons"] == []
    assert ctx.tables["arrears"] == []


@pytest.mark.parametrize(
    "kind", ["copayment-relief", "enforcement-suspension", "special-care-benefit", "seizure-release", "premium-relief"]
)
def test_blank_lines_print_instead_of_guesses(minimal, kind):
    """Ensure a letter for a bare case prints lines to write on and no invented amount."""
    text = pdf_text(make_letter(kind, minimal, FakeReport([]), today=TODAY))
    assert "＿" * 10 in text
    assert "見本一郎" in text
    assert "0円" not in text


def test_partial_total_is_left_blank(case_dict):
    """Ensure the arrears total is blank when one year's amount is unknown."""
    case_dict["arrears"][1]["amount"] = None
    ctx = build_context(case_from_dict(case_dict), None, None, today=TODAY)
    assert ctx.fields["arrears_total"] == BLANK
    assert ctx.fields["late_fee_total"] == "6,000円"


def test_dates_print_in_wareki(case):
    """Ensure today, the consultation day and birth dates print in 和暦."""
    ctx = build_context(case, None, None, today=date(2019, 5, 1))
    assert ctx.fields["today"] == "令和元年5月1日"
    assert ctx.fields["as_of"] == "令和7年11月20日"
    assert ctx.tables["members"][0]["birth_date"] == "昭和43年4月10日"


def test_group_profile_leaves_the_place_blank(case_dict):
    """Ensure a group profile's generic 宛先 (区長) gets a blank for the place, never a guessed ward."""
    case_dict["municipality"] = "tokyo-23"
    ctx = build_context(case_from_dict(case_dict), None, None, today=TODAY)
    assert ctx.fields["addressee"] == BLANK + "区長"


def test_unknown_municipality_leaves_addressee_blank(case_dict):
    """Ensure a municipality without a profile leaves the 宛先 blank."""
    case_dict["municipality"] = "架空村"
    ctx = build_context(case_from_dict(case_dict), None, None, today=TODAY)
    assert ctx.fields["addressee"] == BLANK


def test_review_mark_on_premium(case, report):
    """Ensure the premium prints with ※ (the footnote says 要確認) when the statutory_reduction check needs
    review — never 「（要確認）」 inside a table cell — and the 相談記録票 lists what to check."""
    report.checks[0].needs_review = True
    ctx = build_context(case, report, "statutory_reduction", today=TODAY)
    assert ctx.fields["premium_total"] == "118,500円※"
    assert ctx.tables["premium_parts"][0]["total"] == "85,000円※"
    assert any(note.startswith("法定軽減（7割・5割・2割）: 確認中の数値") for note in ctx.lists["review_notes"])


def test_desk_prints_on_the_consultation_record(case, report):
    """Ensure the desk's name and contact from the settings print on the 相談記録票."""
    pdf = make_letter(
        "consultation-record",
        case,
        report,
        today=TODAY,
        desk=DeskInfo(name="見本市生活と健康を守る会", contact="000-0000-0000"),
    )
    text = pdf_text(pdf)
    assert "見本市生活と健康を守る会" in text and "000-0000-0000" in text


def test_premium_fields_are_read_from_the_recomputed_result(case, report):
    """Ensure the letters take the premium from the engine's result by its attributes: the total
    118,500円 and the 医療分 row (40,000 + 30,000 + 15,000 = 85,000円) without ※ when nothing needs
    review, the rate table's name, the applied reduction, and the reasons without the 要確認 ones."""
    report.premium.rates = RateTable({}, origin="大阪府統一 令和7年度")
    report.premium.reasons = ["前年の所得により5割軽減です", "要確認: 月割の端数処理"]
    ctx = build_context(case, report, "statutory_reduction", today=TODAY)
    assert ctx.fields["premium_total"] == "118,500円"
    assert ctx.fields["premium_reduction"] == "5割"
    assert ctx.fields["premium_rates"] == "大阪府統一 令和7年度"
    assert ctx.tables["premium_parts"][0] == {
        "part": "医療分",
        "income_based": "40,000円",
        "per_capita": "30,000円",
        "per_household": "15,000円",
        "total": "85,000円",
    }
    assert ctx.lists["premium_reasons"] == ["前年の所得により5割軽減です"]
    assert ctx.fields["notice_difference"] == "通知書の額は再計算より 1,500円多くなっています。"
    assert ctx.fields["premium_reductions_applied"] == "5割軽減"
