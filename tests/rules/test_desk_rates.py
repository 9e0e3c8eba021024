"""Desk-entered rate tables (rules/desk_rates.py): used only after the case's inline rates and a
bundled profile year, and shown everywhere as 「相談窓口で入力した料率」."""

import multiprocessing
from dataclasses import replace

import pytest

from kokuho_desk.letters import make_letter
from kokuho_desk.model.case import Income
from kokuho_desk.model.judgement import VerdictSummary
from kokuho_desk.rules import desk_rates
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.rules.municipality import ProfileError
from kokuho_desk.rules.rescreen import Settings, rescreen
from kokuho_desk.rules.statement import render
from tests.desk_rate_samples import CHICHIBU, CHICHIBU_TOTAL, CHICHIBU_YEAR, household
from tests.letters.helpers import pdf_text, squash


@pytest.fixture(autouse=True)
def no_desk_tables():
    desk_rates.install([])
    yield
    desk_rates.install([])


def test_without_a_desk_table_the_premium_cannot_be_computed():
    """Ensure a municipality without a profile or desk table has no premium and asks for rates."""
    p = run_checks(household()).premium
    assert p.total is None and p.missing == ["rates"]


def test_a_desk_table_gives_the_premium_labelled_as_desk_entered():
    """Ensure the installed 秩父市 FY2026 table gives 270,600円 (hand computation in
    tests/desk_rate_samples.py), marked 要確認 and labelled in the 計算書."""
    desk_rates.install([CHICHIBU])
    report = run_checks(household())
    p = report.premium
    assert p.total == CHICHIBU_TOTAL
    assert {k: v.total for k, v in p.parts.items()} == {"medical": 197_000, "support": 66_000, "child": 7_600}
    assert p.rates.status == "desk" and p.needs_review
    assert p.to_dict()["rates"] == "秩父市 令和8年度 相談窓口で入力した料率（通知書から）"
    text = render(report)
    assert "料率 秩父市 令和8年度 相談窓口で入力した料率（通知書から）" in text
    assert "要確認: 料率は相談窓口で入力した料率（通知書から）です。確認済みのデータではありません" in text
    assert "■ 年間保険料 合計 270,600円" in text


def test_a_url_source_is_shown_with_the_label():
    """Ensure a table entered from the city's page shows that page as its source."""
    url = "https://www.city.chichibu.lg.jp/kokuho/hokenryo.html"
    desk_rates.install([replace(CHICHIBU, source=url)])
    text = render(run_checks(household()))
    assert f"相談窓口で入力した料率（{url}）" in text


def test_the_letter_shows_the_desk_label():
    """Ensure the 計算書 letter (PDF) names the rates as desk-entered, with their source."""
    desk_rates.install([CHICHIBU])
    case = household()
    text = squash(pdf_text(make_letter("premium-statement", case, run_checks(case))))
    assert "相談窓口で入力した料率（通知書から）" in text
    assert "270,600" in text


def test_a_desk_table_applies_only_to_its_year():
    """Ensure the FY2026 table is not used for FY2025."""
    desk_rates.install([CHICHIBU])
    assert run_checks(household(fiscal_year=2025)).premium.total is None


def test_a_bundled_year_wins_over_a_desk_table():
    """Ensure 防府市 FY2025 uses the bundled profile, not a desk table for the same year.

    防府市 令和7年度 (bundled, hofu.toml): 旧ただし書き所得 2,000,000円, 軽減なし, 1人・3方式
      医療分 2,000,000 × 8.3% = 166,000 + 30,200 + 26,400 = 222,600円
      支援分 2,000,000 × 1.7% =  34,000 +  6,300 +  5,400 =  45,700円   → 268,300円
    """
    desk_rates.install([replace(CHICHIBU, municipality="防府市", fiscal_year=2025)])
    p = run_checks(household("防府市", 2025)).premium
    assert p.total == 268_300
    assert p.rates.origin == "防府市 令和7年度" and p.rates.status == "verified"


def test_a_desk_table_fills_a_year_the_bundled_profile_lacks():
    """Ensure 防府市 FY2026 (not bundled) uses the desk table, found by the profile's alias too."""
    desk_rates.install([replace(CHICHIBU, municipality="防府市")])
    for name in ("防府市", "山口県防府市"):
        p = run_checks(household(name, 2026)).premium
        assert p.total == CHICHIBU_TOTAL and p.rates.status == "desk"


def test_inline_case_rates_win_over_a_desk_table():
    """Ensure the case file's own rates win: 医療分 only, 10%, no 均等割/平等割 → 2,000,000 × 10% = 200,000円."""
    desk_rates.install([CHICHIBU])
    inline = {
        "parts": {"medical": {"income_rate_percent": "10", "per_capita": 0, "per_household": 0, "cap": 1_000_000}}
    }
    p = run_checks(household(rates=inline)).premium
    assert p.total == 200_000 and p.rates.origin == "ケースファイルの料率"


def test_spawned_rescreen_workers_judge_with_the_installed_tables(monkeypatch):
    """Ensure rescreen's worker processes get the desk tables even when spawned (Windows), where
    nothing is inherited: the 未申告 household's 法定軽減 result carries the premium if it filed
    (total_if_declared), which exists only when the worker had the rates."""
    desk_rates.install([CHICHIBU])
    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda *a, **k: "spawn")
    monkeypatch.setattr(multiprocessing, "get_context", lambda *a, **k: spawn)
    case = household()
    case.members[0].income = Income(declared=False, business=0)
    said_before = VerdictSummary("なし", {"statutory_reduction": "eligible"})
    result = rescreen([(1, case), (2, case)], Settings(), workers=2, batch=1, known={1: said_before, 2: said_before})
    assert [c.case_id for c in result.changes] == [1, 2]
    assert all("total_if_declared" in c.result.figures for c in result.changes)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"medical": {**CHICHIBU_YEAR["medical"], "income_rate_percent": "百"}}, "medical.income_rate_percent"),
        ({"support": {k: v for k, v in CHICHIBU_YEAR["support"].items() if k != "cap"}}, "support.cap"),
        ({"dental": CHICHIBU_YEAR["medical"]}, "dental"),
        ({"method": "4方式"}, "method"),
        ({"rounding": 5}, "rounding"),
    ],
)
def test_a_malformed_table_is_refused_naming_the_field(change, field):
    """Ensure check() refuses a bad table with a Japanese message naming the field."""
    with pytest.raises(ProfileError, match=field.replace(".", r"\.")):
        desk_rates.check(replace(CHICHIBU, year={**CHICHIBU_YEAR, **change}))
