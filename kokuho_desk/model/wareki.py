"""和暦 (Japanese era dates): parse what volunteers type, format what letters print.

Era start dates are those of the 元号 in force (明治改元の詔, 大正・昭和・平成・令和の政令);
a date before an era's first day or after its last is refused, as a counter clerk would.
Only the calendar is here; no legal figure depends on it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Era:
    """A Japanese era: its name in kanji, its letter (R, H, S …) and its first day."""

    kanji: str
    letter: str
    start: date


# Newest first, so the first era whose start is <= a date is that date's era.
ERAS: tuple[Era, ...] = (
    Era("令和", "R", date(2019, 5, 1)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("昭和", "S", date(1926, 12, 25)),
    Era("大正", "T", date(1912, 7, 30)),
    Era("明治", "M", date(1868, 10, 23)),
)

_BY_NAME = {e.kanji: e for e in ERAS} | {e.letter: e for e in ERAS}
_BY_NAME |= {e.letter.lower(): e for e in ERAS}
_BY_NAME |= {e.kanji[0]: e for e in ERAS}  # 「令7.4.1」「昭25.3.1」

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


class WarekiError(ValueError):
    """A date that cannot be read; the message is Japanese and shown as is."""


FIRST_DAY = ERAS[-1].start  # 明治元年: the first day a 和暦 date (and a date in this program) can name


def era_of(d: date) -> Era:
    for era in ERAS:
        if d >= era.start:
            return era
    raise WarekiError(f"{d.isoformat()} は明治より前の日付です")


def _kanji_number(text: str) -> int:
    """Read 十七, 三十一, 二〇二五 style numerals (up to 99 with 十, or digit by digit)."""
    if text in ("元",):
        return 1
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _KANJI_DIGITS[tens] if tens else 1
        o = _KANJI_DIGITS[ones] if ones else 0
        return t * 10 + o
    value = 0
    for ch in text:
        value = value * 10 + _KANJI_DIGITS[ch]
    return value


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    try:
        return _kanji_number(text)
    except KeyError:
        raise WarekiError(f"「{text}」を数字として読めません") from None


_ERA_NAMES = "|".join(sorted(_BY_NAME, key=len, reverse=True))
_NUM = r"(\d+|元|[〇零一二三四五六七八九十]+)"
# Compiled on the first 和暦 date (re's own cache), not by every process that imports this: ~1 ms.
_WAREKI = (
    rf"^(?P<era>{_ERA_NAMES})\s*(?P<y>{_NUM[1:-1]})\s*(?:年|[./\-])\s*"
    rf"(?:(?P<m>{_NUM[1:-1]})\s*(?:月|[./\-])\s*(?P<d>{_NUM[1:-1]})\s*日?)?$"
)
_SEIREKI = r"^(?P<y>\d{4})\s*(?:年|[./\-])\s*(?P<m>\d{1,2})\s*(?:月|[./\-])\s*(?P<d>\d{1,2})\s*日?$"
_COMPACT = r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"  # 20250630, as on many forms
# The dashes volunteers type between numbers, which NFKC leaves as they are.
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−ー－", "-"))


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().translate(_DASHES)


def parse_date(text: str) -> date:
    """Read a date written as 2025-04-01, 2025/4/1, 20250401, 2025年4月1日, 令和7年4月1日, R7.4.1,
    昭和25年3月1日, 平成元年1月8日, 令和七年十月十七日 (full-width digits too)."""
    if len(text) == 10 and text[4] == text[7] == "-" and text.isascii() and text.replace("-", "").isdigit():
        try:  # 2025-04-01, as every saved case writes it: read without a regex
            return date.fromisoformat(text)
        except ValueError:
            pass  # no such day: said below
    raw = text
    text = _clean(text)
    if not text:
        raise WarekiError("日付が空です")
    m = re.match(_SEIREKI, text) or re.match(_COMPACT, text)
    era = None
    if m is None:
        m = re.match(_WAREKI, text)
        if m is None or m.group("m") is None:
            raise WarekiError(f"「{raw}」は日付として読めません（例: 2025-04-01、令和7年4月1日、R7.4.1）")
        era = _BY_NAME[m.group("era")]
    year = _number(m.group("y"))
    month = _number(m.group("m"))
    day = _number(m.group("d"))
    if era is not None:
        if year < 1:
            raise WarekiError(f"「{raw}」: {era.kanji}{year}年という年はありません")
        year = era.start.year + year - 1
    try:
        result = date(year, month, day)
    except ValueError:
        raise WarekiError(f"「{raw}」は存在しない日付です") from None
    if era is not None:
        if result < era.start or era_of(result) is not era:
            raise WarekiError(f"「{raw}」は{era.kanji}の期間外の日付です")
    return result


def parse_era_year(text: str) -> int:
    """Read a (fiscal) year: 2025, 2025年, 令和7年, 令和7年度, R7, 平成元年 → western year."""
    text = _clean(text).removesuffix("度").removesuffix("年")
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    m = re.fullmatch(rf"(?P<era>{_ERA_NAMES})\s*(?P<y>{_NUM[1:-1]})", text)
    if m is None:
        raise WarekiError(f"「{text}」は年として読めません（例: 2025、令和7年）")
    era = _BY_NAME[m.group("era")]
    year = _number(m.group("y"))
    if year < 1:
        raise WarekiError(f"{era.kanji}{year}年という年はありません")
    return era.start.year + year - 1


def era_year(d: date) -> str:
    """令和7年 / 令和元年 for the date's era year (the western year before 明治: nothing to print it in)."""
    if d < FIRST_DAY:
        return f"{d.year}年"
    era = era_of(d)
    n = d.year - era.start.year + 1
    return f"{era.kanji}{'元' if n == 1 else n}年"


def format_wareki(d: date) -> str:
    """令和7年11月23日 (令和元年5月1日 for the first year), as letters print dates."""
    return f"{era_year(d)}{d.month}月{d.day}日"


def fiscal_year_label(fy: int) -> str:
    """令和7年度 for fiscal year 2025 (April 2025 – March 2026)."""
    return era_year(date(fy, 4, 1)) + "度"
