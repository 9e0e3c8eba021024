"""Every municipality of Japan (市区町村): resources/master/municipalities.toml (docs/municipalities.md).

A municipality is known by its 全国地方公共団体コード — always the 6-digit form with the check digit
(堺市 271403); a 5-digit code is completed with its check digit. A name is resolved with or without its
prefecture, in 全角 or 半角, and a ward of a 政令指定都市 resolves to its city (「堺市北区」→ 堺市). A name
that several municipalities share (北区, 府中市, 伊達市) is decided by the address; when the address does
not decide, the result lists the candidates and the caller asks — it never guesses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from kokuho_desk import parsed_cache, paths

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
# Patterns compiled on the first name resolved (re's own cache): a case with a code needs neither.
_PREFECTURE = "^(" + "|".join(PREFECTURES) + ")"
# Glyphs written either way in addresses and official lists (ヶ/ケ; KEN_ALL's 須惠町, 檮原町).
_VARIANTS = str.maketrans({"ヶ": "ケ", "ヵ": "カ", "惠": "恵", "檮": "梼", "鯵": "鰺"})
_GUN = r"^.+?郡(.+[町村])$"  # 「余市郡余市町」→ 余市町 (町村 are written with their 郡)


class CodeError(ValueError):
    """A 全国地方公共団体コード that is malformed or names no municipality (message in Japanese)."""


@dataclass(frozen=True)
class Municipality:
    """One municipality of Japan in the master list."""

    code: str  # 全国地方公共団体コード, 6 digits with the check digit
    prefecture: str
    name: str  # 「堺市」「北区」（東京都の特別区）「余市町」
    grade: str  # 生活保護の級地, 「1級地-1」…「3級地-2」
    wards: tuple[str, ...] = ()  # 政令指定都市の行政区

    @property
    def label(self) -> str:
        """As the window lists it: 「大阪府 堺市」."""
        return f"{self.prefecture} {self.name}"

    @property
    def full_name(self) -> str:
        return self.prefecture + self.name


@dataclass(frozen=True)
class Resolution:
    """What a name (and address) resolved to: one municipality, several (ambiguous), or none."""

    query: str
    candidates: tuple[Municipality, ...]

    @property
    def municipality(self) -> Municipality | None:
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    def message(self) -> str:
        """The question to ask when ambiguous: 「北区は東京都・札幌市・…にあります。…」."""
        places = "・".join(dict.fromkeys(_where(self.query, m) for m in self.candidates))
        return f"{self.query}は{places}にあります。住所か都道府県を入れてください"


def _where(query: str, m: Municipality) -> str:
    """How a candidate is told apart: its prefecture, or its city when the query names a ward."""
    return m.name if m.wards and _key(query) not in (_key(m.name), _key(m.full_name)) else m.prefecture


def _key(text: str) -> str:
    """Matching key: NFKC (全角/半角), no spaces, one glyph per variant."""
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "").strip().translate(_VARIANTS)


def check_digit(code5: str) -> str:
    """The 6th digit of a 全国地方公共団体コード (総務省: Σ digit × 6,5,4,3,2; 11 − (Σ mod 11), last digit)."""
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2)))
    return str((11 - total % 11) % 10)


def normalize_code(text: str) -> str:
    """The 6-digit code of what a volunteer typed (全角, 5 digits without the check digit);
    raises CodeError for a malformed code, a wrong check digit or a code of no municipality."""
    code = unicodedata.normalize("NFKC", text).strip().replace("-", "")
    if not re.fullmatch(r"[0-9]{5}|[0-9]{6}", code):
        raise CodeError("全国地方公共団体コードは6桁の数字です（例: 堺市 271403）")
    if len(code) == 5:
        code += check_digit(code)
    elif code[5] != check_digit(code[:5]):
        raise CodeError(f"全国地方公共団体コード「{code}」の最後の桁（検査数字）が合いません。番号を確かめてください")
    if code not in _by_code():
        raise CodeError(f"全国地方公共団体コード「{code}」の市区町村はありません（政令指定都市の区は市のコードです）")
    return code


@cache
def _data() -> dict:
    return parsed_cache.toml_files("master", paths.MASTER)["municipalities.toml"]  # parsed once per change


def master_source(key: str) -> str:
    """The citation of a column of the master list: "code" or "grade"."""
    return str(_data()["meta"][f"{key}_source"])


@cache
def _by_code() -> dict[str, Municipality]:
    data = _data()
    wards = data.get("wards", {})
    return {
        code: Municipality(code, pref, name, grade, tuple(wards.get(code, ())))
        for code, (pref, name, grade) in data["municipalities"].items()
    }


def all_municipalities() -> list[Municipality]:
    """Every municipality, in code order (北海道 first)."""
    return list(_by_code().values())


def by_code(code: str) -> Municipality | None:
    """The municipality of a code (6 digits, or 5 without the check digit); None if there is none."""
    try:
        return _by_code()[normalize_code(code)]
    except CodeError:
        return None


@cache
def _by_name() -> dict[str, tuple[Municipality, ...]]:
    """Each name (and each 政令市 ward name) → the municipalities it may mean."""
    index: dict[str, list[Municipality]] = {}
    for m in _by_code().values():
        for name in (m.name, *m.wards):
            index.setdefault(_key(name), []).append(m)
    return {k: tuple(v) for k, v in index.items()}


def _split_prefecture(text: str) -> tuple[str | None, str]:
    m = re.match(_PREFECTURE, text)
    return (m.group(1), text[m.end() :]) if m else (None, text)


def _candidates(rest: str) -> tuple[Municipality, ...]:
    """The municipalities a name without its prefecture may mean: the name itself, the name
    without its 郡, or a 政令市 followed by one of its wards (「堺市北区」)."""
    found = _by_name().get(rest)
    if found:
        return found
    gun = re.match(_GUN, rest)
    if gun and gun.group(1) in _by_name():
        return _by_name()[gun.group(1)]
    for m in _designated_cities():
        if rest.startswith(_key(m.name)) and rest[len(_key(m.name)) :] in map(_key, m.wards):
            return (m,)
    return ()


@cache
def _designated_cities() -> tuple[Municipality, ...]:
    """The 政令指定都市 (the municipalities with wards)."""
    return tuple(m for m in _by_code().values() if m.wards)


@lru_cache(maxsize=4096)
def _named(query: str) -> tuple[Municipality, ...]:
    """Every municipality a normalised name may mean (its prefecture, if given, narrows it)."""
    pref, rest = _split_prefecture(query)
    found = _candidates(rest) if rest else ()
    return tuple(m for m in found if m.prefecture == pref) if pref else found


@lru_cache(maxsize=4096)
def resolve(name: str, address: str | None = None) -> Resolution:
    """What a municipality name means, the address deciding between namesakes (remembered: a case
    is resolved by the premium and by the relief checks, and a desk's cases share a few names).

    「堺市」「大阪府堺市」「堺市北区」「大阪府　堺市」… → 堺市; 「北区」 with 「大阪府堺市北区…」 → 堺市; 「北区」
    alone → ambiguous (東京都北区 and the 政令市 with a 北区). A prefecture in the address or the
    city it names (「…堺市北区…」) decides; a bare 「北区赤羽」 does not.
    """
    query = _key(name)
    found = _named(query)
    if len(found) > 1 and address:
        found = _decide(found, _split_prefecture(query)[1], _key(address))
    return Resolution(name.strip(), found)


def _decide(found: tuple[Municipality, ...], rest: str, address: str) -> tuple[Municipality, ...]:
    """Narrow namesakes by the address: its prefecture, then the city it names right after."""
    pref, after = _split_prefecture(address)
    if pref:
        found = tuple(m for m in found if m.prefecture == pref) or found
    if len(found) > 1:
        # the address names the city (「堺市北区…」); the queried name itself at its start proves nothing
        named = tuple(m for m in found if _key(m.name) != rest and after.startswith(_key(m.name)))
        if len(named) == 1:
            return named
    return found
