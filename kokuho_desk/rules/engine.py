"""The one way to run the rules on a case: the premium, then every check of CHECK_MODULES in order.
Bulk work (rescreen, statistics) calls ``judge``: the same verdicts and figures, no reasons.

``run_checks(case).to_dict()`` is the ``kokuho-desk check --json`` result (case-format.md,
``kokuho-desk/result-1``). A check module that raises does not kill the report: its result
becomes needs_info with a Japanese reason, and the error is kept in ``report.errors`` (tests
assert it is empty; the CLI prints it on stderr).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

from kokuho_desk.model.case import Case
from kokuho_desk.model.judgement import VerdictSummary
from kokuho_desk.rules.checks import CHECK_MODULES
from kokuho_desk.rules.context import CheckContext
from kokuho_desk.rules.notice import NoticeComparison, compare_notice
from kokuho_desk.rules.params import ParameterError
from kokuho_desk.rules.premium import PremiumResult, premium
from kokuho_desk.rules.result import CheckResult

RESULT_FORMAT = "kokuho-desk/result-1"


@dataclass
class CheckReport:
    """Every check of a case judged on a day: the premium, the notice compared with it and the 13 verdicts."""

    case: Case
    as_of: date
    what_if: frozenset[str]
    premium: PremiumResult | None
    notice: NoticeComparison | None
    checks: list[CheckResult]
    errors: list[str] = field(default_factory=list)  # internal errors (tracebacks), never expected
    context: CheckContext | None = field(default=None, repr=False, compare=False)

    def check(self, check_id: str) -> CheckResult:
        return next(c for c in self.checks if c.id == check_id)

    def explained(self, check_id: str) -> CheckResult:
        """The check with its reasons, sources and next steps. A verdict-only report judges it again
        on its own context, so the premium and the facts the checks share are not computed again."""
        if self.context is None or self.context.explain:
            return self.check(check_id)
        return _run(check_id, replace(self.context, explain=True), self.errors)

    def judgement(self) -> VerdictSummary:
        """The verdicts in short, as the store keeps them and statistics count them."""
        return VerdictSummary(
            self.premium.reduction if self.premium is not None else None,
            {c.id: c.verdict for c in self.checks},
            self.figures(),
        )

    def figures(self) -> dict[str, Any]:
        """The amounts statistics put in bands: the recomputed total, the notice's difference, the
        均等割 of each member (summed over the parts)."""
        p = self.premium
        per_capita = [0] * len(self.case.members)
        for part in p.parts.values() if p is not None else ():
            for line in part.members:
                per_capita[line.index] += line.per_capita
        return {
            "premium_total": p.total if p is not None else None,
            "notice_difference": self.notice.difference if self.notice is not None else None,
            "per_capita": per_capita if p is not None and p.total is not None else None,
        }

    def to_dict(self) -> dict[str, Any]:
        prem = None
        if self.premium is not None:
            prem = self.premium.to_dict()
            prem["notice_difference"] = self.notice.to_dict() if self.notice else None
        return {"format": RESULT_FORMAT, "premium": prem, "checks": [c.to_dict() for c in self.checks]}


@cache
def _module(check_id: str):
    return importlib.import_module(f"kokuho_desk.rules.checks.{check_id}")


def check_title(check_id: str) -> str:
    """The title a check's verdict is shown under (「時効（国民健康保険法第110条…）」)."""
    return _module(check_id).TITLE


def _failed(check_id: str, reason: str) -> CheckResult:
    try:
        title = _module(check_id).TITLE
    except Exception:  # noqa: BLE001 — the module itself may be what is broken
        title = check_id
    return CheckResult(check_id, "needs_info", title, reasons=[reason], needs_review=True)


def run_checks(
    case: Case,
    as_of: date | None = None,
    what_if: frozenset[str] = frozenset(),
    provisional: bool | None = None,
    *,
    explain: bool = True,
) -> CheckReport:
    """`provisional`: see CheckContext (None: on exactly under a what-if switch). `explain=False`:
    the same verdicts and figures, without reasons and sources (see judge)."""
    ctx = CheckContext.for_case(case, as_of, what_if, provisional, explain)
    errors: list[str] = []
    try:
        prem = premium(ctx)
        notice = compare_notice(ctx)
    except Exception:  # noqa: BLE001 — report it, and still run the checks
        import traceback  # only on this path: its import costs every `check` 1.5 ms

        errors.append(traceback.format_exc())
        prem, notice = None, None
    checks = [_run(check_id, ctx, errors) for check_id in CHECK_MODULES]
    return CheckReport(case, ctx.as_of, ctx.what_if, prem, notice, checks, errors, ctx)


def _run(check_id: str, ctx: CheckContext, errors: list[str]) -> CheckResult:
    """One check; a module that raises gives needs_info with a Japanese reason (the traceback goes
    to `errors`)."""
    try:
        return _module(check_id).check(ctx)
    except ParameterError as e:  # the law data has no value for this year: not a bug
        return _failed(check_id, f"制度のデータがないため判定できません: {e}")
    except Exception:  # noqa: BLE001
        import traceback  # only on this path (run_checks)

        errors.append(f"{check_id}: {traceback.format_exc()}")
        return _failed(check_id, "内部エラーのため判定できませんでした（開発者に知らせてください）")


def judge(
    case: Case, as_of: date | None = None, what_if: frozenset[str] = frozenset(), provisional: bool | None = None
) -> VerdictSummary:
    """The verdicts and figures only, for bulk work (rescreen, statistics, what-if): the checks
    run without building reasons or the premium variants that explain them, so the premium is
    computed once. Equal to ``run_checks(...).judgement()`` (tests/rules/test_judge.py)."""
    return run_checks(case, as_of, what_if, provisional, explain=False).judgement()
