"""The 計算書 a client can check with a calculator: the difference from the notice first, months where
the year splits, every reduction named."""

from __future__ import annotations

import copy
import json

from kokuho_desk.letters import make_letter
from kokuho_desk.letters.context import build_context
from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.rules.statement import render
from tests.conftest import example_path
from tests.letters.helpers import CASE, TODAY, pdf_text


def _example(**changes):
    case = json.loads(example_path("osaka-city-2022-family-2wari").read_text(encoding="utf-8"))["case"]
    case.update(changes)
    return case


def test_months_are_shown_where_the_year_splits():
    """Ensure a member who joined on 令和4年10月1日 (6 months: October–March) has lines that check with a
    calculator: 均等割 27,488円 × 6/12 = 13,744円 (医療分), 8,967円 × 6/12 = 4,483.5 → 4,483円 (支援分)."""
    data = _example()
    data["members"][1]["joined_date"] = "2022-10-01"
    text = render(run_checks(case_from_dict(data)))
    assert "均等割 見本 花子: 27,488円 × 6/12か月 = 13,744円" in text
    assert "均等割 見本 花子: 8,967円 × 6/12か月 = 4,483円" in text
    assert "所得割 見本 花子: 0円 × 8.59% = 0円 × 6/12か月 = 0円" in text


def test_unemployment_reduction_is_named_in_the_statement_letter(case_dict):
    """Ensure a head who lost his job (離職理由コード 11, 令和7年3月31日) has 非自発的失業 named among the
    reductions the recomputed total applies, on the 計算書 letter, with no 要確認 inside its tables."""
    case_dict["members"][0]["unemployment"] = {"separation_date": "2025-03-31", "reason_code": "11"}
    case = case_from_dict(case_dict)
    report = run_checks(case)
    ctx = build_context(case, report, "statutory_reduction", today=TODAY)
    assert "非自発的失業" in ctx.fields["premium_reductions_applied"]
    text = pdf_text(make_letter("premium-statement", case, report, today=TODAY))
    assert "再計算で適用した軽減" in text and "非自発的失業" in text
    assert "円（要確認）" not in text  # a figure needing review carries ※; the footnote says 要確認


def test_notice_difference_opens_the_statement_letter():
    """Ensure the 計算書 letter opens with the difference in plain words: notice 120,000円 against the
    recomputation — 「通知書の額は再計算より ○円多く(少なく)なっています」 with ○ = |120,000 − total|."""
    case = case_from_dict(copy.deepcopy(CASE))
    report = run_checks(case)
    total = report.premium.total
    text = pdf_text(make_letter("premium-statement", case, report, today=TODAY))
    word = "多く" if total < 120_000 else "少なく"
    expected = f"通知書の額は再計算より{abs(120_000 - total):,}円{word}なっています。"
    assert expected in text
    assert text.index(expected) < text.index("世帯主")
