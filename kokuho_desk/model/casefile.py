"""Read and write the case file (JSON) with validation and Japanese error messages.

The schema in resources/schema/case.schema.json is the one description of the file:
the loader walks it to know which fields are amounts, dates and names (and
normalises what a volunteer typed there: 全角数字, 和暦, 「12万円」), then validates
the data against it, then builds the dataclasses. Every error names its field:
``members[1].birth_date: 存在しない日付です``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from kokuho_desk import paths
from kokuho_desk.model import case as case_module
from kokuho_desk.model.case import CASE_FORMAT, FILE_KEY, Case, age_on
from kokuho_desk.model.municipalities import CodeError, normalize_code
from kokuho_desk.model.normalize import (
    InputError,
    forbidden_character,
    normalize_name,
    normalize_phone,
    normalize_postal_code,
    parse_amount,
    parse_date_value,
)
from kokuho_desk.model.schema_check import SchemaChecker, SchemaError
from kokuho_desk.model.wareki import WarekiError, parse_era_year

MAX_AGE = 130
# Checked before parsing: a case file is a few kilobytes, and ~10 levels deep.
MAX_CASE_FILE_BYTES = 1_000_000
MAX_NESTING = 32


@dataclass(frozen=True)
class FieldError:
    """One problem of a case file, with the field it is in (``members[1].birth_date``)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class CaseFileError(ValueError):
    """The case file is not valid; .errors lists every problem with its field."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@cache
def case_schema() -> dict[str, Any]:
    with open(paths.SCHEMA / "case.schema.json", encoding="utf-8") as f:
        return json.load(f)


@cache
def _checker() -> SchemaChecker:
    return SchemaChecker(case_schema())


def _path_str(parts: typing.Iterable[Any]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


# --- normalisation guided by the schema -------------------------------------------------


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref:
        return case_schema()["$defs"][ref.rsplit("/", 1)[-1]]
    return node


def _kind(node: dict[str, Any]) -> str | None:
    """The value kind a schema node stands for: 'yen', 'date', 'name', 'fiscal_year', or None."""
    for option in node.get("anyOf", [node]):
        ref = option.get("$ref", "")
        if ref.endswith(("/yen", "/date", "/name", "/fiscal_year")):
            return ref.rsplit("/", 1)[-1]
    return None


def _normalise(value: Any, node: dict[str, Any], path: list[Any], errors: list[FieldError]) -> Any:
    if value is None:
        return None
    kind = _kind(node)
    try:
        if kind == "yen" and not isinstance(value, bool) and isinstance(value, (str, float)):
            return parse_amount(value)
        if kind == "date" and isinstance(value, str):
            return parse_date_value(value).isoformat()
        if kind == "name" and isinstance(value, str):
            return normalize_name(value)
        if kind == "fiscal_year" and isinstance(value, str):
            return parse_era_year(value)
    except (InputError, WarekiError) as e:
        errors.append(FieldError(_path_str(path), str(e)))
        return value
    if path == ["municipality_code"] and isinstance(value, str):
        try:
            return normalize_code(value) if value.strip() else None
        except CodeError as e:
            errors.append(FieldError("municipality_code", str(e)))
            return value
    text_rules = {"postal_code": normalize_postal_code, "phone": normalize_phone}
    if path and path[-1] in text_rules and isinstance(value, str) and value.strip():
        try:
            return text_rules[path[-1]](value)
        except InputError as e:
            errors.append(FieldError(_path_str(path), str(e)))
            return value
    options = [_resolve(o) for o in node.get("anyOf", [])] or [_resolve(node)]
    for option in options:
        if isinstance(value, dict) and "properties" in option:
            props = option["properties"]
            return {k: (_normalise(v, props[k], path + [k], errors) if k in props else v) for k, v in value.items()}
        if isinstance(value, list) and "items" in option:
            return [_normalise(v, option["items"], path + [i], errors) for i, v in enumerate(value)]
    return value


# --- Japanese messages for schema errors ------------------------------------------------

_TYPE_LABELS = {
    "integer": "整数",
    "number": "数値",
    "string": "文字列",
    "boolean": "はい/いいえ (true/false)",
    "object": "項目のまとまり",
    "array": "一覧",
    "null": "空欄",
}


_PATTERN_HINTS = {
    "phone": "電話番号は数字と「-」で入力してください（例: 06-1234-5678）",
    "postal_code": "郵便番号は 530-0001 の形で入力してください",
    "reason_code": "離職理由コードは2桁の数字です（例: 11）",
    "municipality_code": "全国地方公共団体コードは6桁の数字です（例: 堺市 271403）",
    "income_rate_percent": "料率は 9.30 のような数字（%）で入力してください",
}


def _message(err: SchemaError) -> str:
    v, expected = err.keyword, err.expected
    if v == "required":  # the error's path names the missing field itself (see _schema_errors)
        return "入力してください（必須の項目です）"
    if v == "type":
        types_ = expected if isinstance(expected, list) else [expected]
        return (
            "値の種類が正しくありません（"
            + "または".join(_TYPE_LABELS.get(t, str(t)) for t in types_)
            + "で入力してください）"
        )
    if v in ("enum", "const"):
        allowed = expected if v == "enum" else [expected]
        return "次のいずれかを指定してください: " + "、".join("空欄" if a is None else str(a) for a in allowed)
    if v == "minimum":
        return "マイナスは入力できません" if expected == 0 else f"{expected} 以上で入力してください"
    if v == "maximum":
        if expected == 1_000_000_000:
            return "金額が大きすぎます（10億円以下で入力してください）"
        return f"{expected} 以下で入力してください"
    if v == "maxLength":
        return f"長すぎます（{expected}文字以内で入力してください）"
    if v == "minLength":
        return "空欄にはできません"
    if v == "minItems":
        return f"少なくとも{expected}件必要です"
    if v == "maxItems":
        return f"{expected}件までです"
    if v == "minProperties":
        return "少なくとも1つの区分が必要です"
    if v == "additionalProperties":
        return "不明な項目があります: " + "、".join(expected)
    if v == "uniqueItems":
        return "同じ値が重複しています"
    if v == "pattern":
        field_name = err.path[-1] if err.path else ""
        return _PATTERN_HINTS.get(field_name, "形式が正しくありません")
    return "値の種類または形式が正しくありません"


def _schema_errors(data: Any) -> list[FieldError]:
    seen: dict[str, FieldError] = {}
    for err in _checker().errors(data):
        path = [*err.path, err.expected] if err.keyword == "required" else err.path
        fe = FieldError(_path_str(path), _message(err))
        seen.setdefault(fe.path, fe)
    return sorted(seen.values(), key=lambda e: e.path)


# --- dict → dataclasses ---------------------------------------------------------------------

Convert = typing.Callable[[Any], Any]


@cache
def _converter(tp: Any) -> Convert | None:
    """How a JSON value (never None) becomes a value of type ``tp``; None: it is used as it is.

    Worked out once per type, so that reading 100,000 stored cases does not inspect the
    type hints again for every field of every case."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(inner[0])
    if origin is list:
        (item,) = typing.get_args(tp)
        convert = _converter(item)
        if convert is None:
            return list
        return lambda values: [None if v is None else convert(v) for v in values]
    if origin is dict:
        return dict
    if tp is date:
        return date.fromisoformat
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_builder(tp)
    return None


