"""The statistics policy: the threshold k, the bands and the relief tables, read from
resources/stats/policy.toml (the one declared place for these figures)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from kokuho_desk import paths

POLICY_FILE = paths.RESOURCES / "stats" / "policy.toml"


class InvalidK(ValueError):
    """k below the policy's floor; str(e) is the Japanese message."""


@dataclass(frozen=True, eq=False)  # hashed by identity: a cache key that costs nothing
class Policy:
    """The rules of the statistics export (tables version, the least count shown, the bands) as read from resources/."""

    tables_version: str
    k_default: int
    k_min: int
    minor_age: int
    burden_edges: tuple[int, ...]
    notice_edges: tuple[int, ...]
    minors_edges: tuple[int, ...]
    relief_tables: tuple[str, ...]
    unification_group: str
    unification_first_year: int
    unification_edges: tuple[int, ...]


@cache
def load_policy() -> Policy:
    with open(POLICY_FILE, "rb") as f:
        data = tomllib.load(f)
    return Policy(
        tables_version=data["tables_version"],
        k_default=data["k_default"],
        k_min=data["k_min"],
        minor_age=data["minor_age"],
        burden_edges=tuple(data["burden_edges"]),
        notice_edges=tuple(data["notice_edges"]),
        minors_edges=tuple(data["minors_edges"]),
        relief_tables=tuple(data["relief_tables"]),
        unification_group=data["unification"]["group"],
        unification_first_year=data["unification"]["first_year"],
        unification_edges=tuple(data["unification"]["edges"]),
    )


def check_k(k: int, policy: Policy) -> int:
    if k < policy.k_min:
        raise InvalidK(f"k={k} は小さすぎます。個人が特定されないよう、k は {policy.k_min} 以上にしてください")
    return k
