"""Counting cases into the tables (from the counted texts, so memory stays flat however many
cases), then the protected tables of each period: small areas rolled up to their prefecture, primary
and complementary suppression over every table of the period at once (protect.py)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import NamedTuple

from kokuho_desk.stats.area import Area
from kokuho_desk.stats.labels import TOTAL
from kokuho_desk.stats.periods import Quarter
from kokuho_desk.stats.policy import Policy
from kokuho_desk.stats.protect import System, protect
from kokuho_desk.stats.tables import Table, tables

TOTAL_AREA = Area(TOTAL)
OTHER_AREA = Area("その他の地域")
TOTAL_COLUMN = "total"
# A column of one table that is the population of another: its counts are that table's row totals.
_COLUMN_POPULATIONS = {("insurance", "special_care"): "special_care"}


class Cell(NamedTuple):
    """One published count: None when it is hidden (秘匿)."""

    table: str
    period: str
    prefecture: str
    municipality: str
    code: str
    column: str
    value: int | None

    @property
    def area(self) -> Area:
        return Area(self.prefecture, self.municipality, self.code)


class Counts:
    """Counts of (table, period, area, column) over the counted cases (counted.py)."""

    def __init__(self, texts: Mapping[str, int], last: Quarter):
        """``texts``: how many cases count for each counted text; only quarters up to ``last``."""
        self.counter: Counter = Counter()
        self.periods: set[Quarter] = set()
        self._last = last
        self._areas: dict[tuple[str, ...], Area] = {}
        self._included: dict[str, bool] = {}
        self.add(texts)

    def add(self, texts: Mapping[str, int]) -> None:
        """Count more texts (counted.counted_batches hands them on a part at a time)."""
        counter, areas, included = self.counter, self._areas, self._included
        for text, n in texts.items():  # once per distinct text: plain loops, no per-cell objects
            _version, period, area, cells = json.loads(text)
            if period not in included:
                quarter = Quarter.parse(period)
                included[period] = quarter <= self._last
                if included[period]:
                    self.periods.add(quarter)
            if not included[period]:
                continue
            area = areas.setdefault(tuple(area), Area(*area))
            for table, column in cells:
                counter[(table, period, area, column)] += n

    def period_counts(self, period: str, k: int) -> dict[tuple[str, Area, str], int]:
        """The period's counts by (table, area, column), a municipality with fewer than k cases
        shown as its prefecture, a prefecture still below k as その他の地域 (合算措置)."""
        per_area: Counter = Counter()
        for (table, p, area, _), n in self.counter.items():
            if p == period and table == "insurance":
                per_area[area] += n
        rolled = {a: (a.rolled_up() if a.municipality and n < k else a) for a, n in per_area.items()}
        per_prefecture: Counter = Counter()
        for a, n in per_area.items():
            per_prefecture[rolled[a]] += n
        # A prefecture row still below k joins the others of its kind in one row.
        rolled = {a: (OTHER_AREA if not r.municipality and per_prefecture[r] < k else r) for a, r in rolled.items()}
        out: Counter = Counter()
        for (table, p, area, column), n in self.counter.items():
            if p == period:
                out[(table, rolled[area], column)] += n
        return out


def _key(table: Table, area: Area, column: str) -> tuple:
    """The variable of a count: counts that are the same number in several tables share it."""
    if column == TOTAL_COLUMN:
        return ("households", table.population, area)
    population = _COLUMN_POPULATIONS.get((table.id, column))
    if population is not None:
        return ("households", population, area)
    return (table.id, area, column)


def _sum(values: list[int | None]) -> int | None:
    """The total of counts, unknown (None) when one of them is."""
    total = 0
    for value in values:
        if value is None:
            return None
        total += value
    return total


def protected_cells(
    period: str, counts: Mapping[tuple[str, Area, str], int | None], policy: Policy, k: int
) -> tuple[list[Cell], int]:
    """The published cells of one period (every table, every area of the period, the totals)
    and how many counts were hidden. A count given as None is unknown (hidden upstream)."""
    areas = sorted({area for (_, area, _) in counts} - {TOTAL_AREA})
    system = System()
    layout = []
    for table in tables(policy):
        columns = [code for code, _ in table.columns]
        grid: dict[tuple[Area, str], int | None] = {}
        for area in areas:
            row = [counts.get((table.id, area, c), 0) for c in columns]
            grid.update(zip([(area, c) for c in columns], row))
            grid[(area, TOTAL_COLUMN)] = counts.get((table.id, area, TOTAL_COLUMN), _sum(row))
        for c in [*columns, TOTAL_COLUMN]:
            in_column = [grid[(a, c)] for a in areas]
            grid[(TOTAL_AREA, c)] = counts.get((table.id, TOTAL_AREA, c), _sum(in_column))
        for (area, column), value in grid.items():
            key = _key(table, area, column)
            system.values[key] = value
            layout.append((table.id, area, column, key))
        for area in [*areas, TOTAL_AREA]:
            system.add_line([_key(table, area, c) for c in columns], _key(table, area, TOTAL_COLUMN))
        for c in [*columns, TOTAL_COLUMN]:
            system.add_line([_key(table, a, c) for a in areas], _key(table, TOTAL_AREA, c))
    hidden = protect(system, k)
    cells = [
        Cell(
            t,
            period,
            area.prefecture,
            area.municipality,
            area.code,
            column,
            None if key in hidden else system.values[key],
        )
        for t, area, column, key in layout
    ]
    return cells, len(hidden)
