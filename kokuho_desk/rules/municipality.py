"""Municipal rate profiles: resources/municipalities/<id>.toml (format: docs/municipality-profiles.md).

A profile names a municipality (or a group on one 統一 rate table), says whether it levies a
保険料 or a 保険税, to whom a letter is addressed (市区町村長名義), and gives the rate table of
each fiscal year with its source and status. A broken profile raises ProfileError naming the
file and the field, in Japanese.

A case finds its profile through the master list of municipalities (kokuho_desk/model/municipalities.py):
its municipality_code, else its municipality name read with its address, names one municipality, whose
profile is the one listing its code, else its name in the same prefecture (profile_for_case).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from kokuho_desk import parsed_cache, paths
from kokuho_desk.model import municipalities as master
from kokuho_desk.model.case import Case
from kokuho_desk.model.municipalities import Municipality, Resolution
from kokuho_desk.model.wareki import fiscal_year_label

PARTS = ("medical", "support", "care", "child")
PART_LABELS = {
    "medical": "医療分",
    "support": "後期高齢者支援金等分",
    "care": "介護納付金分",
    "child": "子ども・子育て支援納付金分",
}
KINDS = ("料", "税")
METHODS = ("2方式", "3方式")
ROUNDING_UNITS = (1, 10, 100, 1000)
STATUSES = ("verified", "unverified")
_PART_KEYS = {"income_rate_percent", "per_capita", "per_household", "cap", "per_capita_adult_extra"}
_YEAR_KEYS = {"method", "rounding", "status", "source", "follows", *PARTS}
_TOP_KEYS = {"id", "name", "aliases", "code", "kind", "addressee", "grade", "sources", "years", "relief", "note"}


class ProfileError(ValueError):
    """A profile is missing or malformed; the message (Japanese) names the file and field."""


@dataclass(frozen=True)
class PartRate:
    """The rates of one part (医療分, 支援金分, 介護分, 子ども分) in one fiscal year."""

    income_rate_percent: Decimal
    per_capita: int
    per_household: int
    cap: int
    per_capita_adult_extra: int = 0  # 子ども分: 18歳以上均等割 (朝霞市); 0 elsewhere


@dataclass(frozen=True)
class RateTable:
    """One fiscal year's rates, from a profile or from the case file's inline ``rates``."""

    parts: dict[str, PartRate]
    rounding: int = 1  # floor each part to this unit (明石市: 100円)
    method: str | None = None
    status: str = "verified"
    source: str = ""
    origin: str = ""  # shown to the user: 「大阪府統一 令和7年度」 or 「ケースファイルの料率」

    @classmethod
    def from_case(cls, rates: dict[str, Any]) -> RateTable:
        """The case file's inline table (already schema-validated); the same figures give the same
        table, parsed once per process."""
        try:
            key = (
                # the rate as written too: 9 and 9.0 are equal keys but show as 9% and 9.0%
                tuple(
                    (name, tuple(raw.items()), str(raw.get("income_rate_percent")))
                    for name, raw in rates.get("parts", {}).items()
                ),
                tuple((rates.get("rounding") or {}).items()),
            )
            table = _CASE_TABLES.get(key)
        except (AttributeError, TypeError):  # not the schema's shape: parsed (and refused) below
            return cls._parse_case(rates)
        if table is None:
            if len(_CASE_TABLES) >= _CASE_TABLES_LIMIT:
                _CASE_TABLES.clear()
            table = _CASE_TABLES[key] = cls._parse_case(rates)
        return table

    @classmethod
    def _parse_case(cls, rates: dict[str, Any]) -> RateTable:
        parts = {name: _part_from_dict(raw) for name, raw in rates.get("parts", {}).items()}
        rounding = int((rates.get("rounding") or {}).get("part", 1))
        method = "3方式" if any(p.per_household for p in parts.values()) else "2方式"
        return cls(parts, rounding, method, "verified", "ケースファイルに入力された料率", "ケースファイルの料率")


# The case files' inline tables by their figures (a desk enters a few; bounded for a long session).
_CASE_TABLES: dict[tuple, RateTable] = {}
_CASE_TABLES_LIMIT = 1024


def _part_from_dict(raw: dict[str, Any]) -> PartRate:
    return PartRate(
        income_rate_percent=Decimal(str(raw["income_rate_percent"])),
        per_capita=int(raw["per_capita"]),
        per_household=int(raw["per_household"]),
        cap=int(raw["cap"]),
        per_capita_adult_extra=int(raw.get("per_capita_adult_extra", 0)),
    )


@dataclass(frozen=True)
class MunicipalityProfile:
    """A municipality's (or a group's 統一) rate profile: resources/municipalities/<id>.toml."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # 料 | 税
    addressee: str  # 市区町村長名義, e.g. 「大阪市長」
    grade: str | None  # 生活保護の級地, e.g. 「1級地-1」
    sources: tuple[str, ...]
    relief: dict[str, Any] = field(default_factory=dict)  # the relief engineer's [relief] table, raw
    codes: tuple[str, ...] = ()  # 全国地方公共団体コード of the municipalities it covers (optional `code`)
    _years: dict[int, Any] = field(default_factory=dict, repr=False)
    path: Path | None = None
    # Each year's table, parsed on first use: the profile's data never changes in a process.
    _tables: dict[int, RateTable | None] = field(default_factory=dict, repr=False, compare=False)

    @property
    def fiscal_years(self) -> list[int]:
        return sorted(self._years)

    def rates_for(self, fiscal_year: int) -> RateTable | None:
        """The rate table of a fiscal year, or None if the profile has none for it."""
        if fiscal_year not in self._tables:
            self._tables[fiscal_year] = self._parse_rates(fiscal_year)
        return self._tables[fiscal_year]

    def _parse_rates(self, fiscal_year: int) -> RateTable | None:
        year = self._years.get(fiscal_year)
        if year is None:
            return None
        if "follows" in year:
            table = load_profile(year["follows"]).rates_for(fiscal_year)
            if table is None:
                raise ProfileError(
                    f"{self._file}: years.{fiscal_year}.follows: "
                    f"「{year['follows']}」に {fiscal_year} 年度の料率がありません"
                )
            return RateTable(
                table.parts,
                table.rounding,
                table.method,
                year["status"],
                f"{year['source']}（{table.source}）",
                f"{self.name} {fiscal_year_label(fiscal_year)}",
            )
        parts = {p: _part_from_dict(year[p]) for p in PARTS if p in year}
        return RateTable(
            parts,
            int(year["rounding"]),
            year["method"],
            year["status"],
            year["source"],
            f"{self.name} {fiscal_year_label(fiscal_year)}",
        )

    @property
    def _file(self) -> str:
        return self.path.name if self.path else self.id


