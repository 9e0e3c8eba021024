"""The desk export: anonymised rows, metadata, aggregates, CSV; no marker ever leaves."""

import json
from collections import Counter
from datetime import date
from operator import attrgetter

import pytest

from kokuho_desk.stats.document import StatsFileError, read_document, write_document
from kokuho_desk.stats.export import InvalidK, export_cases
from kokuho_desk.stats.merge import merge_documents
from tests.stats.builders import MARKER, fixed_judge, make_case, phone, postal_code


def desk_cases(start: int = 0, n: int = 40) -> list:
    """n cases: most in 大阪市 in two age bands, a few rare ones that must be generalised or dropped."""
    cases = []
    for i in range(start, start + n):
        kind = i % 10
        if kind < 6:
            cases.append(make_case(i, birth=date(1960, 3, 3), first_log=date(2025, 4 + i % 3, 10)))
        elif kind < 9:
            cases.append(make_case(i, birth=date(1985, 3, 3), members=2, first_log=date(2025, 5, 1)))
        else:  # unique: a small town, a large household, no income
            cases.append(make_case(i, municipality="洞爺湖町", birth=date(1940, 1, 1), members=7, salary=0,
                                   address="北海道虻田郡洞爺湖町"))
    return cases


def all_text(paths) -> str:
    return "\n".join(p.read_text(encoding="utf-8-sig") for p in paths)


def test_canary_markers_never_reach_export_or_merge(tmp_path):
    """Ensure no name, kana, address, phone, postal code, note, log, birth date or exact amount reaches any file."""
    a = export_cases(desk_cases(0), judge=fixed_judge, k=3, desk_id="A")
    b = export_cases(desk_cases(100), judge=fixed_judge, k=3, desk_id="B")
    files = [*write_document(a, tmp_path / "a.json"), *write_document(b, tmp_path / "b.json")]
    inputs = [(p.name, *read_document(p)) for p in (tmp_path / "a.json", tmp_path / "b.json")]
    files += write_document(merge_documents(inputs, k=3), tmp_path / "merged.json")
    text = all_text(files)
    assert a.metadata["cases_exported"] > 0
    for secret in (MARKER, "1960-03-03", "1234567", "1,234,567", "234567", "87654", "大阪府大阪市北区"):
        assert secret not in text
    for i in [*range(40), *range(100, 140)]:
        for secret in (postal_code(i), phone(i)):
            assert secret not in text and secret.replace("-", "") not in text


def test_metadata_declares_qis_steps_and_suppression():
    """Ensure the metadata names desk, period, version, k, QIs, steps and the suppressed count."""
    doc = export_cases(desk_cases(), judge=fixed_judge, k=5, desk_id="大阪北")
    meta = doc.metadata
    assert (meta["desk_id"], meta["k"], meta["period"]) == ("大阪北", 5, {"from": "2025-04", "to": "2025-06"})
    assert meta["quasi_identifiers"] == ["age_band", "household_band", "prefecture", "area", "income_band"]
    assert meta["columns"]["area"]["role"] == "quasi_identifier" and meta["columns"]["outcome"]["role"] == "attribute"
    assert [s["step"] for s in meta["generalisation"]] == ["municipality_to_prefecture", "small_class_to_prefecture",
                                                         "cell_suppression", "suppression"]
    assert meta["suppressed"] == 4 and meta["cases_exported"] == 36 == len(doc.rows)
    assert meta["aggregates_basis"] == "after_suppression"


def test_aggregates_recount_the_published_rows():
    """Ensure each aggregate table equals a recount of the exported rows."""
    doc = export_cases(desk_cases(), judge=fixed_judge, k=5)
    rows, agg = doc.records(), doc.aggregates
    assert agg["cases"] == len(rows)
    assert {t["key"]: t["count"] for t in agg["by_month"]} == dict(Counter(r.month for r in rows))
    enforcement = {t["key"]: t["count"] for t in agg["by_enforcement"]}
    assert enforcement["seizure"] == sum("seizure" in r.enforcement for r in rows) == 36
    verdicts = {t["check"]: t["counts"] for t in agg["by_verdict"]}
    assert verdicts["copayment_relief"]["likely"] == 36 and verdicts["copayment_relief"]["eligible"] == 0
    assert agg["reliefs"]["total"] == 36
    assert {t["key"]: t["count"] for t in agg["by_topic"]}["差押え"] == 36


