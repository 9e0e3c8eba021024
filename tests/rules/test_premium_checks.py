"""The four premium checks and the engine's report (verdicts, figures, notice comparison)."""

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules import engine
from kokuho_desk.rules.engine import run_checks

RATES = {
    "parts": {
        "medical": {"income_rate_percent": "9.30", "per_capita": 34424, "per_household": 33574, "cap": 650000},
        "support": {"income_rate_percent": "3.02", "per_capita": 11034, "per_household": 10761, "cap": 240000},
    }
}


def case(members, **extra):
    return case_from_dict({"as_of": "2025-06-01", "fiscal_year": 2025, "rates": RATES, "members": members, **extra})


def person(relation="head", birth="1985-01-01", salary=0, **extra):
    return {"relation": relation, "birth_date": birth, "income": {"declared": True, "salary": salary}, **extra}


def test_report_has_every_check_in_order():
    """Ensure run_checks runs every CHECK_MODULES entry in order and the JSON has format result-1."""
    report = run_checks(case([person()]))
    data = report.to_dict()
    assert data["format"] == "kokuho-desk/result-1"
    assert [c["id"] for c in data["checks"]] == list(engine.CHECK_MODULES)
    assert report.errors == []


def test_statutory_reduction_figures():
    """Ensure a one-person 7割 household gets eligible with the lines and the reduced amount."""
    result = run_checks(case([person(salary=800000)])).check("statutory_reduction")
    assert result.verdict == "eligible"
    assert result.figures["judgement_income"] == 250000 and result.figures["lines"]["7割"] == 430000
    assert result.figures["reduced_amount"] == (34424 + 33574 + 11034 + 10761) - (10327 + 10072 + 3310 + 3228)


def test_undeclared_shows_what_filing_gives():
    """Ensure 未申告 gives needs_info, names the field, and says the reduction filing would give."""
    members = [person(), {"relation": "spouse", "birth_date": "1986-01-01", "income": {"declared": False, "salary": 0}}]
    result = run_checks(case(members)).check("statutory_reduction")
    assert result.verdict == "needs_info"
    assert result.missing == ["members[1].income.declared"]
    assert result.figures["reduction_if_declared"] == "7割"
    assert result.next_actions


def test_child_reduction_preschool_and_planned_note():
    """Ensure a preschooler gives eligible with the amount, and a teenager triggers the 予定 note."""
    report = run_checks(case([person(), person("child", birth="2021-05-05"), person("child", birth="2012-05-05")]))
    result = report.check("child_reduction")
    assert result.verdict == "eligible"
    assert result.figures["annual_reduction"] == 10327 // 2 + 1 + 3310 // 2
    assert any(r.startswith("予定") for r in result.reasons)


def test_childbirth_exemption_amount():
    """Ensure the 産前産後 check reports the months and the amount exempted in the year."""
    mother = person(salary=3000000, childbirth={"expected_date": "2025-09-10"})
    result = run_checks(case([mother])).check("childbirth_exemption")
    assert result.verdict == "eligible" and result.figures["exempt_months"] == 4
    assert result.figures["exempt_amount"] == sum(x - x * 8 // 12 for x in (147870, 34424, 48018, 11034))


def test_unemployment_reduction_verdicts():
    """Ensure code 11 is eligible, code 40 not, and a missing code is needs_info."""

    def verdict(u):
        return run_checks(case([person(salary=3000000, unemployment=u)])).check("unemployment_reduction")

    good = verdict({"separation_date": "2024-10-31", "reason_code": "11"})
    assert good.verdict == "eligible" and good.figures["months"] == 12 and good.figures["reduced_amount"] > 0
    assert verdict({"separation_date": "2024-10-31", "reason_code": "40"}).verdict == "not_eligible"
    missing = verdict({"separation_date": "2024-10-31"})
    assert missing.verdict == "needs_info" and missing.missing == ["members[0].unemployment.reason_code"]


def test_notice_difference_names_the_missing_unemployment_reduction():
    """Ensure a notice equal to the premium without the 失業 reduction names that cause."""
    unemployed = person(salary=3000000, unemployment={"separation_date": "2024-10-31", "reason_code": "11"})
    plain = run_checks(case([person(salary=3000000)])).premium.total
    report = run_checks(case([unemployed], notice={"total": plain}))
    assert report.notice.difference == plain - report.premium.total > 0
    assert report.notice.matched == ["非自発的失業者の軽減（申請が必要）が適用されていない"]
    assert report.to_dict()["premium"]["notice_difference"]["difference"] == report.notice.difference


def test_a_check_that_raises_does_not_kill_the_report(monkeypatch):
    """Ensure a broken check module becomes needs_info and its error is kept in report.errors."""
    monkeypatch.setattr(engine, "CHECK_MODULES", ("statutory_reduction", "no_such_check"))
    report = run_checks(case([person()]))
    assert [c.verdict for c in report.checks][1] == "needs_info"
    assert len(report.errors) == 1 and "no_such_check" in report.errors[0]


def test_no_rates_still_judges_the_class():
    """Ensure without rates the premium is needs_info but the statutory reduction is still judged."""
    data = {"as_of": "2025-06-01", "members": [person(salary=800000)]}
    report = run_checks(case_from_dict(data))
    assert report.premium.total is None and report.premium.missing == ["municipality"]
    assert report.check("statutory_reduction").verdict == "eligible"
