"""Normalise what a volunteer types: full-width digits, 円 and commas, spaces in names.

Each function either returns a clean value or raises InputError with a Japanese
message; none of them guesses.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date

from kokuho_desk.model.wareki import FIRST_DAY, WarekiError, parse_date

# The largest amount the desk accepts (10億円): anything above is a typing slip.
MAX_AMOUNT = 1_000_000_000
MAX_NAME_LENGTH = 100


# The last day a date may name: a later one is a typing slip (9999-12-31), and date arithmetic overflows there.
LAST_DAY = date(2099, 12, 31)
# Characters refused in any text: NUL and other control characters (tab and line breaks aside), ESC
# sequences, the bidirectional controls that make a name or address display as something else
# (right-to-left override, Trojan Source), and lone surrogates (no character at all).
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_FORBIDDEN_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{_BIDI_CONTROLS}\ud800-\udfff]")


def forbidden_character(text: str) -> str | None:
    """A Japanese description of the first character ``text`` may not hold, or None."""
    m = _FORBIDDEN_TEXT.search(text)
    if m is None:
        return None
    ch = m.group()
    if ch in _BIDI_CONTROLS:
        kind = "文字の向きを変える制御文字"
    elif "\ud800" <= ch <= "\udfff":
        kind = "壊れた文字（対になっていないサロゲート）"
    else:
        kind = "制御文字"
    return f"使えない文字（{kind} U+{ord(ch):04X}）が含まれています。取り除いてください"


class InputError(ValueError):
    """Bad input; str(e) is the Japanese message for the user."""


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# A loss is written with a minus sign or, on Japanese tax papers, with ▲ or △.
# Patterns compiled on the first amount written as text (re's own cache): a case file of whole
# numbers never needs them.
_SIGN = r"^[-−▲△]"
_AMOUNT = r"^[¥￥]?(?P<num>[0-9][0-9,]*)円?$"
_UNITS = r"^(?:(?P<man>[0-9]+(?:\.[0-9]+)?)万)?(?:(?P<sen>[0-9]+(?:\.[0-9]+)?)千)?(?P<rest>[0-9,]*)円?$"


def _scaled(number: str, unit: int, value: object) -> int:
    """「1.5」 of a unit of 10,000 or 1,000 yen, exactly (no float); refused below 1円."""
    whole, _, frac = number.partition(".")
    places = len(str(unit)) - 1
    if len(frac) > places:
        raise InputError(f"「{value}」は1円単位になりません")
    return int(whole) * unit + int((frac + "0" * places)[:places])


def _units_amount(text: str, value: object) -> int:
    """12万, 12万3000円, 8万5千円, 5千円."""
    m = re.match(_UNITS, text)
    if not m or not (m.group("man") or m.group("sen")):
        raise InputError(f"「{value}」は金額として読めません（例: 123456、12万3000円、8万5千円）")
    amount = 0
    if m.group("man"):
        amount += _scaled(m.group("man"), 10_000, value)
    if m.group("sen"):
        thousands = _scaled(m.group("sen"), 1_000, value)
        if m.group("man") and thousands >= 10_000:
            raise InputError(f"「{value}」の万未満の部分が1万円以上です")
        amount += thousands
    rest = m.group("rest").replace(",", "")
    if rest:
        limit = 1_000 if m.group("sen") else 10_000
        if int(rest) >= limit:
            unit = "千" if limit == 1_000 else "万"
            raise InputError(f"「{value}」の{unit}未満の部分が1{unit}円以上です")
        amount += int(rest)
    return amount


def parse_amount(value: object, *, allow_negative: bool = False) -> int:
    """Yen as an int from 123456, "１２３，４５６円", "¥3,000", "12万", "12万3000円", "8万5千円";
    a loss as "-30万", "▲300,000" or "△30万" (where negatives are allowed)."""
    if isinstance(value, bool):
        raise InputError("金額に真偽値は使えません")
    if isinstance(value, int):
        amount = value
    elif isinstance(value, float):
        if not math.isfinite(value):  # JSON's Infinity / NaN
            raise InputError("金額が数として読めません（Infinity や NaN は使えません）")
        if value != int(value):
            raise InputError("金額は1円単位の整数で入力してください")
        amount = int(value)
    elif isinstance(value, str):
        text = nfkc(value).strip().replace(" ", "")
        if not text:
            raise InputError("金額が空です")
        negative = bool(re.match(_SIGN, text))
        text = re.sub(_SIGN, "", text)
        m = re.match(_AMOUNT, text)
        amount = int(m.group("num").replace(",", "")) if m else _units_amount(text, value)
        if negative:
            amount = -amount
    else:
        raise InputError("金額の形式が正しくありません")
    if amount < 0 and not allow_negative:
        raise InputError("金額にマイナスは入力できません")
    if abs(amount) > MAX_AMOUNT:
        raise InputError("金額が大きすぎます（10億円以下で入力してください）")
    return amount


def parse_date_value(value: object) -> date:
    """A date from a date object or any text parse_date reads; InputError otherwise."""
    if isinstance(value, date):
        parsed = value
    elif not isinstance(value, str):
        raise InputError("日付の形式が正しくありません")
    else:
        try:
            parsed = parse_date(value)
        except WarekiError as e:
            raise InputError(str(e)) from None
    if parsed < FIRST_DAY:  # 0001-01-01 is a typing slip, and no rule or letter can use it
        raise InputError(f"「{value}」は明治より前の日付です。日付を確かめてください")
    if parsed > LAST_DAY:
        raise InputError(f"「{value}」は{LAST_DAY.year}年より後の日付です。日付を確かめてください")
    return parsed


def normalize_name(value: str) -> str:
    """Trim, fold runs of spaces (half- or full-width) into one 全角スペース-free ASCII space.

    Names are kept as typed otherwise (no NFKC: 髙 and 﨑 must survive); only the
    spacing is made uniform so that 「山田　太郎」 and 「山田 太郎」 are one person.
    """
    text = " ".join(value.split())  # split(): runs of what isspace() is (as re's \s), 全角スペース included
    if len(text) > MAX_NAME_LENGTH:
        raise InputError(f"名前が長すぎます（{MAX_NAME_LENGTH}文字以内）")
    return text


def normalize_phone(value: str) -> str:
    """０６－１２３４－５６７８, 06(1234)5678 → 06-1234-5678 style: full-width digits and the
    dashes volunteers type become ASCII; anything else but + ( ) and spaces is refused."""
    text = re.sub(r"[‐‑‒–—―−ー－]", "-", nfkc(value)).strip()
    if not re.fullmatch(r"[0-9+()\- ]*", text):
        raise InputError(f"「{value}」は電話番号として読めません（例: 06-1234-5678）")
    return text


def normalize_postal_code(value: str) -> str:
    """〒530-0001, ５３００００１ → 530-0001."""
    text = nfkc(value).replace("〒", "").strip()
    text = re.sub(r"[‐‑‒–—―−ー－\s]", "-", text)
    digits = text.replace("-", "")
    if not re.fullmatch(r"\d{7}", digits):
        raise InputError(f"「{value}」は郵便番号として読めません（例: 530-0001）")
    return f"{digits[:3]}-{digits[3:]}"
