"""The verdict-only path (rules.engine.judge, used by rescreen and statistics) gives exactly what the
full path gives: the statutory reduction class, every check's verdict and the banded figures.

A property over the demo's cases (as judged, a year later, and under each planned rule) and the
fuzz generator's cases (tests/security/test_fuzz.py, those the parser accepts): 500 in the default
run, 10,000 in the thorough run.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from kokuho_desk.demo import demo_cases
from kokuho_desk.model.case import Case
from kokuho_desk.rules.checks import CHECK_MODULES
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.engine import judge, run_checks
from tests.security.test_fuzz import _parse, case_files

DEMO = demo_cases(today=date(2025, 6, 2)) + demo_cases(200, today=date(2026, 10, 1), seed=7)
# The day each case was judged on; a year on (next year's law, earlier figures where there are none
# yet); and each planned rule switched on (the what-if rescreen).
SETTINGS = [
    (None, frozenset(), None),
    (date(2027, 6, 1), frozenset(), True),
    (date(2027, 6, 1), frozenset({"child_reduction_2027"}), None),
    (None, frozenset({"seizure_base_107000"}), None),
]


def _same(case: Case, as_of: date | None = None, what_if: frozenset[str] = frozenset(), provisional=None) -> None:
    full = run_checks(case, as_of, what_if, provisional)
    quick = judge(case, as_of, what_if, provisional)
    expected = full.judgement()
    assert (quick.reduction, quick.verdicts, quick.figures) == (expected.reduction, expected.verdicts, expected.figures)
    assert list(quick.verdicts) == list(CHECK_MODULES)


@pytest.mark.parametrize("as_of, what_if, provisional", SETTINGS)
def test_demo_cases_judged_alike(as_of, what_if, provisional):
    """Ensure judge() equals the full report's judgement for each of the 248 demo cases, under each setting."""
    for case in DEMO:
        _same(case, as_of, what_if, provisional)


def test_judge_computes_the_premium_once(monkeypatch):
    """Ensure bulk judgement computes the premium once per case: 248 demo cases, 248 computations,
    while the full path also computes the variants that explain a reduction (軽減がなければ…)."""
    computed = []
    original = CheckContext.memo

    def counted(self, key, compute):
        if isinstance(key, tuple) and key[0] == "premium" and key not in self._memo:  # a premium, not its rates
            computed.append(key)
        return original(self, key, compute)

    monkeypatch.setattr(CheckContext, "memo", counted)
    for case in DEMO:
        judge(case)
    assert len(computed) == len(DEMO)
    computed.clear()
    for case in DEMO:
        run_checks(case)
    assert len(computed) > len(DEMO)


def test_judge_builds_no_reasons():
    """Ensure the verdict-only report carries no reasons or sources (that is the time it saves)."""
    report = run_checks(DEMO[0], explain=False)
    assert all(not c.reasons and not c.basis for c in report.checks)
    assert any(c.reasons for c in run_checks(DEMO[0]).checks)


def test_a_verdict_only_report_explains_a_check_as_the_full_report_does():
    """Ensure CheckReport.explained (what rescreen shows for a changed verdict) gives each check of
    the 248 demo cases exactly as the full report does: reasons, sources, figures, next steps."""
    for case in DEMO:
        quick, full = run_checks(case, explain=False), run_checks(case)
        for check_id in CHECK_MODULES:
            assert quick.explained(check_id).to_dict() == full.check(check_id).to_dict(), check_id


# Generated case files the parser accepts (about a quarter of them: the rest are refused, which
# tests/security/test_fuzz.py covers); each example counted below is a case judged both ways.
judged_cases = case_files().map(_parse).filter(lambda case: case is not None)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(judged_cases)
def test_500_generated_cases_judged_alike(case):
    """Ensure judge() equals the full report's judgement for 500 generated cases."""
    _same(case)


@pytest.mark.thorough
@settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(judged_cases)
def test_10000_generated_cases_judged_alike(case):
    """Ensure judge() equals the full report's judgement for 10,000 generated cases (thorough run)."""
    _same(case)
