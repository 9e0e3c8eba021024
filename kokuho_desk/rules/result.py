"""What every check returns: a verdict that explains itself.

The JSON shape is fixed by case-format.md (`kokuho-desk check --json`):
``{"id", "verdict", "title", "reasons", "basis", "missing", "figures"}``; we add
``next_actions`` (dated deadlines) and ``needs_review`` (an unverified figure was used:
the UI and the letters show 要確認).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kokuho_desk.model.next_action import NextAction

VERDICTS = ("eligible", "likely", "not_eligible", "needs_info")
VERDICT_LABELS = {
    "eligible": "該当",
    "likely": "該当の可能性あり",
    "not_eligible": "非該当",
    "needs_info": "情報不足",
}
REVIEW_MARK = "要確認"


@dataclass
class CheckResult:
    id: str
    verdict: str
    title: str
    reasons: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    next_actions: list[NextAction] = field(default_factory=list)
    needs_review: bool = False

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")

    @property
    def verdict_label(self) -> str:
        label = VERDICT_LABELS[self.verdict]
        return f"{label}（{REVIEW_MARK}）" if self.needs_review else label

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "verdict": self.verdict,
            "title": self.title,
            "reasons": list(self.reasons),
            "basis": list(self.basis),
            "missing": list(self.missing),
            "figures": {k: (v.isoformat() if isinstance(v, date) else v) for k, v in self.figures.items()},
            "next_actions": [a.to_dict() for a in self.next_actions],
            "needs_review": self.needs_review,
        }
