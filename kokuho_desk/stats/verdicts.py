"""The rules engine's judgement of a case, reduced to what statistics keep: the
statutory reduction class and one verdict per check id (no reasons, no figures)."""

from __future__ import annotations

from kokuho_desk.model.case import Case
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.stats.record import Judgement


def judge(case: Case) -> Judgement:
    report = run_checks(case)
    premium = report.premium
    return Judgement(reduction=premium.reduction if premium is not None else None,
                     verdicts={c.id: c.verdict for c in report.checks})
