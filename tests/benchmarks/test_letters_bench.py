"""Letters: a one-page letter ≤ 100 ms median with the font loaded; 100 letters ≤ 10 s."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from kokuho_desk.demo import demo_cases
from kokuho_desk.letters import make_letter
from kokuho_desk.letters.fonts import load_fonts
from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.engine import run_checks
from tests.letters.helpers import CASE, CHECKS, PREMIUM, TODAY, FakeReport


@pytest.fixture(scope="module", autouse=True)
def fonts_loaded():
    load_fonts()


@pytest.mark.parametrize("kind", ["certificate", "premium-statement", "consultation-record"])
def test_one_page_letter(benchmark, kind):
    """Ensure a one-page letter renders in ≤ 100 ms (median) once the font is loaded."""
    case = case_from_dict(copy.deepcopy(CASE))
    report = FakeReport(copy.deepcopy(CHECKS), copy.deepcopy(PREMIUM))
    pdf = benchmark(make_letter, kind, case, report, today=TODAY)
    assert pdf.startswith(b"%PDF")
    assert benchmark.stats.stats.median <= 0.100


def test_hundred_letters(benchmark):
    """Ensure 100 letters for demo cases (checks included) take ≤ 10 s."""
    cases = demo_cases(50, today=date(2025, 11, 23))
    kinds = ["copayment-relief", "consultation-record"]

    def run():
        return [make_letter(kind, case, run_checks(case), today=TODAY) for case in cases for kind in kinds]

    pdfs = benchmark.pedantic(run, rounds=1, iterations=1)
    assert len(pdfs) == 100
    assert benchmark.stats.stats.max <= 10.0
