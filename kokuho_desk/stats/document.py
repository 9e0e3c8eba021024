"""The statistics file: JSON (metadata, rows, aggregate tables) plus a CSV of the rows.

``export_id`` is the SHA-256 of the file's content (everything but the id itself,
canonically encoded), so the same export given twice is recognised, and a file
edited after it was written is refused. Rows are JSON arrays in the order of
``metadata.row_fields``. The CSV sits next to the JSON (same stem, .csv), UTF-8
with BOM so that Excel shows the Japanese, with a Japanese header.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO

from kokuho_desk import __version__
from kokuho_desk.stats import labels
from kokuho_desk.stats.anonymize import AnonymityReport
from kokuho_desk.stats.policy import Policy
from kokuho_desk.stats.record import Record

FORMAT = "kokuho-desk/stats-1"
AGGREGATES_NOTE = ("集計表は、k件に届かない行を削除した後の、このファイルの行だけから数えている。"
                   "各欄は行から数え直せるため、k未満の欄も追加の秘匿は不要。削除した行の数は合計だけを示す。")


class StatsFileError(ValueError):
    """A statistics file cannot be read or used; str(e) is the Japanese message."""


def _canonical(content: dict[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class _Memo(dict):
    """value → its text, computed once per distinct value (a column holds few distinct values)."""

    def __init__(self, convert):
        super().__init__()
        self.convert = convert

    def __missing__(self, value):
        text = self[value] = self.convert(value)
        return text


def _sorted_rows(records: list[Record]) -> tuple[list[Record], list[bytes]]:
    """The records sorted on their JSON text (so that their order tells nothing), and each
    one's canonical JSON array, UTF-8: the same bytes as ``_canonical`` gives (tested).

    Each column's distinct values are encoded once; the first column's text carries the
    row's "[" and the last one's its "]", so a row is one join.
    """
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def column(opening: str, closing: str):
        return _Memo(lambda value: f"{opening}{encode(value)}{closing}".encode("utf-8"))

    inner = len(Record._fields) - 2
    memos = [column("[", ""), *(column("", "") for _ in range(inner)), column("", "]")]
    get = _Memo.__getitem__
    texts = [b",".join(map(get, memos, r)) for r in records]
    # UTF-8 bytes sort as their text does (code point order)
    order = sorted(range(len(texts)), key=texts.__getitem__)
    return [records[i] for i in order], [texts[i] for i in order]


def _joined(head: bytes, rows: list[bytes], tail: bytes) -> bytes:
    """head, the rows separated by commas, tail: one copy of the rows (60 MB for 100,000 cases)."""
    if not rows:
        return head + tail
    rows[0] = head + rows[0]
    rows[-1] += tail
    return b",".join(rows)


@dataclass(frozen=True)
class Document:
    """A statistics file's content, its canonical JSON encoding and its export_id (the hash of that encoding)."""

    content: dict[str, Any]  # format, metadata, rows, aggregates
    data: bytes  # _canonical(content), UTF-8
    export_id: str

    @classmethod
    def of(cls, content: dict[str, Any], data: bytes | None = None) -> Document:
        """The document of the content; ``data`` is its canonical encoding when already made."""
        data = _canonical(content).encode("utf-8") if data is None else data
        return cls(content, data, hashlib.sha256(data).hexdigest()[:32])

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

    def write(self, f: BinaryIO) -> None:
        """The file: the export_id first, then the canonical content."""
        f.write(f'{{"export_id":"{self.export_id}",'.encode())
        f.write(memoryview(self.data)[1:])


def build_document(*, kind: str, desk_id: str | None, period: dict[str, str | None], report: AnonymityReport,
                   records: list[Record], aggregates: dict[str, Any], policy: Policy, suppressed: int,
                   sources: list[dict[str, Any]]) -> Document:
    """The whole file; rows sorted on their content so that their order tells nothing."""
    qis = set(report.quasi_identifiers)
    content = {
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
        "aggregates": aggregates,
    }
    # "rows" sorts after every other key, so the canonical text is the rest's with the rows appended.
    rows, texts = _sorted_rows(records)
    head = _canonical(content)[:-1].encode("utf-8") + b',"rows":['
    return Document.of(content | {"rows": rows}, _joined(head, texts, b"]}"))


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


def _csv_line(fields: list[str]) -> str:
    """Fields as one CSV line without its end, quoted by the csv module (excel dialect)."""
    buf = io.StringIO()
    csv.writer(buf).writerow(fields)
    return buf.getvalue().removesuffix("\r\n")


def _csv_columns(checks: list[str]) -> tuple[itemgetter, list[_Memo]]:
    """What a CSV line is made of: the record's columns (labels.COLUMNS, then the verdicts) and,
    per column, its value → CSV text in UTF-8 (a verdicts value gives one field per check and
    the line's end)."""
    def code(table):
        return lambda v: _csv_line([table.get(v, v)]).encode("utf-8")

    def joined(table):
        return lambda v: _csv_line([labels.LIST_SEPARATOR.join([table.get(x, x) for x in v]) or labels.NONE]).encode("utf-8")

    def verdicts(pairs):
        given = dict(pairs)
        return (_csv_line([labels.VERDICT.get(given.get(c), "") for c in checks]) + "\r\n").encode("utf-8")

    memos = []
    for name in labels.COLUMNS:
        table = _CODE_LABELS.get(name, {})
        memos.append(_Memo(joined(table) if name in ("enforcement", "seizure_assets", "topics") else code(table)))
    memos.append(_Memo(verdicts))
    return itemgetter(*(Record._fields.index(name) for name in [*labels.COLUMNS, "verdicts"])), memos


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
    checks = list(labels.CHECK_LABELS)
    checks += sorted({c for pairs in {row.verdicts for row in doc.rows} for c, _ in pairs} - set(checks))
    header = [*labels.COLUMNS.values(), *(labels.VERDICT_COLUMN.format(labels.check_label(c)) for c in checks)]
    # Each column holds few distinct values: each is converted to CSV text once, a line is their join.
    pick, memos = _csv_columns(checks)
    get = _Memo.__getitem__
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "wb") as f:
            doc.write(f)
        with open(csv_path(out), "wb") as f:
            f.write(codecs.BOM_UTF8 + (_csv_line(header) + "\r\n").encode("utf-8"))
            f.writelines([b",".join(map(get, memos, pick(row))) for row in doc.rows])
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
