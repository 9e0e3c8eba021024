"""What the rules engine said about a case, in short: the statutory reduction class and the
verdict of each check, by check id. The store keeps it with the day it was judged on and the
version of the law data (rescreen compares against it; statistics reuse it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class VerdictSummary:
    """The verdicts in short: what the store keeps for a case and statistics count."""

    reduction: str | None = None  # 7割 | 5割 | 2割 | なし
    verdicts: dict[str, str] = field(default_factory=dict)
    # Amounts the statistics band (never published as such): premium_total, notice_difference
    # (notified − computed) and per_capita (the 均等割 charged to each member, by member index).
    # Absent from judgements kept before they were recorded; not part of what rescreen compares.
    figures: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class StoredJudgement:
    """A judgement as the store keeps it: judged on `as_of` under the law data `rules`
    (rules.params.rules_version)."""

    judgement: VerdictSummary
    as_of: date
    rules: str
