"""The statistics policy: band edges, k, quasi-identifiers and categories, read from
resources/stats/policy.toml (the one declared place for these figures)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from kokuho_desk import paths

POLICY_FILE = paths.RESOURCES / "stats" / "policy.toml"


@dataclass(frozen=True)
class Category:
    label: str
    keywords: tuple[str, ...]
    relief: bool = False


@dataclass(frozen=True, eq=False)  # hashed by identity: a cache key that costs nothing
class Policy:
    hierarchy_version: str
    k_default: int
    k_min: int
    quasi_identifiers: tuple[str, ...]
    cell_suppression: tuple[str, ...]  # quasi-identifiers that may be shown as 秘匿, in order
    age_width: int
    age_bottom: int
    age_top: int
    household_edges: tuple[int, ...]
    income_edges: tuple[int, ...]
    arrears_edges: tuple[int, ...]
    topics: tuple[Category, ...]
    outcomes: tuple[Category, ...]


def _categories(items: list[dict]) -> tuple[Category, ...]:
    return tuple(Category(i["label"], tuple(i["keywords"]), bool(i.get("relief", False))) for i in items)


@cache
def load_policy() -> Policy:
    with open(POLICY_FILE, "rb") as f:
        data = tomllib.load(f)
    maskable = set(data["cell_suppression"])
    if not maskable <= set(data["quasi_identifiers"]) - {"prefecture", "area"}:
        raise ValueError(f"{POLICY_FILE}: cell_suppression may name only quasi-identifiers other than prefecture and area")
    return Policy(
        hierarchy_version=data["hierarchy_version"],
        k_default=data["k_default"],
        k_min=data["k_min"],
        quasi_identifiers=tuple(data["quasi_identifiers"]),
        cell_suppression=tuple(data["cell_suppression"]),
        age_width=data["age"]["width"],
        age_bottom=data["age"]["bottom"],
        age_top=data["age"]["top"],
        household_edges=tuple(data["household"]["edges"]),
        income_edges=tuple(data["income"]["edges"]),
        arrears_edges=tuple(data["arrears"]["edges"]),
        topics=_categories(data["topic"]),
        outcomes=_categories(data["outcome"]),
    )
