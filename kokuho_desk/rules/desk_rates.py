"""Rate tables a consultation desk entered itself: 「相談窓口で入力した料率」 (docs/desk-rates.md).

For a municipality and fiscal year the bundled profiles (resources/municipalities/*.toml) lack, a
volunteer enters the rates from the client's 納入通知書 or the city's page. Each entry is a profile
year (method, rounding and the parts, in the same form as a profile's ``[years.N]``) with a
one-line source, who entered it and when. Its RateTable has status ``desk``: every result that used
it says 「相談窓口で入力した料率（出典）」 and is 要確認, never taken for verified data.

How the rules see them — explicitly, the core stays pure: the code that opened the store (the
window, ``open_cli_store`` for the subcommands) reads the desk's tables once and installs them
here, ``desk_rates.install(store.desk_rates())``, and again after saving one. The premium
(``premium.resolve_rates``) asks ``table_for`` only after the case file's inline ``rates`` and a
bundled profile's year: a desk table never replaces bundled data. Rescreen's worker processes get
the installed tables through their initializer (``install`` with ``installed()``), so a spawned
worker judges with the same tables as the parent.

The exchange file between desks is a profile file (``profile_text`` / ``entries_from_file``),
validated by the same code as the bundled profiles (municipality.load_profile_file).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from kokuho_desk.model.desk_rate import DESK_LABEL, DeskRate
from kokuho_desk.model.normalize import InputError, nfkc, parse_amount
from kokuho_desk.model.wareki import fiscal_year_label
from kokuho_desk.rules.municipality import (
    KINDS,
    PART_LABELS,
    PARTS,
    MunicipalityProfile,
    ProfileError,
    RateTable,
    _check_year,
    load_profile,
    load_profile_file,
)
from kokuho_desk.rules.result import REVIEW_MARK

DESK_STATUS = "desk"
DEFAULT_SOURCE = "通知書から"
_PART_KEY_ORDER = ("income_rate_percent", "per_capita", "per_household", "cap", "per_capita_adult_extra")


def name_key(municipality: str) -> str:
    """The stored name of a municipality: full-width letters and spaces made uniform."""
    return nfkc(municipality).strip()


def reason(entry: DeskRate) -> str:
    """The premium's note wherever a desk-entered table is used (計算書, letters, window)."""
    return (
        f"{REVIEW_MARK}: 料率は{entry.label}です。確認済みのデータではありません。"
        "通知書や市区町村のページと照らしてください"
    )


def table(entry: DeskRate) -> RateTable:
    """The RateTable the premium uses, labelled as desk-entered (status ``desk``)."""
    fy = entry.fiscal_year
    profile = MunicipalityProfile(
        id=entry.municipality,
        name=entry.municipality,
        aliases=(),
        kind=entry.kind,
        addressee="",
        grade=None,
        sources=(entry.source,),
        _years={fy: {**entry.year, "status": DESK_STATUS, "source": entry.source}},
    )
    rates = profile.rates_for(fy)
    assert rates is not None  # the profile was built with this one year, so it has it
    who = "・".join(x for x in (entry.entered_by, entry.entered_at[:10]) if x)
    source = f"{entry.label}: {entry.municipality} {fiscal_year_label(fy)}" + (f"（{who} 入力）" if who else "")
    return replace(rates, source=source, origin=f"{rates.origin} {entry.label}")


def normalized_year(year: dict[str, Any]) -> dict[str, Any]:
    """A profile year in one canonical form (key order, 所得割率 as a string), so equal tables compare
    and export equal."""
    out: dict[str, Any] = {"method": year["method"], "rounding": year["rounding"]}
    for part in PARTS:
        if part in year:
            raw = year[part]
            out[part] = {
                k: (str(raw[k]) if k == "income_rate_percent" else raw[k]) for k in _PART_KEY_ORDER if k in raw
            }
    return out


def check(entry: DeskRate) -> None:
    """Raise ProfileError (Japanese, naming the field) unless the entry is a valid rate table;
    the year is checked by the same code as a bundled profile's."""
    if not entry.municipality.strip():
        raise ProfileError("自治体: 自治体名を入力してください")
    where = f"{entry.municipality}: years.{entry.fiscal_year}"
    if not 2000 <= entry.fiscal_year <= 2100:
        raise ProfileError(f"{where}: 年度は西暦4桁（2026 など）で書いてください")
    if entry.kind not in KINDS:
        raise ProfileError(f'{entry.municipality}: kind: "料"（保険料）または "税"（保険税）を書いてください')
    if "\n" in entry.source.strip():
        raise ProfileError(f"{where}.source: 出典は1行で書いてください（「通知書から」またはページのURL）")
    if "follows" in entry.year:
        raise ProfileError(f"{where}.follows: 相談窓口の料率には使えません。料率そのものを書いてください")
    _check_year(entry.fiscal_year, {**entry.year, "status": "unverified", "source": entry.source}, where)


def bundled_name(municipality: str, fiscal_year: int) -> str | None:
    """The bundled profile's name when it has this year's rates (which a desk table must not replace)."""
    try:
        profile = load_profile(municipality)
    except ProfileError:
        return None
    return profile.name if fiscal_year in profile.fiscal_years else None


def canonical_name(municipality: str) -> str:
    """The name a desk table is stored under: the bundled profile's name when there is one."""
    try:
        return load_profile(municipality).name
    except ProfileError:
        return name_key(municipality)


# --- what a volunteer typed (the window's form) -------------------------------------------------

