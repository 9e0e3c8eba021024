"""How amounts, counts and Western dates are written for the user: the Japanese (ja_JP) formats of
babel (Unicode CLDR), in one place. 和暦 dates stay in model/wareki.py — babel knows the era names but
not 元年 or our era boundaries.

Amounts are written as on a notice: 12,345円 (digits grouped by three, 円 after, a minus sign before
a negative amount). None — an amount or a date nobody entered — is written as ``missing``.

Whole numbers are written with the ja_JP symbols babel reads from CLDR (group separator, minus sign)
by Python's own grouping, which gives babel's text (tests/model/test_formatting.py compares them) at a
tenth of the cost of ``NumberPattern.apply``: the checks write a dozen amounts into the reasons of
each case, and bulk work (rescreen, statistics) judges 100,000 cases.
"""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import get_group_symbol, get_minus_sign_symbol, parse_pattern

JAPANESE = Locale.parse("ja_JP")
NUMBER = JAPANESE.decimal_formats[None]  # #,##0.###
YEN = parse_pattern("#,##0円")  # babel's own JPY format is ￥12,345; a Japanese notice writes 12,345円
_GROUP, _MINUS = get_group_symbol(JAPANESE), get_minus_sign_symbol(JAPANESE)
_BY_THREES = NUMBER.grouping == YEN.grouping == (3, 3)  # what Python's "," format groups by


def _whole(n: int) -> str:
    """A whole number as babel's ja_JP pattern writes it: 1,234,567 / -500."""
    text = f"{abs(n):,}"
    if _GROUP != ",":
        text = text.replace(",", _GROUP)
    return _MINUS + text if n < 0 else text


def number(n: int | None, missing: str = "") -> str:
    """1234567 → 1,234,567."""
    if n is None:
        return missing
    return _whole(n) if _BY_THREES and type(n) is int else NUMBER.apply(n, JAPANESE)


def yen(amount: int | None, missing: str = "") -> str:
    """1234567 → 1,234,567円; -500 → -500円."""
    if amount is None:
        return missing
    return _whole(amount) + "円" if _BY_THREES and type(amount) is int else YEN.apply(amount, JAPANESE)


def year_month(d: date | None, missing: str = "") -> str:
    """The Western year and month: 2026年12月."""
    return missing if d is None else format_date(d, "y年M月", locale=JAPANESE)


def timestamp(moment: datetime | None, missing: str = "") -> str:
    """A moment to the second, as a record shows it: 2026-12-04 09:05:03 (in the moment's own time zone)."""
    return (
        missing
        if moment is None
        else format_datetime(moment, "yyyy-MM-dd HH:mm:ss", tzinfo=moment.tzinfo, locale=JAPANESE)
    )
