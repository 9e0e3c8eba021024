"""The area of a case for statistics: its municipality, or its prefecture.

The municipality is exported only when it looks like a municipality name (or a
prefecture-wide profile id such as 大阪府統一 is reduced to its prefecture); anything
else typed into the field is treated as free text and never exported. The prefecture
comes from the municipality name when it starts with one, else from the leading
都道府県 of the address. The address itself is read here only and never exported.
"""

from __future__ import annotations

import re
import unicodedata

from kokuho_desk.stats.bands import UNKNOWN

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
    "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
    "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県",
)
_PREFECTURE_RE = re.compile("^(" + "|".join(PREFECTURES) + ")")
# An optional prefecture, an optional 郡 or 政令市, then a name ending in 市区町村;
# kanji and kana only, so that notes, digits and punctuation never pass.
_MUNICIPALITY_RE = re.compile(
    r"^(?:" + "|".join(PREFECTURES) + r")?(?:[一-龥ぁ-んァ-ヶー]{1,6}[郡市])?[一-龥ぁ-んァ-ヶー]{1,6}[市区町村]$")


def _clean(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").replace(" ", "").replace("\u3000", "")


def prefecture_of(municipality: str | None, address: str | None) -> str:
    """The 都道府県 named at the start of the municipality, else of the address, else 不明."""
    for text in (municipality, address):
        m = _PREFECTURE_RE.match(_clean(text))
        if m:
            return m.group(1)
    return UNKNOWN


def municipality_of(municipality: str | None) -> str | None:
    """The municipality name without its prefecture, if the field holds one (else None:
    a profile id, a prefecture or free text)."""
    name = _clean(municipality)
    if not _MUNICIPALITY_RE.match(name) or name in PREFECTURES:
        return None
    return _PREFECTURE_RE.sub("", name)
