"""Fiscal quarters: 年度 April–March, quarters 4–6月, 7–9月, 10–12月, 1–3月; a quarter is closed the day after it ends."""

from datetime import date

import pytest

from kokuho_desk.stats.periods import Quarter, quarters


def test_quarters_of_the_fiscal_year():
    """2027-01-15 lies in 令和8年度 (April 2026 – March 2027), its fourth quarter (1〜3月)."""
    q = Quarter.of(date(2027, 1, 15))
    assert (q.key, q.start, q.end) == ("2026Q4", date(2027, 1, 1), date(2027, 3, 31))
    assert q.label == "令和8年度 第4四半期（1〜3月）"
    assert Quarter.of(date(2026, 4, 1)).key == "2026Q1" and Quarter.of(date(2026, 3, 31)).key == "2025Q4"
    assert Quarter.parse("2026Q1").previous().key == "2025Q4"
    assert [x.key for x in quarters(Quarter(2025, 3), Quarter(2026, 2))] == ["2025Q3", "2025Q4", "2026Q1", "2026Q2"]


def test_a_quarter_closes_the_day_after_it_ends():
    """2026Q2 ends on 2026-09-30: it may be exported from 2026-10-01."""
    q = Quarter.parse("2026Q2")  # 2026-07-01 … 2026-09-30
    assert not q.closed(date(2026, 9, 30)) and q.closed(date(2026, 10, 1))


def test_a_malformed_period_gets_a_japanese_message():
    """A period typed as a month is refused with the expected form."""
    with pytest.raises(ValueError, match="2026Q1（2026年度の4〜6月）の形"):
        Quarter.parse("2026-04")