def _dataclass_builder(cls: type) -> Convert:
    converted = [(name, c) for name, hint in _hints(cls).items() if (c := _converter(hint)) is not None]
    renamed = {f.metadata[FILE_KEY]: f.name for f in dataclasses.fields(cls) if FILE_KEY in f.metadata}

    def build(value: dict[str, Any]) -> Any:
        kwargs = {renamed.get(k, k): v for k, v in value.items()} if renamed else dict(value)
        for name, convert in converted:  # dates, lists, nested records; the rest as they are
            v = kwargs.get(name)
            if v is not None:
                kwargs[name] = convert(v)
        return cls(**kwargs)

    return build


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    convert = _converter(tp)
    return value if convert is None else convert(value)


@cache
def _hints(cls: type) -> dict[str, Any]:
    """Each field's type. The model's annotations are text (``from __future__ import annotations``):
    each distinct text is evaluated once among model/case.py's names, as typing.get_type_hints would
    evaluate it for every field of every class (which took the first case read 2.5 ms, this 0.3)."""
    return {f.name: _annotation(f.type) if isinstance(f.type, str) else f.type for f in dataclasses.fields(cls)}


@cache
def _annotation(text: str) -> Any:
    return eval(text, vars(case_module))  # an annotation written in model/case.py


# --- checks the schema cannot express ---------------------------------------------------------


