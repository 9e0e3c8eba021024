"""What an attacker can compute from a statistics file, written apart from protect.py: e-Stat's
秘匿インターバル, exactly — the smallest and largest value of each hidden count over every
non-negative solution of all the published equations of a period (each table's rows, columns
and totals, and the counts the codebook says are the same number in several tables), found by
linear programming (scipy's HiGHS). protect.py propagates bounds line by line instead; this
checks that what it publishes holds against the exact attack."""

from collections import defaultdict

import numpy as np
from scipy.optimize import linprog

from kokuho_desk.stats.labels import TOTAL
from kokuho_desk.stats.policy import load_policy
from kokuho_desk.stats.tables import tables

TOTAL_ROW = (TOTAL, "", "")


def grids(f):
    """(table, period) → {(area, column): value or None}; the area TOTAL row and the column 'total' are the margins."""
    out = defaultdict(dict)
    for c in f.cells:
        out[(c.table, c.period)][((c.prefecture, c.municipality, c.code), c.column)] = c.value
    return out


def _quantity(table: str, area, column: str, populations: dict) -> tuple:
    """The number a cell shows: a row total is the households of the table's population in the area
    (the same number in every table of that population), the 10割負担 column of the insurance table
    is the row total of the 10割負担 table (docs/statistics.md)."""
    if column == "total":
        return ("households", populations[table], area)
    if (table, column) == ("insurance", "special_care"):
        return ("households", populations["special_care"], area)
    return (table, area, column)


def exact_intervals(f, period: str) -> dict:
    """For each hidden number of the period, the (min, max) it can take given everything published."""
    populations = {t.id: t.population for t in tables(load_policy())}
    value: dict = {}
    lines = []
    for (table, p), grid in grids(f).items():
        if p != period:
            continue
        for (area, column), v in grid.items():
            q = _quantity(table, area, column, populations)
            value[q] = v if value.get(q) is None else value[q]
        areas = sorted({a for a, _ in grid if a != TOTAL_ROW})
        columns = sorted({c for _, c in grid if c != "total"})
        q = {(a, c): _quantity(table, a, c, populations) for a in [*areas, TOTAL_ROW] for c in [*columns, "total"]}
        lines += [([q[(a, c)] for c in columns], q[(a, "total")]) for a in [*areas, TOTAL_ROW]]
        lines += [([q[(a, c)] for a in areas], q[(TOTAL_ROW, c)]) for c in [*columns, "total"]]
    hidden = sorted((q for q, v in value.items() if v is None), key=repr)
    if not hidden:
        return {}
    index = {q: i for i, q in enumerate(hidden)}
    rows, rhs = [], []
    for parts, total in lines:
        row = np.zeros(len(hidden))
        known = 0
        for q, sign in [*((p, 1) for p in parts), (total, -1)]:
            if q in index:
                row[index[q]] += sign
            else:
                known += sign * value[q]
        if row.any():
            rows.append(row)
            rhs.append(-known)
    a_eq, b_eq = np.array(rows), np.array(rhs)
    out = {}
    for q, i in index.items():
        c = np.zeros(len(hidden))
        c[i] = 1
        low = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert low.status == 0, f"{q}: the published numbers admit no solution"
        out[q] = (round(low.fun), float("inf") if high.status == 3 else round(-high.fun))
    return out


def assert_protected(f, k: int) -> int:
    """Every published count is 0 or ≥ k; every hidden one ranges over ≥ k values; returns how many are hidden."""
    for key, grid in grids(f).items():
        small = [(cell, v) for cell, v in grid.items() if v is not None and 0 < v < k]
        assert not small, f"{key}: published counts below {k}: {small}"
    hidden = 0
    for period in sorted({c.period for c in f.cells}):
        for q, (lo, hi) in exact_intervals(f, period).items():
            assert hi - lo >= k, f"{period} {q}: recoverable to [{lo}, {hi}]"
            hidden += 1
    return hidden