def test_a_small_desk_is_still_counted():
    """Ensure a desk of 48 varied cases publishes its consultations with cells shown as 秘匿 instead of dropping them all."""
    from kokuho_desk.demo import demo_cases

    doc = export_cases(demo_cases(48, today=date(2025, 10, 1)), judge=fixed_judge, k=5)
    meta, rows = doc.metadata, doc.records()
    assert meta["cases_exported"] + meta["suppressed"] == 48 and meta["cases_exported"] >= 40
    assert doc.aggregates["cases"] == len(rows) == meta["cases_exported"]
    masked = next(s for s in meta["generalisation"] if s["step"] == "cell_suppression")
    assert masked["cells"]["income_band"] >= sum(r.income_band == "秘匿" for r in rows) > 0  # some later dropped
    key = attrgetter(*meta["quasi_identifiers"])
    assert min(Counter(map(key, rows)).values()) >= 5


def test_every_qi_combination_of_an_export_reaches_k():
    """Ensure an export built from real cases has no QI combination below k."""
    doc = export_cases(desk_cases(), judge=fixed_judge, k=5)
    key = attrgetter(*doc.metadata["quasi_identifiers"])
    assert min(Counter(map(key, doc.records())).values()) >= 5


def test_period_selects_by_month_of_first_consultation():
    """Ensure --from/--to keep only cases whose first consultation month lies in the period."""
    doc = export_cases(desk_cases(), judge=fixed_judge, k=2, month_from="2025-05", month_to="2025-05")
    assert {r.month for r in doc.records()} == {"2025-05"}
    assert doc.metadata["period"] == {"from": "2025-05", "to": "2025-05"}


def test_export_id_is_a_stable_content_hash():
    """Ensure the same cases give the same export_id in any order, and other cases another."""
    cases = desk_cases()
    a = export_cases(cases, judge=fixed_judge, k=5, desk_id="A")
    assert export_cases(list(reversed(cases)), judge=fixed_judge, k=5, desk_id="A").export_id == a.export_id
    assert export_cases(cases[:30], judge=fixed_judge, k=5, desk_id="A").export_id != a.export_id


def test_csv_has_bom_japanese_header_and_one_row_per_case(tmp_path):
    """Ensure the CSV next to the JSON is UTF-8 with BOM, has a Japanese header and one row per exported case."""
    doc = export_cases(desk_cases(), judge=fixed_judge, k=5)
    json_path, csv_file = write_document(doc, tmp_path / "stats.json")
    raw = csv_file.read_bytes()
    assert csv_file == tmp_path / "stats.csv" and raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("初回相談月,世帯主の年齢,世帯人数,") and "判定：一部負担金の減免" in lines[0]
    assert len(lines) == 1 + doc.metadata["cases_exported"]
    assert "督促、差押え" in lines[1] and "該当の可能性あり" in lines[1]


def test_k_below_minimum_is_refused():
    """Ensure k = 1 (no anonymisation) is refused with a Japanese message."""
    with pytest.raises(InvalidK, match="k は 2 以上"):
        export_cases(desk_cases(), judge=fixed_judge, k=1)


def test_edited_file_is_refused(tmp_path):
    """Ensure a statistics file changed after export no longer matches its export_id and is refused."""
    path, _ = write_document(export_cases(desk_cases(), judge=fixed_judge, k=5), tmp_path / "s.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["metadata"]["suppressed"] = 0
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(StatsFileError, match="変更されています"):
        read_document(path)