def _semantic_errors(case: Case) -> list[FieldError]:
    errors: list[FieldError] = []
    heads = [i for i, m in enumerate(case.members) if m.relation == "head"]
    if not heads:
        errors.append(FieldError("members", "世帯主がいません。続柄で「世帯主」を1人選んでください"))
    elif len(heads) > 1:
        errors.append(FieldError(f"members[{heads[1]}].relation", "世帯主が2人以上います"))
    for i, m in enumerate(case.members):
        if m.birth_date is not None:
            if m.birth_date > case.as_of:
                errors.append(FieldError(f"members[{i}].birth_date", "生年月日が相談日より後になっています"))
            elif age_on(m.birth_date, case.as_of) > MAX_AGE:
                errors.append(
                    FieldError(
                        f"members[{i}].birth_date", f"年齢が{MAX_AGE}歳を超えています。生年月日を確かめてください"
                    )
                )
        if m.joined_date and m.left_date and m.left_date < m.joined_date:
            errors.append(FieldError(f"members[{i}].left_date", "国保の喪失日が加入日より前になっています"))
    for i, s in enumerate(case.seizures):
        if (
            s.amount is not None
            and s.monthly_gross is not None
            and s.asset in ("salary", "pension")
            and s.amount > s.monthly_gross
        ):
            errors.append(FieldError(f"seizures[{i}].amount", "差押額が支給額を超えています"))
    for i, r in enumerate(case.reliefs):
        if r.applied and r.decided and r.decided < r.applied:
            errors.append(FieldError(f"reliefs[{i}].decided", "決定日が申請日より前になっています"))
    for i, e in enumerate(case.log):
        if e.due_date is not None and e.due_date < e.entry_date:
            errors.append(FieldError(f"log[{i}].due_date", "期限が記録日より前になっています"))
    return errors


# --- public API ------------------------------------------------------------------------------


def _text_errors(value: Any, path: list[Any], errors: list[FieldError]) -> None:
    """Every text (and key) holding a forbidden character: control, bidi override, lone surrogate."""
    if isinstance(value, str):
        problem = forbidden_character(value)
        if problem:
            errors.append(FieldError(_path_str(path), problem))
    elif isinstance(value, dict):
        for k, v in value.items():
            problem = forbidden_character(k) if isinstance(k, str) else None
            if problem:
                errors.append(FieldError(_path_str(path), problem))
            else:
                _text_errors(v, path + [k], errors)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _text_errors(v, path + [i], errors)


