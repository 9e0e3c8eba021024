"""Amounts, counts and Western dates as the user reads them (model/formatting.py, built on babel).

Expected texts follow the CLDR data for ja (Unicode CLDR, common/main/ja.xml): decimal pattern
#,##0.###, group separator ",", minus sign "-"; amounts are written as on a 納入通知書, digits then 円
(12,345円), not babel's currency form ￥12,345.
"""

import random
from datetime import date, datetime, timedelta, timezone

import pytest

from kokuho_desk.model import formatting
from kokuho_desk.model.formatting import babel_japanese, number, timestamp, year_month, yen


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0円"),
        (999, "999円"),
        (1_000, "1,000円"),
        (123_456, "123,456円"),
        (-58_300, "-58,300円"),  # a refund or a negative difference keeps its sign in front
        (1_000_000_000, "1,000,000,000円"),  # the largest amount a case file accepts
        (12_345_678_901_234, "12,345,678,901,234円"),
    ],
)
def test_yen(amount, text):
    assert yen(amount) == text


def test_whole_numbers_are_written_as_babel_writes_them():
    """Ensure the quick writing of whole numbers gives babel's own ja_JP text (NumberPattern.apply) for
    amounts of every size and sign, and that a non-integer still goes through babel."""
    rng = random.Random(20)
    values = [0, 1, -1, 999, 1000, -1000, 10**15] + [
        rng.randint(-(10 ** rng.randint(1, 13)), 10**13) for _ in range(3000)
    ]
    japanese, number_pattern, yen_pattern = babel_japanese()
    assert [yen(v) for v in values] == [yen_pattern.apply(v, japanese) for v in values]
    assert [number(v) for v in values] == [number_pattern.apply(v, japanese) for v in values]
    assert number(1234.5) == "1,234.5"


def test_a_missing_amount_is_written_as_asked():
    assert yen(None) == "" and yen(None, "不明") == "不明" and number(None, "—") == "—"


@pytest.mark.parametrize(
    ("n", "text"), [(0, "0"), (7, "7"), (12_000, "12,000"), (-3_500, "-3,500"), (10**9, "1,000,000,000")]
)
def test_number(n, text):
    assert number(n) == text


def test_year_month_is_western():
    """令和6年1月 is January 2024: the Western parts, without the era."""
    assert year_month(date(2024, 1, 31)) == "2024年1月" and year_month(date(2026, 12, 4)) == "2026年12月"
    assert year_month(None, "—") == "—"


def test_timestamp_keeps_the_moments_own_zone():
    jst = timezone(timedelta(hours=9))
    assert timestamp(datetime(2026, 12, 4, 9, 5, 3, 999_000, tzinfo=jst)) == "2026-12-04 09:05:03"
    assert timestamp(datetime(2026, 12, 4, 23, 59, 59)) == "2026-12-04 23:59:59"
    assert timestamp(None, "（不明）") == "（不明）"


def test_the_symbols_kept_are_babels_and_a_damaged_cache_is_read_again(tmp_path, monkeypatch):
    """Ensure the ja_JP symbols kept in the parsed cache are those babel gives, are read back from the
    cache in a new process's place (the memo emptied), and that a damaged cache file is ignored."""
    from babel.numbers import get_group_symbol, get_minus_sign_symbol

    monkeypatch.setenv("KOKUHO_DESK_CACHE_DIR", str(tmp_path))
    japanese = babel_japanese()[0]
    expected = (get_group_symbol(japanese), get_minus_sign_symbol(japanese), True)
    formatting._symbols.cache_clear()
    assert formatting._symbols() == expected == (",", "-", True)
    (kept,) = tmp_path.glob("babel-symbols*")
    formatting._symbols.cache_clear()
    assert formatting._symbols() == expected  # from the cache file
    kept.write_bytes(kept.read_bytes()[:-3] + b"xyz")
    formatting._symbols.cache_clear()
    assert formatting._symbols() == expected and yen(-1234567) == "-1,234,567円"
    formatting._symbols.cache_clear()
