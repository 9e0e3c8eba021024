"""A dated step the desk should take: the checks propose it, the store keeps it on the case as a
deadline, the UI lists it (今週の期限)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass
class NextAction:
    """A dated step the desk should take (kept on the case as a deadline)."""

    action: str
    due_date: date | None = None
    letter: str | None = None  # the letter KIND that does it, if any

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"action": self.action}
        if self.due_date is not None:
            out["due_date"] = self.due_date.isoformat()
        if self.letter:
            out["letter"] = self.letter
        return out