FIELD_LABELS = {
    "income_rate_percent": "所得割率",
    "per_capita": "均等割",
    "per_household": "平等割",
    "per_capita_adult_extra": "18歳以上均等割",
    "cap": "限度額",
}
_PERCENT = r"^(\d{1,3})(\.\d{1,4})?$"  # compiled on first use (re's cache): a check needs none


def parse_percent(text: str) -> str:
    """所得割率 as the profile's string: 「9.3」「９．３％」「9.3%」 → "9.3"; InputError otherwise."""
    value = nfkc(text).strip().removesuffix("%").strip()
    if not value:
        raise InputError("入力してください（例: 9.3%）")
    if not re.match(_PERCENT, value) or Decimal(value) > 100:
        raise InputError(f"「{text}」は率として読めません。「9.3」や「9.3%」のように入力してください")
    return value


def from_form(
    municipality: str,
    fiscal_year: int,
    kind: str,
    method: str,
    rounding: int,
    source: str,
    parts: dict[str, dict[str, str]],
) -> DeskRate:
    """The entry typed in the window: ``parts`` maps each part entered to its five boxes as typed
    (full-width digits, 「9.3%」, 「27,000円」 accepted). Raises InputError naming the part and field."""
    if not name_key(municipality):
        raise InputError("自治体: 自治体名を入力してください")
    if not parts:
        raise InputError("料率: 医療分などの区分を少なくとも1つ入力してください")
    year: dict[str, Any] = {"method": method, "rounding": rounding}
    for part in PARTS:
        if part not in parts:
            continue
        typed = parts[part]
        values: dict[str, str | int] = {}  # the rate as a string of %, the amounts in yen
        for key, label in FIELD_LABELS.items():
            if key == "per_capita_adult_extra" and part != "child":
                continue
            text = nfkc(typed.get(key, "")).strip()
            where = f"{PART_LABELS[part]}の{label}"
            try:
                if key == "income_rate_percent":
                    values[key] = parse_percent(text)
                elif not text and (key == "per_capita_adult_extra" or (key == "per_household" and method == "2方式")):
                    values[key] = 0
                else:
                    values[key] = parse_amount(text)
            except InputError as e:
                raise InputError(f"{where}: {e}") from None
            if key == "per_household" and method == "2方式" and values[key]:
                raise InputError(f"{where}: 2方式には平等割がありません（空欄にするか、3方式を選んでください）")
        year[part] = values
    entry = DeskRate(name_key(municipality), fiscal_year, kind, normalized_year(year), source.strip() or DEFAULT_SOURCE)
    check(entry)
    return entry


# --- the installed tables (read from the store by the caller) ------------------------------------

_installed: dict[tuple[str, int], DeskRate] = {}


def install(entries: Iterable[DeskRate]) -> None:
    """Make these the desk tables the premium may use (replacing those installed before)."""
    global _installed
    _installed = {(name_key(e.municipality), e.fiscal_year): e for e in entries}


def installed() -> list[DeskRate]:
    return list(_installed.values())


def table_for(names: Iterable[str], fiscal_year: int) -> DeskRate | None:
    """The installed desk table for the first of ``names`` (the case's municipality, its profile's
    name) that has one for the year."""
    for name in names:
        entry = _installed.get((name_key(name), fiscal_year))
        if entry is not None:
            return entry
    return None


# --- the exchange file: a profile file -----------------------------------------------------------


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"


def profile_text(file_id: str, entries: list[DeskRate]) -> str:
    """One municipality's desk tables as a profile file (format: docs/municipality-profiles.md)
    whose id is ``file_id`` (the file's name without .toml)."""
    entries = sorted(entries, key=lambda e: e.fiscal_year)
    name = entries[0].municipality
    kinds = {e.kind for e in entries}
    if len(kinds) > 1 or any(e.municipality != name for e in entries):
        raise ProfileError(f"{name}: kind: 年度によって保険料と保険税が違うため、1つのファイルにできません")
    lines = [
        f"# {DESK_LABEL}（国保デスク kokuho-desk rates export）。取り込み: kokuho-desk rates import",
        f"id = {_toml(file_id)}",
        f"name = {_toml(name)}",
        f"kind = {_toml(entries[0].kind)}",
        f"addressee = {_toml(name + '長')}",
        f"sources = {_toml([f'{fiscal_year_label(e.fiscal_year)}: {e.source}' for e in entries])}",
    ]
    for e in entries:
        lines += [
            "",
            f"[years.{e.fiscal_year}]",
            f"method = {_toml(e.year['method'])}",
            f"rounding = {e.year['rounding']}",
            'status = "unverified"',
            f"source = {_toml(e.source)}",
        ]
        lines += [f"{part} = {_toml(e.year[part])}" for part in PARTS if part in e.year]
    return "\n".join(lines) + "\n"


def entries_from_file(path: Path) -> list[DeskRate]:
    """The desk tables of a profile file, validated as a bundled profile is (ProfileError naming
    the file and field otherwise)."""
    profile = load_profile_file(path)
    import tomllib  # only when a desk file is read: off the start path of `check`

    years = tomllib.loads(path.read_text(encoding="utf-8"))["years"]
    entries = []
    for key, year in years.items():
        fy = int(key)
        body = {k: v for k, v in year.items() if k not in ("status", "source")}
        if "follows" in body:
            raise ProfileError(
                f"{path.name}: years.{key}.follows: 相談窓口の料率には使えません。料率そのものを書いてください"
            )
        entry = DeskRate(
            canonical_name(profile.name), fy, profile.kind, normalized_year(body), str(year["source"]).strip()
        )
        check(entry)
        entries.append(entry)
    return entries
