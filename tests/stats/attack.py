"""What an attacker can compute from a statistics file: an interval check written apart from
protect.py (e-Stat's 秘匿インターバル over each table's rows, columns and totals)."""

from collections import defaultdict

from kokuho_desk.stats.labels import TOTAL

INF = float("inf")


def grids(f):
    """(table, period) → {(area, column): value or None}; the area TOTAL row and the column 'total' are the margins."""
    out = defaultdict(dict)
    for c in f.cells:
        out[(c.table, c.period)][((c.prefecture, c.municipality, c.code), c.column)] = c.value
    return out


def hidden_intervals(grid: dict) -> dict:
    """For each hidden cell, the (min, max) its value can take given the published cells of the grid."""
    areas = sorted({a for a, _ in grid if a[0] != TOTAL})
    columns = sorted({c for _, c in grid if c != "total"})
    total_area = (TOTAL, "", "")
    lines = [([(a, c) for c in columns], (a, "total")) for a in [*areas, total_area]]
    lines += [([(a, c) for a in areas], (total_area, c)) for c in [*columns, "total"]]
    bounds = {cell: [0, INF] for cell, v in grid.items() if v is None}
    for _ in range(100):
        moved = False
        for parts, total in lines:

            def b(y):
                return bounds[y] if y in bounds else (grid[y], grid[y])

            for x in [*parts, total]:
                if x not in bounds:
                    continue
                if x == total:  # total = Σ parts
                    lo, hi = sum(b(y)[0] for y in parts), sum(b(y)[1] for y in parts)
                else:  # part = total − Σ the other parts
                    others = [y for y in parts if y != x]
                    lo = b(total)[0] - sum(b(y)[1] for y in others)
                    hi = b(total)[1] - sum(b(y)[0] for y in others)
                new = [max(bounds[x][0], lo), min(bounds[x][1], hi)]
                if new != bounds[x]:
                    bounds[x], moved = new, True
        if not moved:
            break
    return {cell: tuple(b) for cell, b in bounds.items()}


def assert_protected(f, k: int) -> int:
    """Every published count is 0 or ≥ k; every hidden one ranges over ≥ k values; returns how many are hidden."""
    hidden = 0
    for key, grid in grids(f).items():
        small = [(cell, v) for cell, v in grid.items() if v is not None and 0 < v < k]
        assert not small, f"{key}: published counts below {k}: {small}"
        for cell, (lo, hi) in hidden_intervals(grid).items():
            assert hi - lo >= k, f"{key} {cell}: recoverable to [{lo}, {hi}]"
            hidden += 1
    return hidden
