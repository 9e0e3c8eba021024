"""The statistics file: JSON (metadata, rows, aggregate tables) plus a CSV of the rows.

``export_id`` is the SHA-256 of the file's content (everything but the id itself,
canonically encoded), so the same export given twice is recognised, and a file
edited after it was written is refused. Rows are JSON arrays in the order of
``metadata.row_fields``. The CSV sits next to the JSON (same stem, .csv), UTF-8
with BOM so that Excel shows the Japanese, with a Japanese header.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
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


def _canonical(content: dict[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class Document:
    """A statistics file's content, its canonical JSON text and its export_id (the hash of that text)."""

    content: dict[str, Any]  # format, metadata, rows, aggregates
    body: str
    export_id: str

    @classmethod
    def of(cls, content: dict[str, Any]) -> Document:
        body = _canonical(content)
        return cls(content, body, hashlib.sha256(body.encode("utf-8")).hexdigest()[:32])

    @property
    def metadata(self) -> dict[str, Any]:
        return self.content["metadata"]

    @property
    def rows(self) -> list[Any]:
        return self.content["rows"]

    @property
    def aggregates(self) -> dict[str, Any]:
        return self.content["aggregates"]

    def records(self) -> list[Record]:
        return [Record.from_row(row) for row in self.rows]

    def text(self) -> str:
        """The file: the export_id first, then the canonical content."""
        return f'{{"export_id":"{self.export_id}",{self.body[1:]}'


def build_document(*, kind: str, desk_id: str | None, period: dict[str, str | None], report: AnonymityReport,
                   records: list[Record], aggregates: dict[str, Any], policy: Policy, suppressed: int,
                   sources: list[dict[str, Any]]) -> Document:
    """The whole file; rows sorted on their content so that their order tells nothing."""
    qis = set(report.quasi_identifiers)
    return Document.of({
        "format": FORMAT,
        "metadata": {
            "kind": kind,  # desk | merged
            "desk_id": desk_id,
            "period": period,
            "tool": "kokuho-desk",
            "tool_version": __version__,
            "hierarchy_version": policy.hierarchy_version,
            "k": report.k,
            "cases_exported": len(records),
            "suppressed": suppressed,
            "quasi_identifiers": list(report.quasi_identifiers),
            "row_fields": list(Record._fields),
            "columns": {name: {"label": label, "role": "quasi_identifier" if name in qis else "attribute"}
                        for name, label in labels.COLUMNS.items()}
                       | {"verdicts": {"label": "判定", "role": "attribute"}},
            "generalisation": report.steps(),
            "aggregates_basis": "after_suppression",
            "aggregates_note": AGGREGATES_NOTE,
            "sources": sources,
        },
        "rows": sorted(records),
        "aggregates": aggregates,
    })


def desk_sources(doc: Document) -> list[dict[str, Any]]:
    """The desk exports a file is made of: itself for a desk export, its sources when merged."""
    if doc.metadata["kind"] == "merged":
        return doc.metadata["sources"]
    return [source_entry(doc)]


def source_entry(doc: Document) -> dict[str, Any]:
    meta = doc.metadata
    return {"export_id": doc.export_id, "desk_id": meta["desk_id"], "period": meta["period"],
            "cases_exported": meta["cases_exported"], "suppressed": meta["suppressed"], "k": meta["k"]}


_CODE_LABELS = {"enforcement": labels.ENFORCEMENT, "seizure_assets": labels.SEIZURE_ASSETS,
                "insurance": labels.INSURANCE}


def _csv_converters() -> list[Any]:
    """One function per record column (in labels.COLUMNS order): a row value → CSV text."""
    def code(table):
        return lambda v: table.get(v, v)

    def joined(table):
        return lambda v: labels.LIST_SEPARATOR.join([table.get(x, x) for x in v]) or labels.NONE

    out = []
    for name in labels.COLUMNS:
        table = _CODE_LABELS.get(name, {})
        is_list = name in ("enforcement", "seizure_assets", "topics")
        out.append((Record._fields.index(name), joined(table) if is_list else code(table)))
    return out


def audit_detail(doc: Document, json_path: Path) -> str:
    """The audit-log line of an export: file name, counts, k and export_id (nothing about a client)."""
    meta = doc.metadata
    return (f"{json_path.name}: {meta['cases_exported']}件, k={meta['k']}, "
            f"秘匿 {meta['suppressed']}件, {doc.export_id}")


def csv_path(json_path: Path) -> Path:
    return json_path.with_suffix(".csv")


def write_document(doc: Document, out: Path) -> tuple[Path, Path]:
    """Write a built document (its rows are Records): the JSON to ``out``, the CSV next to it."""
    out = Path(out)
    verdicts_at = Record._fields.index("verdicts")
    checks = list(labels.CHECK_LABELS)
    checks += sorted({c for row in doc.rows for c, _ in row[verdicts_at]} - set(checks))
    converters = _csv_converters()
    verdict_label = labels.VERDICT.get
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(doc.text(), encoding="utf-8")
        with open(csv_path(out), "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow([*labels.COLUMNS.values(),
                        *(labels.VERDICT_COLUMN.format(labels.check_label(c)) for c in checks)])
            # Rows repeat (k-anonymity) and each column holds few distinct values: convert each
            # distinct row once, and within it each distinct column value once.
            lines: dict[Record, list[str]] = {}
            texts: list[dict[Any, str]] = [{} for _ in converters]
            verdict_texts: dict[Any, list[str]] = {}
            for row in doc.rows:
                line = lines.get(row)
                if line is None:
                    line = []
                    for (i, convert), memo in zip(converters, texts):
                        value = row[i]
                        text = memo.get(value)
                        if text is None:
                            text = memo[value] = convert(value)
                        line.append(text)
                    pairs = row[verdicts_at]
                    verdict_line = verdict_texts.get(pairs)
                    if verdict_line is None:
                        verdicts = dict(pairs)
                        verdict_line = verdict_texts[pairs] = [verdict_label(verdicts.get(c), "") for c in checks]
                    line += verdict_line
                    lines[row] = line
                w.writerow(line)
    except OSError as e:
        raise StatsFileError(f"統計ファイルを書き出せません: {out}（{e.strerror or e}）") from None
    return out, csv_path(out)


def read_document(path: Path) -> tuple[Document, list[Record]]:
    """A statistics file and its records; StatsFileError (Japanese) when it is not a valid, unedited one."""
    path = Path(path)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise StatsFileError(f"統計ファイルを読めません: {path}（{e.strerror or e}）") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise StatsFileError(f"統計ファイル（JSON）として読めません: {path}") from None
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise StatsFileError(f"国保デスクの統計ファイルではありません（format が {FORMAT} でない）: {path}")
    claimed = content.pop("export_id", None)
    doc = Document.of(content)
    if claimed != doc.export_id:
        raise StatsFileError(f"統計ファイルが書き出し後に変更されています（export_id が内容と合わない）: {path}")
    try:
        records = doc.records()
        desk_sources(doc)
    except (KeyError, TypeError, ValueError):
        raise StatsFileError(f"統計ファイルの内容が正しくありません: {path}") from None
    return doc, records