# --- validation ---------------------------------------------------------------------------------


def _yen(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ProfileError(f"{where}: 金額は0以上の整数（円）で書いてください")
    return value


def _check_part(raw: Any, where: str, method: str) -> None:
    if not isinstance(raw, dict):
        raw_type = type(raw).__name__
        raise ProfileError(
            f"{where}: 表（{{ income_rate_percent = …, per_capita = …, … }}）で書いてください（{raw_type}）"
        )
    unknown = set(raw) - _PART_KEYS
    if unknown:
        raise ProfileError(f"{where}: 知らない項目があります: {', '.join(sorted(unknown))}")
    for key in ("income_rate_percent", "per_capita", "per_household", "cap"):
        if key not in raw:
            raise ProfileError(f"{where}.{key}: 必須の項目がありません")
    rate = raw["income_rate_percent"]
    try:
        if isinstance(rate, bool) or not isinstance(rate, (str, int)) or not 0 <= Decimal(str(rate)) <= 100:
            raise InvalidOperation
    except InvalidOperation:
        raise ProfileError(
            f'{where}.income_rate_percent: 所得割率は "9.30" のように文字列（%）で書いてください'
        ) from None
    for key in ("per_capita", "per_household", "cap", "per_capita_adult_extra"):
        if key in raw:
            _yen(raw[key], f"{where}.{key}")
    if method == "2方式" and raw["per_household"]:
        raise ProfileError(f"{where}.per_household: 2方式なので平等割は 0 です")


def _check_year(fy: int, year: Any, where: str) -> None:
    if not isinstance(year, dict):
        raise ProfileError(f"{where}: [years.{fy}] は表で書いてください")
    unknown = set(year) - _YEAR_KEYS
    if unknown:
        raise ProfileError(f"{where}: 知らない項目があります: {', '.join(sorted(unknown))}")
    if year.get("status") not in STATUSES:
        raise ProfileError(f"{where}.status: verified または unverified を書いてください")
    if not str(year.get("source", "")).strip():
        raise ProfileError(f"{where}.source: 出典（ページ名とURL）を書いてください")
    if "follows" in year:
        if set(year) & set(PARTS):
            raise ProfileError(f"{where}: follows を使う年度には料率を書かないでください")
        return
    if year.get("method") not in METHODS:
        raise ProfileError(f'{where}.method: "2方式" または "3方式" を書いてください')
    if year.get("rounding") not in ROUNDING_UNITS:
        raise ProfileError(f"{where}.rounding: 端数処理の単位は 1・10・100・1000 のいずれかです")
    present = [p for p in PARTS if p in year]
    if not present:
        raise ProfileError(f"{where}: 賦課区分（medical / support / care / child）が1つもありません")
    for p in present:
        _check_part(year[p], f"{where}.{p}", year["method"])


def _parse(path: Path, data: dict[str, Any] | None = None) -> MunicipalityProfile:
    """A profile validated: data as parsed from path (read when not given)."""
    name = path.name
    if data is None:
        import tomllib  # bundled profiles come parsed from the cache (_all)

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise ProfileError(f"{name}: TOMLとして読めません（{e}）") from None
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ProfileError(f"{name}: 知らない項目があります: {', '.join(sorted(unknown))}")
    for key in ("id", "name", "kind", "addressee"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ProfileError(f"{name}: {key}: 必須の項目がありません")
    if data["id"] != path.stem:
        raise ProfileError(f"{name}: id: ファイル名と同じ「{path.stem}」にしてください")
    if data["kind"] not in KINDS:
        raise ProfileError(f'{name}: kind: "料"（保険料）または "税"（保険税）を書いてください')
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ProfileError(f"{name}: aliases: 文字列のリストで書いてください")
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not sources:
        raise ProfileError(f"{name}: sources: 出典のリストを書いてください")
    relief = data.get("relief", {})
    if not isinstance(relief, dict):
        raise ProfileError(f"{name}: relief: 表（[relief]）で書いてください")
    codes = data.get("code", [])
    codes = [codes] if isinstance(codes, str) else codes
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise ProfileError(f'{name}: code: 全国地方公共団体コード（"271403"）か、そのリストで書いてください')
    try:
        codes = [master.normalize_code(c) for c in codes]
    except master.CodeError as e:
        raise ProfileError(f"{name}: code: {e}") from None
    grade = data.get("grade")
    if grade is not None and not isinstance(grade, str):
        raise ProfileError(f"{name}: grade: 「1級地-1」のように文字列で書いてください")
    years_raw = data.get("years")
    if not isinstance(years_raw, dict) or not years_raw:
        raise ProfileError(f"{name}: years: 年度ごとの料率（[years.2025] など）がありません")
    years: dict[int, Any] = {}
    for key, year in years_raw.items():
        if not key.isdigit() or not 2000 <= int(key) <= 2100:
            raise ProfileError(f"{name}: years.{key}: 年度は西暦4桁（2025 など）で書いてください")
        _check_year(int(key), year, f"{name}: years.{key}")
        years[int(key)] = year
    return MunicipalityProfile(
        id=data["id"],
        name=data["name"],
        aliases=tuple(aliases),
        kind=data["kind"],
        addressee=data["addressee"],
        grade=grade,
        sources=tuple(str(s) for s in sources),
        relief=relief,
        codes=tuple(codes),
        _years=years,
        path=path,
    )


# --- lookup -------------------------------------------------------------------------------------


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


@cache
def _all(root: Path = paths.MUNICIPALITIES) -> dict[str, MunicipalityProfile]:
    try:
        tables = parsed_cache.toml_files("profiles", root, recursive=False)  # parsed once per change
    except parsed_cache.TomlFileError as e:
        raise ProfileError(str(e)) from None
    return {Path(relative).stem: _parse(root / relative, data) for relative, data in tables.items()}


def list_profiles() -> list[MunicipalityProfile]:
    return list(_all().values())


@cache
def _index() -> dict[str, MunicipalityProfile]:
    """Every profile under each of its keys (id, name, aliases), normalised once."""
    index: dict[str, MunicipalityProfile] = {}
    for profile in _all().values():
        for key in (profile.id, profile.name, *profile.aliases):
            index.setdefault(_key(key), profile)
    return index


def load_profile(name_or_id: str) -> MunicipalityProfile:
    """A profile by id, name or alias (全角・半角 and case ignored)."""
    profile = _index().get(_key(name_or_id))
    if profile is None:
        known = "、".join(p.name for p in _all().values())
        raise ProfileError(f"自治体「{name_or_id}」の料率プロファイルがありません（登録済み: {known}）")
    return profile


def _prefecture(profile: MunicipalityProfile) -> str | None:
    """The prefecture a profile belongs to: its [relief] prefecture, else the one its names start with."""
    given = profile.relief.get("prefecture")
    if given:
        return str(given)
    names = [unicodedata.normalize("NFKC", n) for n in (profile.name, *profile.aliases)]
    return next((p for n in names for p in master.PREFECTURES if n.startswith(p)), None)


@cache
def profile_for_municipality(place: Municipality) -> MunicipalityProfile | None:
    """The profile of one municipality: the one listing its code, else one naming it (「堺市」
    「大阪府堺市」) that is not of another prefecture (so 堺市北区 never takes 東京都北区's)."""
    profiles = _all().values()
    by_code = next((p for p in profiles if place.code in p.codes), None)
    if by_code is not None:
        return by_code
    names = {_key(place.name), _key(place.full_name)}
    return next(
        (
            p
            for p in profiles
            if not p.codes
            and names & {_key(k) for k in (p.id, p.name, *p.aliases)}
            and _prefecture(p) in (None, place.prefecture)
        ),
        None,
    )


def municipality_of_case(case: Case) -> Resolution:
    """The municipality a case is in: its municipality_code, else its municipality name decided by
    its address (resolution.ambiguous: the name needs the prefecture or address; no candidates: the
    name is no municipality, e.g. a profile's group name 「大阪府統一」)."""
    if case.municipality_code:
        place = master.by_code(case.municipality_code)
        return Resolution(case.municipality or case.municipality_code, (place,) if place else ())
    if not case.municipality:
        return Resolution("", ())
    return master.resolve(case.municipality, case.contact.address if case.contact else None)


def profile_for_case(case: Case) -> MunicipalityProfile:
    """The rate profile of the case's municipality (raises ProfileError in Japanese).

    A municipality's rates are its own profile's only: a group profile the case names (「東京都特別区」)
    is never lent to a municipality without one (八王子市 is no 特別区; a ward may levy other rates than
    the group, as 江戸川区 does in 令和8年度). A name no municipality has is a profile id, name or alias
    as before (「東京都特別区」「osaka-pref」)."""
    resolution = municipality_of_case(case)
    place = resolution.municipality
    if resolution.ambiguous:
        raise ProfileError(resolution.message())
    if place is None:
        if case.municipality_code and not case.municipality:
            raise ProfileError(f"全国地方公共団体コード「{case.municipality_code}」の市区町村が見つかりません")
        return load_profile(case.municipality or "")
    own = profile_for_municipality(place)
    if own is not None:
        return own
    known = "、".join(p.name for p in _all().values())
    raise ProfileError(f"自治体「{place.full_name}」の料率プロファイルがありません（登録済み: {known}）")


def load_profile_file(path: str | Path) -> MunicipalityProfile:
    """Validate one profile file (for a desk adding its own)."""
    return _parse(Path(path))
