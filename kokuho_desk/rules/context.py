"""The context a check runs in: the case, the day of judgement, the what-if switches,
and a tracing accessor to the law so that every verdict cites what it read.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from kokuho_desk.model.case import Case, fiscal_year_of
from kokuho_desk.model.wareki import fiscal_year_label
from kokuho_desk.rules.params import ParameterError, Value, parameter, value_at

# A value taken from an earlier year because the year judged has none yet (what-if mode only).
PROVISIONAL = "provisional"


@dataclass
class CheckContext:
    """What checks run in: the case, the day of judgement, the what-if switches and what is computed once per case."""

    case: Case
    as_of: date
    what_if: frozenset[str] = frozenset()
    # What-if mode: a year the law data does not reach yet is computed with the newest earlier
    # year's figures (rates and law values), each marked 要確認 (provisional_value).
    provisional: bool = False
    # Off for bulk judgement (rescreen, statistics): the checks give the same verdicts and figures
    # but build no reasons, sources or the premium variants that only explain (軽減がなければ…).
    explain: bool = True
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def for_case(
        cls,
        case: Case,
        as_of: date | None = None,
        what_if: frozenset[str] | set[str] = frozenset(),
        provisional: bool | None = None,
        explain: bool = True,
    ) -> CheckContext:
        """`provisional` defaults to on exactly when a what-if switch is."""
        return cls(
            case,
            as_of or case.as_of,
            frozenset(what_if),
            bool(what_if) if provisional is None else provisional,
            explain,
        )

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """Compute once per context (the premium is shared by several checks)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


class Trace:
    """Reads parameters for one result and remembers them (sources, unverified ones).

    Look-ups are remembered for the process (params.value_at); what each trace *read* is kept
    per trace, in order, once.
    Values are compared by identity: they are the loaded parameter objects, and their
    tables are not cheap to compare.
    """

    def __init__(self, ctx: CheckContext):
        self.ctx = ctx
        self._what_if = ctx.what_if  # read on every look-up
        self._read: dict[int, Value] = {}  # by identity, in the order first read

    @property
    def read(self) -> list[Value]:
        return list(self._read.values())

    def value(self, pid: str, on: date) -> Any:
        try:
            v = value_at(pid, on, self._what_if)
        except ParameterError:
            if not self.ctx.provisional:
                raise
            v = provisional_value(pid, on, self.ctx.what_if)
        self._read[id(v)] = v  # a value read before keeps its place
        return v.value

    def shared(self, key: tuple, compute: Callable[[Trace], Any]) -> Any:
        """A fact that the premium and its variants all need (a member's income, charged months):
        computed once per context on a trace of its own, whose reads count here at every use."""
        memo = self.ctx.memo("trace:shared", dict)
        hit = memo.get(key)
        if hit is None:
            sub = Trace(self.ctx)
            hit = memo[key] = (compute(sub), sub.read)
        self.record(*hit[1])
        return hit[0]

    def record(self, *values: Value) -> None:
        """Count values as read by this trace (e.g. what a sub-computation read)."""
        read = self._read
        for v in values:  # a loop: half the time of dict.update(zip(map(id, values), values)) for a few
            read[id(v)] = v  # a value read before keeps its place

    @property
    def needs_review(self) -> bool:
        return any(v.status != "verified" for v in self.read)

    def unverified(self) -> list[Value]:
        return [v for v in self.read if v.status != "verified"]

    def sources(self) -> list[str]:
        seen: list[str] = []
        for v in self.read:
            if v.source not in seen:
                seen.append(v.source)
        return seen


def provisional_sentence(year: int, earlier: int, what: str) -> str:
    """「令和9年度の料率がまだないため、令和8年度の料率で仮に計算しています（要確認）」"""
    return (
        f"{fiscal_year_label(year)}の{what}がまだないため、"
        f"{fiscal_year_label(earlier)}の{what}で仮に計算しています（要確認）"
    )


@lru_cache(maxsize=1024)
def provisional_value(pid: str, on: date, what_if: frozenset[str]) -> Value:
    """The newest value in force before `on`, marked provisional (one object per look-up, so a
    trace records it once); ParameterError if there is none either."""
    earlier = [
        v for v in parameter(pid).values if v.valid_from <= on and (v.status != "planned" or v.what_if in what_if)
    ]
    if not earlier:
        raise ParameterError(f"{pid}: {on.isoformat()} 以前の値もデータにありません")
    v = earlier[-1]
    note = provisional_sentence(fiscal_year_of(on), fiscal_year_of(v.valid_to or v.valid_from), "値")
    return replace(v, status=PROVISIONAL, source=f"{note}。{v.source}")
