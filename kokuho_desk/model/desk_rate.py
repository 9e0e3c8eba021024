"""A rate table a consultation desk entered itself (「相談窓口で入力した料率」), as the store keeps it
and the rules read it (rules/desk_rates.py validates it and turns it into the premium's rate table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DESK_LABEL = "相談窓口で入力した料率"


@dataclass(frozen=True)
class DeskRate:
    """One desk-entered rate table of a municipality and fiscal year."""

    municipality: str
    fiscal_year: int
    kind: str  # 料 | 税
    year: dict[str, Any]  # method, rounding and the parts, as a profile's [years.N] (no status/source)
    source: str  # 「通知書から」 or the city's page (URL)
    entered_by: str | None = None
    entered_at: str = ""  # ISO time

    @property
    def label(self) -> str:
        return f"{DESK_LABEL}（{self.source}）"

    def same_table(self, other: DeskRate) -> bool:
        """The same rates and source (who entered it and when aside)."""
        return (self.municipality, self.fiscal_year, self.kind, self.year, self.source) == (
            other.municipality,
            other.fiscal_year,
            other.kind,
            other.year,
            other.source,
        )
