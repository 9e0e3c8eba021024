"""Law as data: dated, cited parameters from resources/rules/*.toml.

A file is one topic; each top-level table is one parameter with dated values::

    [kenkei_5wari_per_person]
    description = "5割軽減の被保険者1人あたり加算額"
    unit = "yen"                      # yen | percent | ratio | count | months | table | text | date

    [[kenkei_5wari_per_person.values]]
    from = 2025-04-01                 # first day in force (a fiscal year starts on 04-01)
    to = 2026-03-31                   # optional last day; otherwise until the next value
    value = 305000                    # number, "9.30" decimal string, table, list, text
    status = "verified"               # verified | unverified | derived | planned
    source = "松阪市 令和7年度 … https://…"
    what_if = "child_reduction_2027"  # planned values only: the switch that turns them on
    derivation = "…"                  # derived values only: how they were computed from the source

The parameter id is ``<file stem>.<table name>``. A value marked ``unverified`` is used,
but every result that reads it says 要確認; so does a ``derived`` value (computed from
published figures rather than read from the law: the derivation says how); a ``planned``
value is ignored unless its what-if switch is on. ``tests/rules/test_law_files.py`` lints every file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from kokuho_desk import parsed_cache, paths

STATUSES = ("verified", "unverified", "derived", "planned")
UNITS = ("yen", "percent", "ratio", "count", "months", "table", "text", "date", "flag")


class ParameterError(LookupError):
    """A parameter is missing, malformed or has no value for the date; message in Japanese."""


@dataclass(frozen=True)
class Value:
    """A parameter's value for a span of days, with its status and source."""

    param: str
    value: Any
    valid_from: date
    valid_to: date | None
    status: str
    source: str
    what_if: str | None = None
    derivation: str | None = None  # derived values: how they were computed

    @property
    def verified(self) -> bool:
        return self.status == "verified"


@dataclass(frozen=True)
class Parameter:
    """One law value and its dated values (one top-level table of a file)."""

    id: str
    description: str
    unit: str
    values: tuple[Value, ...]  # sorted by valid_from

    def at(self, on: date, what_if: frozenset[str] = frozenset()) -> Value:
        """The value in force on a day (planned values only under their what-if switch)."""
        found = None
        for v in self.values:
            if v.status == "planned" and v.what_if not in what_if:
                continue
            if v.valid_from <= on and (v.valid_to is None or on <= v.valid_to):
                found = v  # later entries win, so a what-if value overrides the law in force
        if found is None:
            raise ParameterError(f"{self.id}（{self.description}）: {on.isoformat()} 時点の値がデータにありません")
        return found


def _parse_file(path: Path, root: Path) -> dict[str, Parameter]:
    """The parameters of one file, validated (ParameterError in Japanese otherwise)."""
    return _parse(path.read_bytes(), path.relative_to(root).as_posix())


def _parse(source: bytes, relative: str) -> dict[str, Parameter]:
    import tomllib  # only when the cache misses (parsed_cache.py)

    path = Path(relative)
    try:
        data = tomllib.loads(source.decode("utf-8"))
    except UnicodeDecodeError:
        raise ParameterError(f"{path.name}: UTF-8 の文字として読めません") from None
    except tomllib.TOMLDecodeError as e:
        raise ParameterError(f"{path.name}: TOMLとして読めません（{e}）") from None
    topic = path.with_suffix("").as_posix().replace("/", ".")
    out = {}
    for name, table in data.items():
        if name == "meta":
            continue
        pid = f"{topic}.{name}"
        if not isinstance(table, dict) or "values" not in table:
            raise ParameterError(f"{path.name}: [{name}] に values がありません")
        values = []
        for i, raw in enumerate(table["values"]):
            where = f"{path.name}: [{name}] の {i + 1} 番目の値"
            for key in ("from", "value", "status", "source"):
                if key not in raw:
                    raise ParameterError(f"{where} に {key} がありません")
            if raw["status"] not in STATUSES:
                raise ParameterError(f"{where}: status は {' / '.join(STATUSES)} のいずれかです")
            if raw["status"] == "planned" and not raw.get("what_if"):
                raise ParameterError(f"{where}: planned の値には what_if が必要です")
            if raw["status"] == "derived" and not str(raw.get("derivation", "")).strip():
                raise ParameterError(f"{where}: derived の値には derivation（導き方）が必要です")
            if not isinstance(raw["from"], date) or ("to" in raw and not isinstance(raw["to"], date)):
                raise ParameterError(f"{where}: from / to は日付（2025-04-01）で書いてください")
            if not str(raw["source"]).strip():
                raise ParameterError(f"{where}: source が空です")
            values.append(
                Value(
                    pid,
                    raw["value"],
                    raw["from"],
                    raw.get("to"),
                    raw["status"],
                    str(raw["source"]),
                    raw.get("what_if"),
                    raw.get("derivation"),
                )
            )
        unit = table.get("unit", "")
        if unit not in UNITS:
            raise ParameterError(f"{path.name}: [{name}] の unit は {' / '.join(UNITS)} のいずれかです")
        out[pid] = Parameter(
            pid, str(table.get("description", "")), unit, tuple(sorted(values, key=lambda v: v.valid_from))
        )
    return out


