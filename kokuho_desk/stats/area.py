"""The area of a case for statistics: its municipality, or its prefecture.

``area_of`` is the one place that makes the row key of the tables: (prefecture,
municipality, 全国地方公共団体コード). The code is taken from the case when it has one
(``Case.municipality_code``, optional); the name alone keys the row until then.

The municipality field may hold a rate profile's id, name or alias (resources/
municipalities) or a typed name. It is exported only as a municipality name (the
profile's name when it is one); a group profile such as 大阪府統一 and anything else
typed into the field is never exported as such. The prefecture comes from the
profile's name or aliases when one starts with a 都道府県, else from the field, else
from the leading 都道府県 of the address. The address is read here only, never exported.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

from kokuho_desk.model.case import Case
from kokuho_desk.rules.municipality import ProfileError, load_profile

UNKNOWN = "不明"

PREFECTURES = (
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
)
_PREFECTURE_RE = re.compile("^(" + "|".join(PREFECTURES) + ")")
# An optional prefecture, an optional 郡 or 政令市, then a name ending in 市区町村;
# kanji and kana only, so that notes, digits and punctuation never pass.
_MUNICIPALITY_RE = re.compile(
    r"^(?:" + "|".join(PREFECTURES) + r")?(?:[一-龥ぁ-んァ-ヶー]{1,6}[郡市])?[一-龥ぁ-んァ-ヶー]{1,6}[市区町村]$"
)


def _clean(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").replace(" ", "").replace("\u3000", "")


@cache
def _profile_names(municipality: str) -> tuple[str, ...]:
    """The name and aliases of the rate profile the field names, else the field itself."""
    try:
        profile = load_profile(municipality)
    except ProfileError:
        return (municipality,)
    return (profile.name, *profile.aliases)


def _leading_prefecture(text: str | None) -> str | None:
    m = _PREFECTURE_RE.match(_clean(text))
    return m.group(1) if m else None


@cache
def _municipality_prefecture(municipality: str | None) -> str | None:
    if not municipality:
        return None
    return next(filter(None, map(_leading_prefecture, _profile_names(municipality))), None)


def prefecture_of(municipality: str | None, address: str | None) -> str:
    """The 都道府県 of the municipality (profile or field), else of the address, else 不明."""
    return _municipality_prefecture(municipality) or _leading_prefecture(address) or UNKNOWN


@cache
def municipality_of(municipality: str | None) -> str | None:
    """The municipality name without its prefecture (a profile's name when the field names
    one), else None: a group profile, a prefecture or free text."""
    if not municipality:
        return None
    name = _clean(_profile_names(municipality)[0])
    if not _MUNICIPALITY_RE.match(name) or name in PREFECTURES:
        return None
    return _PREFECTURE_RE.sub("", name)


class Area(NamedTuple):
    """A row of the tables: a municipality, or a prefecture (municipality "") when the
    municipality is unknown or too small to be shown alone (合算措置)."""

    prefecture: str
    municipality: str = ""
    code: str = ""  # 全国地方公共団体コード (6 digits with the check digit), when known

    def rolled_up(self) -> Area:
        return Area(self.prefecture)


def area_of(case: Case) -> Area:
    municipality = case.municipality
    prefecture = prefecture_of(municipality, case.contact.address if case.contact else None)
    name = municipality_of(municipality)
    if not name or prefecture == UNKNOWN:
        return Area(prefecture)
    return Area(prefecture, name, getattr(case, "municipality_code", None) or "")
