"""Table protection as statistical offices do it (τ-ARGUS, sdcMicro, e-Stat's 秘匿インターバル).

The tables of one period form one linear system: in every table each row's cells add up to
the row total, each column's to the column total, and the totals to the grand total; a count
that appears in several tables (the households of an area, in every table of the same
population) is one variable. Protection:

1. primary suppression: every count from 1 to k−1 is hidden (0 is published: it tells only
   that nobody in the area had that answer, and it is what makes the totals add up);
2. complementary suppression: the interval each hidden count can still take, given everything
   published, is computed by propagating the equations (the 秘匿インターバル, quick), and once
   that finds none narrower than k, exactly by linear programming (an attacker may combine
   several equations, which the propagation does not); while a hidden count's interval is
   narrower than k, one more count on one of its lines is hidden, the smallest one first (the
   least information lost).

Afterwards every published count is 0 or ≥ k, and every hidden count can be anything over a
range of at least k values as far as the published counts tell.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

INF = float("inf")
Key = Hashable


@dataclass
class System:
    """Counts (None: not known, e.g. hidden by a desk before a merge) and the equations
    sum(parts) = total between them."""

    values: dict[Key, int | None] = field(default_factory=dict)
    lines: list[tuple[tuple[Key, ...], Key]] = field(default_factory=list)

    def add_line(self, parts: Iterable[Key], total: Key) -> None:
        self.lines.append((tuple(parts), total))


def _published(values: dict[Key, int | None], key: Key) -> int:
    value = values[key]
    assert value is not None, "an unknown count is always hidden (protect)"
    return value


def intervals(system: System, hidden: set[Key]) -> dict[Key, tuple[float, float]]:
    """The range each hidden count can take given the published ones (bounds propagated over
    the equations until they no longer move; a count is never negative)."""
    lo: dict[Key, float] = {key: 0 for key in hidden}
    hi: dict[Key, float] = {key: INF for key in hidden}
    values = system.values
    relevant = []  # (hidden parts, sum of the published parts, total) of the lines with a hidden count
    for parts, total in system.lines:
        unknown = [p for p in parts if p in hidden]
        if unknown or total in hidden:
            relevant.append((unknown, sum(_published(values, p) for p in parts if p not in hidden), total))
    for _ in range(200):
        changed = False
        for unknown, known, total in relevant:
            sum_lo = sum(lo[p] for p in unknown)
            sum_hi = sum(hi[p] for p in unknown)
            if total in hidden:
                t_lo, t_hi = lo[total], hi[total]
                new_lo, new_hi = max(t_lo, known + sum_lo), min(t_hi, known + sum_hi)
                if (new_lo, new_hi) != (t_lo, t_hi):
                    lo[total], hi[total], changed = new_lo, new_hi, True
                t_lo, t_hi = lo[total], hi[total]
            else:
                t_lo = t_hi = _published(values, total)
            for p in unknown:  # p = total − known − Σ the other hidden parts
                others_lo = sum_lo - lo[p]
                others_hi = sum(hi[q] for q in unknown if q != p) if hi[p] == INF else sum_hi - hi[p]
                new_lo = max(lo[p], t_lo - known - others_hi)
                new_hi = min(hi[p], t_hi - known - others_lo)
                if (new_lo, new_hi) != (lo[p], hi[p]):
                    lo[p], hi[p], changed = new_lo, new_hi, True
        if not changed:
            break
    return {key: (lo[key], hi[key]) for key in hidden}


def exactly_narrow(system: System, hidden: set[Key], k: int) -> list[Key]:
    """The hidden counts whose exact range is narrower than k: the smallest and largest value over
    every non-negative solution of all the equations given the published counts (linear programs,
    HiGHS). ``intervals`` propagates line by line and can leave a range wider than this one: the
    equations of several lines together (the rows of an area in two tables of one population,
    say) can narrow a count that each line alone leaves open. Every solution found is a witness
    for all the counts at once, so a count two solutions already put k apart needs no program."""
    import numpy as np  # imported here: only an export or a merge needs them, not the window's start
    from scipy.optimize import linprog
    from scipy.sparse import csr_array

    order = sorted(hidden, key=repr)
    index = {key: i for i, key in enumerate(order)}
    rows, rhs = [], []
    for parts, total in system.lines:
        row, known = np.zeros(len(order)), 0
        for key, sign in [*((p, 1) for p in parts), (total, -1)]:
            if key in index:
                row[index[key]] += sign
            else:
                known += sign * _published(system.values, key)
        if row.any():
            rows.append(row)
            rhs.append(-known)
    if not rows:  # no published count bounds them
        return []
    a_eq, b_eq = csr_array(np.array(rows)), np.array(rhs)
    seen_lo, seen_hi = np.full(len(order), INF), np.full(len(order), -INF)

    def extreme(i: int, sense: int) -> float:
        """The smallest (sense 1) or largest (sense −1) value of count i; INF when unbounded."""
        objective = np.zeros(len(order))
        objective[i] = sense
        value = solve(objective)
        return value if value == INF else sense * value

    def solve(objective: Any) -> float:
        """The minimum of a linear objective (INF when unbounded below); its solution is kept as a witness."""
        result = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None))
        if result.status == 3:
            return INF
        assert result.status == 0, f"the published counts admit no solution ({result.message})"
        np.minimum(seen_lo, result.x, out=seen_lo)
        np.maximum(seen_hi, result.x, out=seen_hi)
        return float(result.fun)

    def witnessed(i: int) -> bool:
        if seen_lo[i] > seen_hi[i]:  # no solution seen yet
            return False
        return math.floor(seen_hi[i] + 1e-6) - math.ceil(seen_lo[i] - 1e-6) >= k

    spread = np.random.default_rng(0)  # a few solutions far apart first: most counts are witnessed wide by them
    for _ in range(8):
        solve(spread.uniform(-1, 1, len(order)))
    narrow = []
    for key, i in index.items():
        if witnessed(i):
            continue
        low = extreme(i, 1)
        if witnessed(i):
            continue
        high = extreme(i, -1)
        if high != INF and math.floor(high + 1e-6) - math.ceil(low - 1e-6) < k:
            narrow.append(key)
    return narrow


def _lines_of(system: System) -> dict[Key, list[int]]:
    out: dict[Key, list[int]] = {}
    for i, (parts, total) in enumerate(system.lines):
        for key in (*parts, total):
            out.setdefault(key, []).append(i)
    return out


def protect(system: System, k: int) -> set[Key]:
    """The counts to hide: primary (1..k−1 and the unknown ones), then complementary ones until
    every hidden count's interval is at least k wide.

    The complement chosen is a published count on a line where a narrow hidden count is alone
    (its value follows by subtraction there), preferring one that sits on two such lines (it
    closes a rectangle, as in τ-ARGUS's hypercube method), then a non-zero inner count, then
    the smallest."""
    values = system.values
    hidden = {key for key, v in values.items() if v is None or 0 < v < k}
    lines_of = _lines_of(system)
    members = [(*parts, total) for parts, total in system.lines]
    while True:
        narrow = [key for key, (a, b) in intervals(system, hidden).items() if b - a < k]
        if not narrow:  # the quick propagation is content: check against the exact ranges
            narrow = exactly_narrow(system, hidden, k)
        if not narrow:
            return hidden
        near = {i for key in narrow for i in lines_of.get(key, ())}
        lonely = {i for i in near if sum(q in hidden for q in members[i]) == 1}
        pool = lonely or near
        score: dict[Key, int] = {}
        for i in pool:
            for q in members[i]:
                if q not in hidden:
                    score[q] = score.get(q, 0) + 1
        if not score:  # every count on their lines is hidden: hide the smallest count anywhere
            score = {q: 0 for q in values if q not in hidden}
        if not score:
            return hidden
        totals = {system.lines[i][1] for i in pool}
        hidden.add(min(score, key=lambda q: (-score[q], values[q] == 0, q in totals, values[q], repr(q))))