# The version of the parsed form: bump it whenever _parse or _to_plain/_from_plain changes, so
# caches written by an older loader are rebuilt.
LOADER_VERSION = "params-1"


@cache
def load_all(root: Path = paths.RULES) -> dict[str, Parameter]:
    """Every parameter under resources/rules, by id. Read once per process; parsed and validated
    once per change of the files (the parsed form is cached, parsed_cache.py)."""
    sources = parsed_cache.read_sources(root)
    key = parsed_cache.content_key(sources, LOADER_VERSION)
    cached = parsed_cache.load("law", key)
    if cached is not None:
        try:
            return _from_plain(cached)
        except (TypeError, ValueError, KeyError, IndexError):
            pass  # a corrupt cache file: parse again and replace it
    params: dict[str, Parameter] = {}
    for relative, source in sources.items():
        params.update(_parse(source, relative))
    parsed_cache.save("law", key, _to_plain(params))
    return params


def _to_plain(params: dict[str, Parameter]) -> list[Any]:
    """The parameters as plain data marshal keeps (dates as ordinals)."""
    return [
        (
            p.id,
            p.description,
            p.unit,
            [
                (
                    parsed_cache.to_plain(v.value),
                    v.valid_from.toordinal(),
                    v.valid_to.toordinal() if v.valid_to else None,
                    v.status,
                    v.source,
                    v.what_if,
                    v.derivation,
                )
                for v in p.values
            ],
        )
        for p in params.values()
    ]


def _from_plain(plain: list[Any]) -> dict[str, Parameter]:
    params = {}
    for pid, description, unit, values in plain:
        params[pid] = Parameter(
            pid,
            description,
            unit,
            tuple(
                Value(
                    pid,
                    parsed_cache.from_plain(value),
                    date.fromordinal(valid_from),
                    None if valid_to is None else date.fromordinal(valid_to),
                    status,
                    source,
                    what_if,
                    derivation,
                )
                for value, valid_from, valid_to, status, source, what_if, derivation in values
            ),
        )
    return params


@cache
def rules_version() -> str:
    """A digest of the law data (rules and municipal rates): a judgement stored under another
    version may be out of date."""
    import hashlib  # only here: its import loads OpenSSL, ~2.5 ms of a check that never asks this

    digest = hashlib.sha256()
    for root in (paths.RULES, paths.MUNICIPALITIES, paths.MASTER):
        for relative, source in parsed_cache.read_sources(root).items():
            digest.update(relative.encode() + b"\0" + source)
    return digest.hexdigest()[:16]


@lru_cache(maxsize=65_536)
def value_at(pid: str, on: date, what_if: frozenset[str] = frozenset()) -> Value:
    """parameter(pid).at(on, what_if), remembered: the law data is read once and never changes."""
    return parameter(pid).at(on, what_if)


def in_force_from(pid: str) -> date:
    """The first day a parameter has a value: the day its law came into force."""
    return parameter(pid).values[0].valid_from


class UnknownParameterError(KeyError):
    """The code names an id no data file defines: a bug (a misspelling), never missing law data.
    Not a ParameterError, so no check turns it into a 情報不足 verdict."""


def parameter(pid: str) -> Parameter:
    try:
        return load_all()[pid]
    except KeyError:
        raise UnknownParameterError(f"パラメータ {pid} はどのデータファイルにもありません") from None
