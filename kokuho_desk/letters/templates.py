"""Letter templates as data: read and validate forms/*.toml (format: forms/README.md).

One file per letter KIND; forms/_style.toml holds the shared page and type sizes,
which a form may override in its own ``[layout]`` table. Validation is strict and
speaks Japanese: an unknown key, placeholder, list, table or column is refused
with the file and the place named, so a desk that adds a letter learns at once
what is wrong, not when a client is waiting at the counter.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kokuho_desk import paths
from kokuho_desk.letters.context import CHOICES, FACTS, FIELDS, LISTS, TABLES

STYLE_FILE = "_style.toml"
MIN_LEFT_MARGIN_MM = 25  # room for a two-hole punch

STYLE_KEYS: dict[str, type | tuple[type, ...]] = {
    "left_mm": (int, float),
    "right_mm": (int, float),
    "top_mm": (int, float),
    "bottom_mm": (int, float),
    "body_size": (int, float),
    "title_size": (int, float),
    "heading_size": (int, float),
    "small_size": (int, float),
    "leading": (int, float),
}

# block type → {key: (type, required)}
BLOCKS: dict[str, dict[str, tuple[type | tuple[type, ...], bool]]] = {
    "text": {"text": (str, True), "indent": (bool, False)},
    "heading": {"text": (str, True), "align": (str, False)},
    "note": {"text": (str, True)},
    "fields": {"rows": (list, True), "title": (str, False)},
    "list": {"source": (str, True), "title": (str, False), "blank_lines": (int, False)},
    "table": {"source": (str, True), "columns": (list, True), "title": (str, False), "blank_rows": (int, False)},
    "choices": {"source": (str, True), "title": (str, False)},
    "attachments": {"items": (list, True), "title": (str, False)},
    "basis": {"title": (str, False), "with_check": (bool, False)},
    "blank_lines": {"label": (str, True), "count": (int, False)},
    "signature": {"label": (str, False)},
    # The applicant's own account: each [facts, sentence] is printed when every fact holds and every
    # value the sentence uses is known; then blank_lines ruled lines to add by hand.
    "statement": {"sentences": (list, True), "title": (str, False), "blank_lines": (int, False)},
    "mynumber": {"label": (str, False)},  # 個人番号 boxes, always blank (the tool never stores one)
}

# What the checks concluded is never sent to the office (context.py): an office form may not use these.
CLIENT_ONLY = {
    "verdict",
    "reasons",
    "missing",
    "premium_reasons",
    "notes",
    "review_notes",
    "expired_arrears",
    "checks",
    "next_actions",
    "log",
    "expired_total",
    "notice_difference",
}
# Placeholders a title may use (the list of letters shows titles unfilled).
TITLE_FIELDS = {"levy"}

TOP_KEYS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "kind": (str, True),
    "title": (str, True),
    "description": (str, True),
    "order": (int, True),
    "audience": (str, True),
    "check": (str, False),
    "applicant_label": (str, False),
    "basis": (list, False),
    "layout": (dict, False),
    "blocks": (list, True),
    "helper": (str, False),
}
HELPERS = {"companion": "代理人・同行者の欄（相談窓口の設定から）", "agent": "代理人の欄（委任状: 代理人の氏名）"}
AUDIENCES = {
    "office": "市町村の窓口に出す書類（宛先・申請者欄・署名欄あり）",
    "client": "相談者が持ち帰る書類（宛先なし）",
}


class TemplateError(ValueError):
    """A form file is not valid; the message is Japanese and names file and place."""


@dataclass(frozen=True)
class Block:
    """One block of a letter form (a heading, a paragraph, a table …) with its options."""

    type: str
    options: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)


@dataclass(frozen=True)
class LetterForm:
    """A letter form as read from forms/: what it is for, its blocks and its page style."""

    kind: str
    title: str
    description: str
    order: int
    audience: str
    blocks: tuple[Block, ...]
    style: dict[str, float]
    check: str | None = None
    applicant_label: str = "申請者（世帯主）"
    basis: tuple[str, ...] = ()
    helper: str = "companion"
    path: Path | None = field(default=None, compare=False)

    @property
    def generic_title(self) -> str:
        """The title as listed, before a case says whether it is 保険料 or 保険税."""
        return self.title.replace("{levy}", "保険料（税）")


def _type_name(tp: type | tuple[type, ...]) -> str:
    first = tp[0] if isinstance(tp, tuple) else tp
    return {str: "文字列", int: "整数", bool: "true/false", list: "配列", dict: "表", float: "数値"}[first]


def _check_keys(where: str, data: dict[str, Any], spec: dict[str, tuple[Any, bool]]) -> None:
    for key in data:
        if key not in spec:
            raise TemplateError(f"{where}: 「{key}」という項目はありません（使えるもの: {', '.join(spec)}）")
    for key, (tp, required) in spec.items():
        if key not in data:
            if required:
                raise TemplateError(f"{where}: 「{key}」がありません")
            continue
        value = data[key]
        if not isinstance(value, tp) or (tp in (int, (int, float)) and isinstance(value, bool)):
            raise TemplateError(f"{where}.{key}: {_type_name(tp)}で書いてください")


def placeholders(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def _check_text(where: str, text: str) -> None:
    try:
        names = placeholders(text)
    except ValueError as e:
        raise TemplateError(f"{where}: 波かっこ {{ }} の対応が正しくありません（{e}）") from None
    for name in names:
        if name not in FIELDS:
            raise TemplateError(f"{where}: 差し込み項目「{{{name}}}」はありません（forms/README.md の一覧を参照）")


def _check_source(where: str, source: str, known: dict[str, Any]) -> None:
    if source not in known:
        raise TemplateError(f"{where}.source: 「{source}」は使えません（使えるもの: {', '.join(known)}）")


def _check_statement(where: str, sentences: list) -> None:
    for i, item in enumerate(sentences):
        if not (
            isinstance(item, list)
            and len(item) == 2
            and isinstance(item[0], list)
            and all(isinstance(f, str) for f in item[0])
            and isinstance(item[1], str)
        ):
            raise TemplateError(f'{where}.sentences[{i}]: [["事実", …], "文"] の形で書いてください')
        for fact in item[0]:
            if fact.removeprefix("not ") not in FACTS:
                raise TemplateError(
                    f"{where}.sentences[{i}]: 事実「{fact}」はありません（使えるもの: {', '.join(FACTS)}）"
                )
        _check_text(f"{where}.sentences[{i}]", item[1])


def _client_only_names(block: Block) -> set[str]:
    texts = [block.get(k, "") for k in ("text", "title", "label")] + [v for _, v in block.get("rows", [])]
    texts += [s for _, s in block.get("sentences", [])]
    names = {n for t in texts for n in placeholders(t)}
    if block.get("source"):
        names.add(block.get("source"))
    return names & CLIENT_ONLY


def _check_block(where: str, raw: Any) -> Block:
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise TemplateError(f"{where}: type（{', '.join(BLOCKS)}）を書いてください")
    btype = raw["type"]
    if btype not in BLOCKS:
        raise TemplateError(f"{where}.type: 「{btype}」はありません（使えるもの: {', '.join(BLOCKS)}）")
    options = {k: v for k, v in raw.items() if k != "type"}
    _check_keys(where, options, BLOCKS[btype])
    for key in ("text", "title", "label"):
        if key in options:
            _check_text(f"{where}.{key}", options[key])
    if btype == "fields":
        for i, row in enumerate(options["rows"]):
            if not (isinstance(row, list) and len(row) == 2 and all(isinstance(c, str) for c in row)):
                raise TemplateError(f'{where}.rows[{i}]: ["見出し", "内容"] の形で書いてください')
            _check_text(f"{where}.rows[{i}]", row[1])
    elif btype == "list":
        _check_source(where, options["source"], LISTS)
    elif btype == "choices":
        _check_source(where, options["source"], CHOICES)
    elif btype == "table":
        _check_source(where, options["source"], TABLES)
        columns = TABLES[options["source"]]
        if not options["columns"]:
            raise TemplateError(f"{where}.columns: 列を1つ以上書いてください")
        for col in options["columns"]:
            if col not in columns:
                raise TemplateError(
                    f"{where}.columns: 「{col}」という列はありません（使えるもの: {', '.join(columns)}）"
                )
    elif btype == "statement":
        _check_statement(where, options["sentences"])
    elif btype == "blank_lines" and options.get("count", 3) < 1:
        raise TemplateError(f"{where}.count: 行数は1以上にしてください")
    elif btype == "list" and options.get("blank_lines", 3) < 0:
        raise TemplateError(f"{where}.blank_lines: 0以上にしてください")
    elif btype == "heading" and options.get("align", "left") not in ("left", "center"):
        raise TemplateError(f"{where}.align: left か center を書いてください")
    elif btype == "attachments":
        if not all(isinstance(i, str) for i in options["items"]):
            raise TemplateError(f"{where}.items: 文字列の配列で書いてください")
    return Block(btype, options)


def _check_style(where: str, style: dict[str, Any]) -> dict[str, float]:
    for key, value in style.items():
        if key not in STYLE_KEYS:
            raise TemplateError(f"{where}: 「{key}」という項目はありません（使えるもの: {', '.join(STYLE_KEYS)}）")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise TemplateError(f"{where}.{key}: 正の数で書いてください")
    if style.get("left_mm", MIN_LEFT_MARGIN_MM) < MIN_LEFT_MARGIN_MM:
        raise TemplateError(f"{where}.left_mm: とじ穴のため左余白は{MIN_LEFT_MARGIN_MM}mm以上にしてください")
    return {k: float(v) for k, v in style.items()}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise TemplateError(f"{path.name}: TOMLとして読めません（{e}）") from None


def load_style(folder: Path) -> dict[str, float]:
    style = _check_style(STYLE_FILE, _read_toml(folder / STYLE_FILE))
    missing = [k for k in STYLE_KEYS if k not in style]
    if missing:
        raise TemplateError(f"{STYLE_FILE}: {', '.join(missing)} がありません")
    return style


def load_form(path: Path, base_style: dict[str, float]) -> LetterForm:
    name = path.name
    data = _read_toml(path)
    _check_keys(name, data, TOP_KEYS)
    if data["kind"] != path.stem:
        raise TemplateError(f"{name}: kind「{data['kind']}」はファイル名（{path.stem}）と同じにしてください")
    if data["audience"] not in AUDIENCES:
        raise TemplateError(f"{name}.audience: office か client を書いてください")
    if set(placeholders(data["title"])) - TITLE_FIELDS:
        raise TemplateError(f"{name}.title: 表題に使える差し込み項目は {', '.join(sorted(TITLE_FIELDS))} だけです")
    if data.get("helper", "companion") not in HELPERS:
        raise TemplateError(f"{name}.helper: {' か '.join(HELPERS)} を書いてください")
    basis = data.get("basis", [])
    if not all(isinstance(b, str) and b.strip() for b in basis):
        raise TemplateError(f"{name}.basis: 法令・通知を文字列の配列で書いてください")
    blocks = tuple(_check_block(f"{name}.blocks[{i}]", b) for i, b in enumerate(data["blocks"]))
    if any(b.type == "basis" for b in blocks) and not basis and not any(b.get("with_check") for b in blocks):
        raise TemplateError(f"{name}: basis ブロックがありますが、basis（根拠法令）が書かれていません")
    if data["audience"] == "office":
        for i, b in enumerate(blocks):
            if b.type == "basis" and b.get("with_check"):
                raise TemplateError(f"{name}.blocks[{i}]: 市町村に出す書類には判定の根拠（with_check）を載せません")
            if used := _client_only_names(b):
                raise TemplateError(
                    f"{name}.blocks[{i}]: 「{'」「'.join(sorted(used))}」は判定・助言なので、"
                    "市町村に出す書類には載せられません（相談記録票・計算書に載せてください）"
                )
    style = base_style | _check_style(f"{name}.layout", data.get("layout", {}))
    return LetterForm(
        kind=data["kind"],
        title=data["title"],
        description=data["description"],
        order=data["order"],
        audience=data["audience"],
        blocks=blocks,
        style=style,
        check=data.get("check"),
        applicant_label=data.get("applicant_label", "申請者（世帯主）"),
        basis=tuple(basis),
        helper=data.get("helper", "companion"),
        path=path,
    )


def load_forms(folder: Path) -> dict[str, LetterForm]:
    """Every form in the folder by KIND, in the order the forms give."""
    style = load_style(folder)
    forms = [load_form(p, style) for p in sorted(folder.glob("*.toml")) if p.name != STYLE_FILE]
    return {f.kind: f for f in sorted(forms, key=lambda f: (f.order, f.kind))}


@cache
def shipped_forms() -> dict[str, LetterForm]:
    """The forms shipped in forms/ (read once per process)."""
    return load_forms(paths.FORMS)
