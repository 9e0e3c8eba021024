"""Rescreen: judge cases again under other settings (today's rules, a what-if date, a planned
rule) and list the checks whose verdicts changed. Pure: cases in, changes out; the command
(kokuho_desk/commands/rescreen.py) reads the store and writes the new deadlines.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Iterable, Iterator

from kokuho_desk.model.case import Case
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.rules.result import VERDICT_LABELS, CheckResult


@dataclass(frozen=True)
class Settings:
    """How to judge: on a day (None: the case's own as_of, i.e. as it was judged) with what-if switches."""

    as_of: date | None = None
    what_if: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Change:
    case_id: int
    check_id: str
    before: str  # verdict
    after: str
    result: CheckResult  # the check as judged now (reasons, next actions)

    def describe(self) -> str:
        return (f"ケース{self.case_id} {self.result.title}: {VERDICT_LABELS[self.before]} → "
                f"{self.result.verdict_label}")


def _verdicts(case: Case, settings: Settings) -> dict[str, CheckResult]:
    report = run_checks(case, settings.as_of or case.as_of, settings.what_if)
    return {c.id: c for c in report.checks}


def _compare(case_id: int, case: Case, before: Settings, after: Settings) -> list[Change]:
    old = _verdicts(case, before)
    new = _verdicts(case, after)
    return [Change(case_id, cid, old[cid].verdict, res.verdict, res)
            for cid, res in new.items() if cid in old and old[cid].verdict != res.verdict]


def _chunk(args: tuple[list[tuple[int, Case]], Settings, Settings]) -> list[Change]:
    cases, before, after = args
    return [c for case_id, case in cases for c in _compare(case_id, case, before, after)]


def _batches(cases: Iterable[tuple[int, Case]], size: int) -> Iterator[list[tuple[int, Case]]]:
    it = iter(cases)
    while batch := list(islice(it, size)):
        yield batch


def rescreen(cases: Iterable[tuple[int, Case]], after: Settings, before: Settings = Settings(),
             workers: int = 1, batch: int = 500) -> list[Change]:
    """Every check whose verdict differs between `before` (default: as the case was judged) and
    `after`, in case order. workers > 1 judges batches in separate processes."""
    if workers <= 1:
        return _chunk((list(cases), before, after))
    with ProcessPoolExecutor(workers) as pool:
        jobs = ((b, before, after) for b in _batches(cases, batch))
        return [c for changes in pool.map(_chunk, jobs) for c in changes]
