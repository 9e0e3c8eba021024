"""Rescreen: judge cases again under other settings (today's rules, a what-if date, a planned
rule) and list the checks whose verdicts changed. Pure: cases in, changes out; the command
(kokuho_desk/commands/rescreen.py) reads the store and writes the new deadlines.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice

from kokuho_desk.heap import frozen_heap
from kokuho_desk.model.case import Case
from kokuho_desk.model.formatting import yen
from kokuho_desk.model.judgement import VerdictSummary
from kokuho_desk.rules import desk_rates
from kokuho_desk.rules.context import PROVISIONAL
from kokuho_desk.rules.engine import CheckReport, run_checks
from kokuho_desk.rules.result import VERDICT_LABELS, CheckResult


@dataclass(frozen=True)
class Settings:
    """How to judge: on a day (None: the case's own as_of, i.e. as it was judged) with what-if
    switches, for a 賦課年度 (None: each case's own; a what-if about a later year's law sets it)."""

    as_of: date | None = None
    what_if: frozenset[str] = field(default_factory=frozenset)
    fiscal_year: int | None = None
    provisional: bool | None = None  # earlier years' figures where a year has none (None: under a what-if)


@dataclass(frozen=True)
class Change:
    """A verdict that differs from the one last shown for a case."""

    case_id: int
    check_id: str
    before: str  # verdict
    after: str
    result: CheckResult  # the check as judged now (reasons, next actions)

    def describe(self) -> str:
        return f"ケース{self.case_id} {self.result.title}: {VERDICT_LABELS[self.before]} → {self.result.verdict_label}"


@dataclass(frozen=True)
class PremiumChange:
    """The recomputed premium differs (listed only where both sides were computed in this run)."""

    case_id: int
    before: int
    after: int
    provisional: bool  # computed with an earlier year's rates or law values (要確認)

    def describe(self) -> str:
        diff = self.after - self.before
        way = f"{yen(-diff)} 少なく" if diff < 0 else f"{yen(diff)} 多く"
        note = "（仮の計算・要確認）" if self.provisional else ""
        return f"ケース{self.case_id} 保険料（年額の試算）: {yen(self.before)} → {yen(self.after)}（{way}）{note}"


@dataclass
class Rescreen:
    """What a rescreen found: the changed verdicts, the judgements made for the first time, the premiums that changed."""

    changes: list[Change]
    judged: dict[int, VerdictSummary]  # "as judged" judgements made now because none was known (to keep)
    premiums: list[PremiumChange] = field(default_factory=list)


def _report(case: Case, settings: Settings) -> CheckReport:
    """The case judged under `settings`: verdicts and figures only (CheckReport.explained adds the rest)."""
    if settings.fiscal_year is not None and settings.fiscal_year != case.effective_fiscal_year:
        case = replace(case, fiscal_year=settings.fiscal_year)
    return run_checks(case, settings.as_of or case.as_of, settings.what_if, settings.provisional, explain=False)


def _compare(
    case_id: int, case: Case, known: VerdictSummary | None, before: Settings, after: Settings
) -> tuple[list[Change], VerdictSummary | None, PremiumChange | None]:
    made = old_premium = None
    if known is None:
        report = _report(case, before)
        known = made = report.judgement()
        old_premium = report.premium
    now = _report(case, after)
    old = known.verdicts
    # Bulk judgement builds no reasons; a check whose verdict changed is explained (on the same
    # context) so the change carries its reasons and next steps.
    changes = [
        Change(case_id, res.id, old[res.id], res.verdict, now.explained(res.id))
        for res in now.checks
        if res.id in old and old[res.id] != res.verdict
    ]
    premium_change = None
    new_premium = now.premium
    old_total = old_premium.total if old_premium is not None else None
    new_total = new_premium.total if new_premium is not None else None
    if new_premium is not None and old_total is not None and new_total is not None and old_total != new_total:
        rates = new_premium.rates
        premium_change = PremiumChange(
            case_id,
            old_total,
            new_total,
            any(v.status == PROVISIONAL for v in new_premium.read)
            or (rates is not None and rates.status != "verified"),
        )
    return changes, made, premium_change


Item = tuple[int, Case, VerdictSummary | None]

# The items of the running rescreen, set before its worker processes are forked (Linux), which
# then inherit them: a job names a range of them instead of carrying pickled cases.
_inherited: list[Item] = []


def _chunk(args: tuple[list[Item] | range, Settings, Settings]) -> Rescreen:
    items, before, after = args
    if isinstance(items, range):
        items = _inherited[items.start : items.stop]
    result = Rescreen([], {})
    for case_id, case, known in items:
        found, made, premium_change = _compare(case_id, case, known, before, after)
        result.changes += found
        if made is not None:
            result.judged[case_id] = made
        if premium_change is not None:
            result.premiums.append(premium_change)
    return result


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def rescreen(
    cases: Iterable[tuple[int, Case]],
    after: Settings,
    before: Settings = Settings(),
    workers: int = 1,
    batch: int = 500,
    known: Mapping[int, VerdictSummary] | None = None,
) -> Rescreen:
    """Every check whose verdict differs between `before` (default: as the case was judged) and
    `after`, in case order. `known` holds judgements already made under `before` (the store keeps
    them: the verdicts as last shown), so those cases are judged once. workers > 1 judges
    batches in separate processes."""
    global _inherited
    known = known or {}
    items = ((case_id, case, known.get(case_id)) for case_id, case in cases)
    if workers <= 1:
        return _chunk((list(items), before, after))
    result = Rescreen([], {})
    fork = multiprocessing.get_start_method() == "fork"
    if fork:
        _inherited = list(items)
        jobs: Iterable[range | list[Item]] = (
            range(i, min(i + batch, len(_inherited))) for i in range(0, len(_inherited), batch)
        )
    else:
        jobs = _batches(items, batch)
    # Forked workers inherit every case already read; frozen, the collector does not walk them
    # again in each worker (at 100,000 cases the walks cost about a seventh of the run).
    # The desk's own rate tables are installed in each worker: a spawned one inherits nothing.
    try:
        with (
            frozen_heap(),
            ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context(),
                initializer=desk_rates.install,
                initargs=(desk_rates.installed(),),
            ) as pool,
        ):
            for part in pool.map(_chunk, ((job, before, after) for job in jobs)):
                result.changes += part.changes
                result.judged |= part.judged
                result.premiums += part.premiums
    finally:
        _inherited = []
    return result
