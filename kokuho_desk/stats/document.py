"""The statistics file: JSON (metadata, rows, aggregate tables) plus a CSV of the rows.

``export_id`` is the SHA-256 of the file's content (everything but the id itself,
canonically encoded), so the same export given twice is recognised, and a file
edited after it was written is refused. The CSV sits next to the JSON (same stem,
.csv), UTF-8 with BOM so that Excel shows the Japanese, with a Japanese header.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from kokuho_desk import __version__
from kokuho_desk.stats import labels
from kokuho_desk.stats.anonymize import AnonymityReport
from kokuho_desk.stats.policy import Policy
from kokuho_desk.stats.record import Record

FORMAT = "kokuho-desk/stats-1"
AGGREGATES_NOTE = ("集計表は秘匿処理（削除）の後に、このファイルの行だけから数えている。"
                   "各欄は行から数え直せるため、k未満の欄も追加の秘匿は不要。削除した行の数は合計だけを示す。")


class StatsFileError(ValueError):
    """A statistics file cannot be read or used; str(e) is the Japanese message."""


def _canonical(doc: dict[str, Any]) -> bytes:
    body = {k: v for k, v in doc.items() if k != "export_id"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def export_id_of(doc: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical(doc)).hexdigest()[:32]


def build_document(*, kind: str, desk_id: str | None, period: dict[str, str | None], report: AnonymityReport,
                   records: list[Record], aggregates: dict[str, Any], policy: Policy, suppressed: int,
                   sources: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole file as a dict, with its export_id; rows sorted so that their order tells nothing."""
    rows = sorted((r.to_row() for r in records), key=lambda row: json.dumps(row, ensure_ascii=False))
    qis = set(report.quasi_identifiers)
    doc = {
        "format": FORMAT,
        "metadata": {
            "kind": kind,  # desk | merged
            "desk_id": desk_id,
            "period": period,
            "tool": "kokuho-desk",
            "tool_version": __version__,
            "hierarchy_version": policy.hierarchy_version,
            "k": report.k,
            "cases_exported": len(rows),
            "suppressed": suppressed,
            "quasi_identifiers": list(report.quasi_identifiers),
            "columns": {name: {"label": label, "role": "quasi_identifier" if name in qis else "attribute"}
                        for name, label in labels.COLUMNS.items()}
                       | {"verdicts": {"label": "判定", "role": "attribute"}},
            "generalisation": report.steps(),
            "aggregates_basis": "after_suppression",
            "aggregates_note": AGGREGATES_NOTE,
            "sources": sources,
        },
        "rows": rows,
        "aggregates": aggregates,
    }
    doc["export_id"] = export_id_of(doc)
    return doc


def desk_sources(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The desk exports a file is made of: itself for a desk export, its sources when merged."""
    meta = doc["metadata"]
    if meta["kind"] == "merged":
        return meta["sources"]
    return [source_entry(doc)]


def source_entry(doc: dict[str, Any]) -> dict[str, Any]:
    meta = doc["metadata"]
    return {"export_id": doc["export_id"], "desk_id": meta["desk_id"], "period": meta["period"],
            "cases_exported": meta["cases_exported"], "suppressed": meta["suppressed"], "k": meta["k"]}


def _csv_value(record: dict[str, Any], name: str) -> str:
    value = record[name]
    table = {"enforcement": labels.ENFORCEMENT, "seizure_assets": labels.SEIZURE_ASSETS,
             "insurance": labels.INSURANCE}.get(name, {})
    if isinstance(value, list):
        return labels.LIST_SEPARATOR.join(table.get(v, v) for v in value) or labels.NONE
    return table.get(value, value)


def csv_path(json_path: Path) -> Path:
    return json_path.with_suffix(".csv")


def write_document(doc: dict[str, Any], out: Path) -> tuple[Path, Path]:
    """Write the JSON to ``out`` and the CSV next to it; return both paths."""
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        checks = list(labels.CHECK_LABELS)
        checks += sorted({c for row in doc["rows"] for c in row["verdicts"]} - set(checks))
        with open(csv_path(out), "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow([*labels.COLUMNS.values(),
                        *(labels.VERDICT_COLUMN.format(labels.check_label(c)) for c in checks)])
            for row in doc["rows"]:
                verdicts = row["verdicts"]
                w.writerow([*(_csv_value(row, name) for name in labels.COLUMNS),
                            *(labels.VERDICT.get(verdicts.get(c), "") for c in checks)])
    except OSError as e:
        raise StatsFileError(f"統計ファイルを書き出せません: {out}（{e.strerror or e}）") from None
    return out, csv_path(out)


def read_document(path: Path) -> tuple[dict[str, Any], list[Record]]:
    """A statistics file and its records; StatsFileError (Japanese) when it is not a valid, unedited one."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise StatsFileError(f"統計ファイルを読めません: {path}（{e.strerror or e}）") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise StatsFileError(f"統計ファイル（JSON）として読めません: {path}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise StatsFileError(f"国保デスクの統計ファイルではありません（format が {FORMAT} でない）: {path}")
    if doc.get("export_id") != export_id_of(doc):
        raise StatsFileError(f"統計ファイルが書き出し後に変更されています（export_id が内容と合わない）: {path}")
    try:
        records = [Record.from_row(row) for row in doc["rows"]]
        desk_sources(doc)
    except (KeyError, TypeError, ValueError):
        raise StatsFileError(f"統計ファイルの内容が正しくありません: {path}") from None
    return doc, records
