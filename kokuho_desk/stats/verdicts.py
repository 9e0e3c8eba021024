"""The rules engine's judgement of a case, reduced to what statistics keep: the statutory
reduction class, one verdict per check id and the amounts put in bands (no reasons)."""

from __future__ import annotations

from kokuho_desk.model.case import Case
from kokuho_desk.model.judgement import VerdictSummary
from kokuho_desk.rules.engine import run_checks


def judge(case: Case) -> VerdictSummary:
    return run_checks(case, explain=False).judgement()  # verdicts and figures only (rules.engine.judge)
