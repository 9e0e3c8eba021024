"""How amounts, counts and Western dates are written for the user: the Japanese (ja_JP) formats of
babel (Unicode CLDR), in one place. 和暦 dates stay in model/wareki.py — babel knows the era names but
not 元年 or our era boundaries.

Amounts are written as on a notice: 12,345円 (digits grouped by three, 円 after, a minus sign before
a negative amount). None — an amount or a date nobody entered — is written as ``missing``.

Whole numbers are written with the ja_JP symbols babel reads from CLDR (group separator, minus sign)
by Python's own grouping, which gives babel's text (tests/model/test_formatting.py compares them) at a
tenth of the cost of ``NumberPattern.apply``: the checks write a dozen amounts into the reasons of
each case, and bulk work (rescreen, statistics) judges 100,000 cases. Those symbols are read from
babel once per babel installation and kept in the parsed cache (parsed_cache.py), so a process that
only writes whole amounts (``kokuho-desk check``) does not import babel and load its locale data
(~25 ms); babel is imported on the first date or non-integer.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from functools import cache
from importlib.util import find_spec
from typing import Any

from kokuho_desk import parsed_cache

_LOCALE = "ja_JP"
_DATA_FILES = ("root.dat", "ja.dat", "ja_JP.dat")  # the CLDR data babel merges for ja_JP


@cache
def babel_japanese() -> tuple[Any, Any, Any]:
    """babel's ja_JP Locale, its decimal pattern (#,##0.###) and the amount pattern (#,##0円: babel's
    own JPY format is ￥12,345; a Japanese notice writes 12,345円)."""
    from babel import Locale
    from babel.numbers import parse_pattern

    japanese = Locale.parse(_LOCALE)
    return japanese, japanese.decimal_formats[None], parse_pattern("#,##0円")


def _read_symbols() -> tuple[str, str, bool]:
    """(group separator, minus sign, whether both patterns group by threes) from babel."""
    from babel.numbers import get_group_symbol, get_minus_sign_symbol

    japanese, number_pattern, yen_pattern = babel_japanese()
    by_threes = number_pattern.grouping == yen_pattern.grouping == (3, 3)  # what Python's "," groups by
    return get_group_symbol(japanese), get_minus_sign_symbol(japanese), by_threes


@cache
def _symbols() -> tuple[str, str, bool]:
    """_read_symbols, kept under a key of babel's installed locale data files (their path, size and
    modification time: another babel release is another key)."""
    spec = find_spec("babel")
    folder = os.path.join(os.path.dirname(spec.origin), "locale-data") if spec and spec.origin else None
    try:
        stats = [os.stat(os.path.join(folder, name)) for name in _DATA_FILES] if folder else None
    except OSError:
        stats = None
    if stats is None:
        return _read_symbols()
    key = parsed_cache.content_key(
        {f"{folder}/{name}": f"{st.st_size}:{st.st_mtime_ns}".encode() for name, st in zip(_DATA_FILES, stats)},
        f"babel-symbols-{_LOCALE}-1",
    )
    cached = parsed_cache.load("babel-symbols", key)
    if (
        isinstance(cached, list)
        and len(cached) == 3
        and all(isinstance(v, t) for v, t in zip(cached, (str, str, bool)))
    ):
        return cached[0], cached[1], cached[2]
    symbols = _read_symbols()
    parsed_cache.save("babel-symbols", key, list(symbols))
    return symbols


def _whole(n: int) -> str:
    """A whole number as babel's ja_JP pattern writes it: 1,234,567 / -500."""
    group, minus, _ = _symbols()
    text = f"{abs(n):,}"
    if group != ",":
        text = text.replace(",", group)
    return minus + text if n < 0 else text


def number(n: int | None, missing: str = "") -> str:
    """1234567 → 1,234,567."""
    if n is None:
        return missing
    if type(n) is int and _symbols()[2]:
        return _whole(n)
    japanese, number_pattern, _ = babel_japanese()
    return number_pattern.apply(n, japanese)


def yen(amount: int | None, missing: str = "") -> str:
    """1234567 → 1,234,567円; -500 → -500円."""
    if amount is None:
        return missing
    if type(amount) is int and _symbols()[2]:
        return _whole(amount) + "円"
    japanese, _, yen_pattern = babel_japanese()
    return yen_pattern.apply(amount, japanese)


def year_month(d: date | None, missing: str = "") -> str:
    """The Western year and month: 2026年12月."""
    if d is None:
        return missing
    from babel.dates import format_date

    return format_date(d, "y年M月", locale=babel_japanese()[0])


def timestamp(moment: datetime | None, missing: str = "") -> str:
    """A moment to the second, as a record shows it: 2026-12-04 09:05:03 (in the moment's own time zone)."""
    if moment is None:
        return missing
    from babel.dates import format_datetime

    return format_datetime(moment, "yyyy-MM-dd HH:mm:ss", tzinfo=moment.tzinfo, locale=babel_japanese()[0])
