"""非自発的失業 in the 7/5/2割 判定 (国保法施行令29条の7の2): the 30/100 counts on the 判定 day too."""

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules import statement
from kokuho_desk.rules.engine import run_checks

OSAKA_2025 = {
    "parts": {
        "medical": {"income_rate_percent": "9.30", "per_capita": 34424, "per_household": 33574, "cap": 650000},
        "support": {"income_rate_percent": "3.02", "per_capita": 11034, "per_household": 10761, "cap": 240000},
    }
}


def couple(separation="2025-06-30", joined="2025-07-01", code="11"):
    head = {
        "relation": "head",
        "name": "山田太郎",
        "birth_date": "1980-05-01",
        "insured": True,
        "joined_date": joined,
        "income": {"declared": True, "salary": 4000000},
        "unemployment": {"separation_date": separation, "reason_code": code},
    }
    spouse = {
        "relation": "spouse",
        "birth_date": "1982-05-01",
        "insured": True,
        "joined_date": joined,
        "income": {"declared": True, "salary": 0},
    }
    return case_from_dict({"as_of": "2025-08-01", "fiscal_year": 2025, "rates": OSAKA_2025, "members": [head, spouse]})


def test_job_loss_year_judged_on_joining_day_with_30_percent():
    """Ensure the couple joining on 2025-07-01 after a 2025-06-30 離職 (code 11) gets 5割.

    By hand (令和6年分 給与所得, 所得税法28条 table): 4,000,000 × 80% − 440,000 = 2,760,000;
    × 30/100 (施行令29条の7の2) = 828,000. Lines (大阪市 FY2025, 施行令29条の7第5項): 7割 430,000;
    5割 430,000 + 305,000 × 2 = 1,040,000. 430,000 < 828,000 ≤ 1,040,000 → 5割.
    """
    report = run_checks(couple())
    card = report.check("statutory_reduction")
    assert card.verdict == "eligible"
    assert card.figures["reduction"] == "5割"
    assert card.figures["judgement_income"] == 828000
    assert card.figures["lines"]["5割"] == 1040000
    text = "\n".join(card.reasons)
    assert "2,760,000円" in text and "30/100" in text and "828,000円" in text
    printed = statement.render(report)
    assert "山田太郎の給与所得 2,760,000円 を非自発的失業の軽減により30/100の828,000円 として判定" in printed
    assert "→ 5割軽減" in printed
    assert any("法定軽減もなしから5割に変わります" in x for x in report.check("unemployment_reduction").reasons)


def test_without_qualifying_code_no_reduction():
    """Ensure a code 40 (自己都合) job loss counts the full 2,760,000 > 2割 line 430,000 + 560,000 × 2
    = 1,550,000 → 軽減なし (the comparison that shows the 30/100 above is what gives the 5割)."""
    card = run_checks(couple(code="40")).check("statutory_reduction")
    assert card.figures["reduction"] == "なし" and card.figures["judgement_income"] == 2760000


def test_job_loss_after_the_judgement_day_is_announced():
    """Ensure a member in 国保 from April who loses the job on 2025-09-30 is judged on 4月1日 with the
    full 2,760,000 (なし), and the card says that from October (the month after the 離職日) the
    household is 5割 (828,000 ≤ 1,040,000)."""
    card = run_checks(couple(separation="2025-09-30", joined="2020-04-01")).check("statutory_reduction")
    assert card.figures["reduction"] == "なし"
    assert card.verdict == "eligible"  # October–March are reduced: not a refusal
    assert any("10月分からは非自発的失業の軽減" in r and "5割軽減" in r and "828,000円" in r for r in card.reasons)
