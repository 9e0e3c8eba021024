"""The statistics file: one zip the office opens directly.

Inside: one CSV per table with Japanese headings (UTF-8 with BOM, so that Excel reads it),
概要.csv (periods, desks, k, what was hidden), 項目の説明.csv (the codebook: each table, the
question it answers, who is counted, each column), and data.json, the same figures for
`stats merge`. A hidden count is shown as X; 0 is a real zero.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kokuho_desk.stats.counts import TOTAL_COLUMN, Cell
from kokuho_desk.stats.labels import SUPPRESSED, TOTAL
from kokuho_desk.stats.output import write_output
from kokuho_desk.stats.periods import Quarter
from kokuho_desk.stats.policy import Policy
from kokuho_desk.stats.tables import tables

FORMAT = "kokuho-desk/stats-tables-1"
DATA = "data.json"
OVERVIEW = "00_概要.csv"
CODEBOOK = "01_項目の説明.csv"
AREA_HEADINGS = ["年度・四半期", "都道府県", "市区町村", "全国地方公共団体コード"]


class StatsFileError(ValueError):
    """A statistics file that cannot be read; str(e) is the Japanese message."""


@dataclass
class StatsFile:
    """An anonymized statistics file: the counts of one desk, or of several desks merged."""

    kind: str  # desk | merged
    tables_version: str
    k: int
    export_id: str
    created: str
    desks: list[dict[str, Any]]  # {id, name, key, periods: {period: version}}
    hidden: dict[str, int]  # period → counts hidden
    cells: list[Cell] = field(default_factory=list)

    @property
    def periods(self) -> list[str]:
        return sorted(self.hidden)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "kind": self.kind,
            "tables_version": self.tables_version,
            "k": self.k,
            "export_id": self.export_id,
            "created": self.created,
            "desks": self.desks,
            "hidden": self.hidden,
            "cells": [list(c) for c in self.cells],
        }


def _csv(rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def _period_label(key: str) -> str:
    return Quarter.parse(key).label


def _table_csv(table, cells: list[Cell]) -> bytes:
    columns = [*(code for code, _ in table.columns), TOTAL_COLUMN]
    rows: dict[tuple, dict[str, int | None]] = {}
    for c in cells:
        rows.setdefault((c.period, c.prefecture == TOTAL, c.prefecture, c.municipality, c.code), {})[c.column] = c.value
    out = [[*AREA_HEADINGS, *(label for _, label in table.columns), TOTAL]]
    for (period, _, prefecture, municipality, code), values in sorted(rows.items()):
        shown = [SUPPRESSED if values.get(col) is None else values[col] for col in columns]
        out.append([_period_label(period), prefecture, municipality, code, *shown])
    return _csv(out)


def _overview(f: StatsFile) -> bytes:
    rows = [
        ["項目", "内容"],
        ["種類", "相談窓口の統計" if f.kind == "desk" else "統合した統計"],
        ["作成日", f.created],
        ["書き出し番号", f.export_id],
        ["しきい値 k", f"{f.k}（公表する件数は 0 か {f.k} 以上。{SUPPRESSED} は秘匿）"],
        ["表の版", f.tables_version],
    ]
    for d in f.desks:
        versions = "、".join(f"{_period_label(p)}（第{v}版）" for p, v in sorted(d["periods"].items()))
        rows.append(["相談窓口", f"{d['name']}（ID {d['id']}）: {versions}"])
    for period, n in sorted(f.hidden.items()):
        rows.append(
            [
                "秘匿した件数",
                f"{_period_label(period)}: {n}か所（1〜{f.k - 1}件の数と、合計から逆算されないよう隠した数）",
            ]
        )
    rows.append(
        [
            "注意",
            "件数は世帯（相談ケース）の数です。初回相談の四半期で数えます。"
            f"{f.k}件未満の市区町村は都道府県にまとめています。",
        ]
    )
    return _csv(rows)


def _codebook(policy: Policy) -> bytes:
    rows = [["ファイル", "表", "答える問い", "数えている世帯", "列"]]
    for i, t in enumerate(tables(policy), start=2):
        rows.append(
            [
                _file_name(i, t),
                t.title,
                t.question,
                t.population_label,
                "、".join(label for _, label in t.columns) + f"、{TOTAL}",
            ]
        )
    return _csv(rows)


def _file_name(i: int, table) -> str:
    return f"{i:02d}_{table.title}.csv"  # titles hold no character a file name may not


def to_zip(f: StatsFile, policy: Policy) -> bytes:
    buf = io.BytesIO()
    by_table: dict[str, list[Cell]] = {}
    for c in f.cells:
        by_table.setdefault(c.table, []).append(c)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(OVERVIEW, _overview(f))
        z.writestr(CODEBOOK, _codebook(policy))
        for i, table in enumerate(tables(policy), start=2):
            z.writestr(_file_name(i, table), _table_csv(table, by_table.get(table.id, [])))
        z.writestr(DATA, json.dumps(f.to_json(), ensure_ascii=False, separators=(",", ":")))
    return buf.getvalue()


def write_stats_file(f: StatsFile, path: Path, policy: Policy) -> Path:
    if path.suffix.lower() != ".zip":
        raise StatsFileError(f"出力ファイルは .zip にしてください: {path}")
    return write_output(path, to_zip(f, policy))


def read_stats_file(path: Path) -> StatsFile:
    try:
        with zipfile.ZipFile(path) as z:
            data = json.loads(z.read(DATA).decode("utf-8"))
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError, json.JSONDecodeError):
        raise StatsFileError(f"国保デスクの統計ファイルとして読めません: {path}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StatsFileError(f"国保デスクの統計ファイル（この版の形式）ではありません: {path}")
    try:
        cells = [Cell(*c) for c in data["cells"]]
        if any(len(c) != 7 or not (c.value is None or isinstance(c.value, int)) for c in cells):
            raise TypeError
        return StatsFile(
            data["kind"],
            data["tables_version"],
            int(data["k"]),
            data["export_id"],
            data["created"],
            list(data["desks"]),
            dict(data["hidden"]),
            cells,
        )
    except (KeyError, TypeError, ValueError):
        raise StatsFileError(f"統計ファイルの中身が壊れています: {path}") from None
