"""Merging desk exports: totals are the sums, duplicates and overlaps are refused, k re-applied."""

from collections import Counter
from dataclasses import replace
from operator import attrgetter
from datetime import date

import pytest

from kokuho_desk.stats.document import read_document, write_document
from kokuho_desk.stats.export import export_cases
from kokuho_desk.stats.merge import MergeError, merge_documents
from kokuho_desk.stats.policy import load_policy
from tests.stats.builders import fixed_judge, make_case
from tests.stats.test_export import desk_cases


def written(tmp_path, name, doc):
    path, _ = write_document(doc, tmp_path / name)
    return (name, *read_document(path))


def counts(table):
    return {row["key"]: row["count"] for row in table}


def test_merged_totals_are_the_sums(tmp_path):
    """Ensure merging two desks gives cases, suppressed and every table as the sums of the two."""
    a = export_cases(desk_cases(0, 40), judge=fixed_judge, k=5, desk_id="A")
    b_cases = desk_cases(200, 30) + [make_case(900 + i, municipality="防府市", address="山口県防府市",
                                               birth=date(1975, 1, 1), as_of=date(2025, 7, 1)) for i in range(6)]
    b = export_cases(b_cases, judge=fixed_judge, k=5, desk_id="B")
    m = merge_documents([written(tmp_path, "a.json", a), written(tmp_path, "b.json", b)], k=5)
    for key in ("cases_exported", "suppressed"):
        assert m.metadata[key] == a.metadata[key] + b.metadata[key]
    for table in ("by_month", "by_topic", "by_enforcement", "by_insurance", "by_outcome"):
        assert Counter(counts(m.aggregates[table])) == (Counter(counts(a.aggregates[table]))
                                                           + Counter(counts(b.aggregates[table])))
    assert m.aggregates["reliefs"]["total"] == a.aggregates["reliefs"]["total"] + b.aggregates["reliefs"]["total"]
    assert m.metadata["period"] == {"from": "2025-04", "to": "2025-07"}
    assert [s["desk_id"] for s in m.metadata["sources"]] == ["A", "B"]


def test_a_file_given_twice_is_refused(tmp_path):
    """Ensure the same export given twice, directly or inside a merged file, is refused."""
    a = written(tmp_path, "a.json", export_cases(desk_cases(), judge=fixed_judge, k=5, desk_id="A"))
    b = written(tmp_path, "b.json", export_cases(desk_cases(300), judge=fixed_judge, k=5, desk_id="B"))
    with pytest.raises(MergeError, match="2回指定"):
        merge_documents([a, a])
    merged = written(tmp_path, "m.json", merge_documents([a, b]))
    with pytest.raises(MergeError, match="2回指定"):
        merge_documents([merged, b])


def test_overlapping_periods_of_one_desk_are_refused(tmp_path):
    """Ensure two exports of the same desk with overlapping periods are refused, disjoint ones merged."""
    cases = desk_cases()
    april_may = written(tmp_path, "1.json", export_cases(cases, judge=fixed_judge, k=2, desk_id="A",
                                                         month_from="2025-04", month_to="2025-05"))
    may_june = written(tmp_path, "2.json", export_cases(cases, judge=fixed_judge, k=2, desk_id="A",
                                                        month_from="2025-05", month_to="2025-06"))
    june = written(tmp_path, "3.json", export_cases(cases, judge=fixed_judge, k=2, desk_id="A",
                                                    month_from="2025-06", month_to="2025-06"))
    with pytest.raises(MergeError, match="期間が重なっています"):
        merge_documents([april_may, may_june], k=2)
    assert merge_documents([april_may, june], k=2).metadata["cases_exported"] > 0


def test_merge_reapplies_a_larger_k(tmp_path):
    """Ensure a merge with a larger k suppresses again so that every QI combination reaches it."""
    a = written(tmp_path, "a.json", export_cases(desk_cases(), judge=fixed_judge, k=2, desk_id="A"))
    m = merge_documents([a], k=20)
    key = attrgetter(*m.metadata["quasi_identifiers"])
    assert min(Counter(map(key, m.records())).values()) >= 20
    assert m.metadata["suppressed"] > a[1].metadata["suppressed"]
    assert m.metadata["cases_exported"] + m.metadata["suppressed"] == 40


def test_other_hierarchy_version_is_refused(tmp_path):
    """Ensure an export made with other bands (another hierarchy version) is refused."""
    a = written(tmp_path, "a.json", export_cases(desk_cases(), judge=fixed_judge, k=5, desk_id="A"))
    other = replace(load_policy(), hierarchy_version="1999.1")
    with pytest.raises(MergeError, match="区分の版"):
        merge_documents([a], policy=other)
