"""Fiscal quarters (年度の四半期: 4–6月, 7–9月, 10–12月, 1–3月), the periods statistics are counted in.

A period is exported only once it has ended, and each period once (a correction re-issues
it whole with a new version): two exports never overlap, so none can be subtracted from
another to reach a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kokuho_desk.model.case import fiscal_year_of
from kokuho_desk.model.wareki import fiscal_year_label

_KEY_RE = re.compile(r"^(\d{4})Q([1-4])$")
_MONTHS = {1: "4〜6月", 2: "7〜9月", 3: "10〜12月", 4: "1〜3月"}


@dataclass(frozen=True, order=True)
class Quarter:
    """A quarter of a fiscal year, the period statistics are counted by."""

    fiscal_year: int
    number: int  # 1: April–June … 4: January–March

    @classmethod
    def of(cls, d: date) -> Quarter:
        return cls(fiscal_year_of(d), (d.month - 4) % 12 // 3 + 1)

    @classmethod
    def parse(cls, key: str) -> Quarter:
        m = _KEY_RE.match(key.strip())
        if not m:
            raise ValueError(f"期間は 2026Q1（2026年度の4〜6月）の形で指定してください（指定: {key}）")
        return cls(int(m.group(1)), int(m.group(2)))

    @property
    def key(self) -> str:
        return f"{self.fiscal_year}Q{self.number}"

    @property
    def label(self) -> str:
        return f"{fiscal_year_label(self.fiscal_year)} 第{self.number}四半期（{_MONTHS[self.number]}）"

    @property
    def start(self) -> date:
        month = 3 * self.number + 1
        return date(self.fiscal_year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.fiscal_year, self.number + 1) if self.number < 4 else Quarter(self.fiscal_year + 1, 1)

    def previous(self) -> Quarter:
        return Quarter(self.fiscal_year, self.number - 1) if self.number > 1 else Quarter(self.fiscal_year - 1, 4)

    def closed(self, today: date) -> bool:
        """Whether the quarter has ended before today (only then may it be exported)."""
        return self.end < today


def quarters(first: Quarter, last: Quarter) -> list[Quarter]:
    out, q = [], first
    while q <= last:
        out.append(q)
        q = q.next()
    return out
