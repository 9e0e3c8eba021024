"""The statistics file's encoding: the JSON is byte for byte the canonical encoding its
export_id hashes, rows are sorted on their content, and the CSV reads back as the labels."""

import csv
import json

from kokuho_desk.stats.aggregate import aggregate
from kokuho_desk.stats.anonymize import anonymize
from kokuho_desk.stats.document import build_document, read_document, write_document
from kokuho_desk.stats.record import Record

# Text a merged file may carry in any column: JSON escapes, a CSV delimiter and quote, a line
# break, characters outside the BMP and the line separators JSON leaves unescaped.
AWKWARD = ['a"b\\c', "1,000万円以上", "改行\nあり", "😀𠮷", "\u2028\u2029", "<&>", "\t\x01"]


def record(i: int, area: str) -> Record:
    return Record(month=f"2025-{i % 12 + 1:02d}", age_band="60〜69歳", household_band="1人", prefecture="大阪府",
                  area=area, income_band=AWKWARD[1], reduction="2割", arrears_band="なし",
                  enforcement=("demand", "seizure"), seizure_assets=("salary",), insurance="certificate",
                  verdicts=(("certificate", "eligible"), ("copayment_relief", "likely")),
                  topics=("差押え", area), outcome="継続中")


def document(records, policy):
    kept, report = anonymize(records, 1, policy.quasi_identifiers)
    return build_document(kind="merged", desk_id=None, period={"from": "2025-01", "to": "2025-12"}, report=report,
                          records=kept, aggregates=aggregate(kept, policy), policy=policy,
                          suppressed=0, sources=[])


def test_file_is_the_canonical_encoding_of_its_content(tmp_path, policy):
    """Ensure the rows encoded column by column give exactly json.dumps' canonical bytes, so the file reads back."""
    records = [record(i, AWKWARD[i % len(AWKWARD)]) for i in range(50)]
    doc = document(records, policy)
    content = json.loads(doc.data)
    assert doc.data == json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    assert content["rows"] == json.loads(json.dumps(doc.rows))
    path, _ = write_document(doc, tmp_path / "s.json")
    again, rows = read_document(path)
    assert again.export_id == doc.export_id and rows == doc.rows and sorted(rows) == sorted(records)


def test_rows_are_sorted_on_their_content(policy):
    """Ensure the row order says nothing about the input order: the same records in any order give the same file."""
    records = [record(i, AWKWARD[i % len(AWKWARD)]) for i in range(30)]
    a, b = document(records, policy), document(records[::-1], policy)
    assert a.data == b.data and a.export_id == b.export_id
    texts = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in a.rows]
    assert texts == sorted(texts)


def test_empty_document_is_valid(tmp_path, policy):
    """Ensure an export without rows is still one canonical file that reads back."""
    doc = document([], policy)
    assert json.loads(doc.data)["rows"] == []
    path, csv_file = write_document(doc, tmp_path / "empty.json")
    assert read_document(path)[1] == []
    assert len(csv_file.read_text(encoding="utf-8-sig").splitlines()) == 1


def test_csv_reads_back_as_the_labels(tmp_path, policy):
    """Ensure each CSV field, once parsed, is the label of the row's value, even holding a comma, a quote or a line break."""
    records = [record(i, AWKWARD[i % len(AWKWARD)]) for i in range(len(AWKWARD))]
    doc = document(records, policy)
    _, csv_file = write_document(doc, tmp_path / "s.json")
    with open(csv_file, encoding="utf-8-sig", newline="") as f:
        header, *lines = list(csv.reader(f))
    assert len(lines) == len(records) and len(header) == len(lines[0])
    column = {name: header.index(name) for name in header}
    for row, line in zip(doc.rows, lines):
        assert line[column["市区町村（少数は都道府県）"]] == row.area
        assert line[column["世帯の前年収入"]] == "1,000万円以上"
        assert line[column["相談内容"]] == f"差押え、{row.area}"
        assert line[column["督促・差押え等"]] == "督促、差押え"
        assert line[column["判定：資格確認書"]] == "該当"
        assert line[column["判定：一部負担金の減免"]] == "該当の可能性あり"
        assert line[column["判定：時効"]] == ""
