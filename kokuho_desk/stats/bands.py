"""Generalisation hierarchies: exact ages, sizes and amounts → the bands of the policy.

Each band label is Japanese and is what the export shows; an unknown value is 不明,
never a guess. The edges come from resources/stats/policy.toml.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from kokuho_desk.stats.policy import Policy

UNKNOWN = "不明"
UNDECLARED = "未申告"
NO_INCOME = "収入なし"
NO_ARREARS = "なし"


def _man(yen: int) -> str:
    """Yen as 万円 text: 1_000_000 → "100"."""
    return f"{yen // 10_000:,}" if yen % 10_000 == 0 else f"{yen / 10_000:,.1f}"


@dataclass(frozen=True)
class Scale:
    """Half-open intervals [edge_i, edge_i+1) with one label each; below the first edge
    gets labels[0] when there is a label for it."""

    edges: tuple[int, ...]
    labels: tuple[str, ...]

    def label(self, value: int) -> str:
        i = bisect_right(self.edges, value)
        return self.labels[i if len(self.labels) > len(self.edges) else i - 1]


def _money_scale(edges: tuple[int, ...]) -> Scale:
    labels = [f"{_man(edges[0])}万円未満"]
    labels += [f"{_man(a)}〜{_man(b)}万円" for a, b in zip(edges, edges[1:])]
    labels.append(f"{_man(edges[-1])}万円以上")
    return Scale(edges, tuple(labels))


def _count_scale(edges: tuple[int, ...]) -> Scale:
    labels = [f"{a}人" if b == a + 1 else f"{a}〜{b - 1}人" for a, b in zip(edges, edges[1:])]
    labels.append(f"{edges[-1]}人以上")
    return Scale(edges, tuple(labels))


def _age_scale(width: int, bottom: int, top: int) -> Scale:
    edges = tuple(range(bottom, top, width)) + (top,)
    labels = [f"{bottom}歳未満"]
    labels += [f"{a}〜{b - 1}歳" for a, b in zip(edges, edges[1:])]
    labels.append(f"{top}歳以上")
    return Scale(edges, tuple(labels))


@dataclass(frozen=True)
class Bands:
    age_scale: Scale
    household_scale: Scale
    income_scale: Scale
    arrears_scale: Scale

    def age(self, age: int | None) -> str:
        return UNKNOWN if age is None else self.age_scale.label(age)

    def household(self, size: int) -> str:
        return self.household_scale.label(max(size, self.household_scale.edges[0]))

    def income(self, yen: int | None, *, declared: bool = True) -> str:
        if not declared:
            return UNDECLARED
        if yen is None:
            return UNKNOWN
        return NO_INCOME if yen <= 0 else self.income_scale.label(yen)

    def arrears(self, yen: int | None) -> str:
        if yen is None:
            return UNKNOWN
        return NO_ARREARS if yen <= 0 else self.arrears_scale.label(yen)


@cache
def bands_for(policy: Policy) -> Bands:
    return Bands(
        age_scale=_age_scale(policy.age_width, policy.age_bottom, policy.age_top),
        household_scale=_count_scale(policy.household_edges),
        income_scale=_money_scale(policy.income_edges),
        arrears_scale=_money_scale(policy.arrears_edges),
    )