def _nesting(text: str) -> int:
    """How deep the JSON text nests ([ and { outside strings), counted without parsing."""
    openers = text.count("[") + text.count("{")
    if openers <= MAX_NESTING:  # it cannot nest deeper than it opens (a case file: no regex compiled)
        return openers
    depth = deepest = 0
    for bracket in re.findall(r"[\[\]{}]", re.sub(r'"(?:[^"\\]|\\.)*"', "", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            break
    return deepest


def case_from_dict(data: Any) -> Case:
    """Validate and build a Case; raises CaseFileError listing every bad field."""
    if not isinstance(data, dict):
        raise CaseFileError([FieldError("", "ケースファイルの中身がJSONのオブジェクト（{…}）ではありません")])
    errors: list[FieldError] = []
    _text_errors(data, [], errors)
    if errors:
        raise CaseFileError(errors)
    data = _normalise(data, case_schema(), [], errors)
    reported = {e.path for e in errors}
    errors += [e for e in _schema_errors(data) if e.path not in reported]
    if not errors:
        case = _build(Case, data)
        errors = _semantic_errors(case)
    else:  # every problem at once
        reported = {e.path for e in errors}
        errors += [e for e in _semantic_errors_of_the_rest(data, errors) if e.path not in reported]
    if errors:
        raise CaseFileError(errors)
    return case


# Compiled on first use (re's cache): only for a file with errors.
_PATH_PART = r"([^.\[\]]+)|\[(\d+)\]"
_TOP_ITEM = r"^(?P<key>\w+)\[(?P<index>\d+)\]"


def _keys(path: str) -> list[Any]:
    return [int(i) if i else k for k, i in re.findall(_PATH_PART, path)]


def _blank(data: Any, keys: list[Any]) -> None:
    node = data
    for key in keys[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(node, dict) or (isinstance(node, list) and isinstance(keys[-1], int) and keys[-1] < len(node)):
        node[keys[-1]] = None


def _semantic_errors_of_the_rest(data: dict[str, Any], bad: list[FieldError]) -> list[FieldError]:
    """The checks the schema cannot express, on the case with its bad values blanked and, where a
    blank is not enough, the household member / record holding them set aside — so one save shows
    every problem. Paths are given back in the numbering the user sees."""
    rest = json.loads(json.dumps(data, default=str))
    for error in bad:
        if _keys(error.path):
            _blank(rest, _keys(error.path))
    kept: dict[str, list[int]] = {}
    for _ in range(3):
        remaining = _schema_errors(rest)
        if not remaining:
            break
        drop: dict[str, set[int]] = {}
        for error in remaining:
            m = re.match(_TOP_ITEM, error.path)
            if m is None or not isinstance(rest.get(m["key"]), list):
                return []
            drop.setdefault(m["key"], set()).add(int(m["index"]))
        for key, indices in drop.items():
            original = kept.setdefault(key, list(range(len(rest[key]))))
            kept[key] = [o for i, o in enumerate(original) if i not in indices]
            rest[key] = [item for i, item in enumerate(rest[key]) if i not in indices]
    else:
        return []

    def renumber(error: FieldError) -> FieldError:
        m = re.match(_TOP_ITEM, error.path)
        if m is None or m["key"] not in kept:
            return error
        original = kept[m["key"]][int(m["index"])]
        return FieldError(f"{m['key']}[{original}]{error.path[m.end() :]}", error.message)

    return [renumber(e) for e in _semantic_errors(_build(Case, rest))]


def case_from_validated_dict(data: dict[str, Any]) -> Case:
    """Build a Case from a dict this program validated when it saved it (the store's own
    rows): no normalisation or validation, which cost more than judging the case."""
    return _build(Case, data)


def case_from_json(text: str | bytes) -> Case:
    if len(text) > MAX_CASE_FILE_BYTES:
        raise CaseFileError(
            [FieldError("", f"ケースファイルが大きすぎます（{MAX_CASE_FILE_BYTES // 1_000_000}MBまで）")]
        )
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        if _nesting(text) > MAX_NESTING:
            raise CaseFileError([FieldError("", f"ケースファイルの入れ子が深すぎます（{MAX_NESTING}段まで）")])
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise CaseFileError([FieldError("", f"JSONとして読めません（{e.lineno}行{e.colno}文字目）")]) from None
    except UnicodeDecodeError:
        raise CaseFileError([FieldError("", "文字コードがUTF-8ではありません")]) from None
    return case_from_dict(data)


def load_case(path: str | Path) -> Case:
    try:
        if Path(path).stat().st_size > MAX_CASE_FILE_BYTES:  # before reading it into memory
            raise CaseFileError(
                [FieldError("", f"ケースファイルが大きすぎます（{MAX_CASE_FILE_BYTES // 1_000_000}MBまで）")]
            )
        raw = Path(path).read_bytes()
    except OSError as e:
        raise CaseFileError([FieldError("", f"ファイルを開けません: {path} ({e.strerror})")]) from None
    return case_from_json(raw)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        out = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            if v is None or v == [] or v == {}:
                continue
            out[f.metadata.get(FILE_KEY, f.name)] = _plain(v)
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def case_to_dict(case: Case) -> dict[str, Any]:
    """The canonical case-file dict: None and empty lists are left out, dates are ISO."""
    out = _plain(case)
    out.setdefault("format", CASE_FORMAT)
    return out


def case_to_json(case: Case) -> str:
    return json.dumps(case_to_dict(case), ensure_ascii=False, indent=1)


def save_case(case: Case, path: str | Path) -> None:
    Path(path).write_text(case_to_json(case) + "\n", encoding="utf-8")
