"""Merge the exports of several desks and re-apply k over the merged rows.

Union does not preserve k-anonymity, and exports of overlapping periods from one
desk could be differenced (../shared/reference/anchors.md §D3), so the merge refuses
a desk export given twice (also inside an earlier merged file) and two exports of the
same desk whose periods overlap, then anonymises the union again. All inputs must use
the current generalisation hierarchy, so that their bands are the same.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from kokuho_desk.stats.aggregate import aggregate
from kokuho_desk.stats.anonymize import anonymize
from kokuho_desk.stats.document import Document, build_document, desk_sources
from kokuho_desk.stats.export import InvalidK, check_k
from kokuho_desk.stats.policy import Policy, load_policy
from kokuho_desk.stats.record import Record

NO_DESK = "未設定"


class MergeError(ValueError):
    """The inputs cannot be merged; str(e) is the Japanese message."""


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if None in (a["from"], a["to"], b["from"], b["to"]):
        return False
    return a["from"] <= b["to"] and b["from"] <= a["to"]


def _check_inputs(inputs: list[tuple[str, Document]], policy: Policy) -> list[dict[str, Any]]:
    seen: dict[str, str] = {}
    sources: list[tuple[str, dict[str, Any]]] = []
    for name, doc in inputs:
        version = doc.metadata["hierarchy_version"]
        if version != policy.hierarchy_version:
            raise MergeError(f"{name}: 区分の版（{version}）がこの国保デスクの版（{policy.hierarchy_version}）と違います。"
                             "同じ版で書き出し直してください。")
        for source in desk_sources(doc):
            if source["export_id"] in seen:
                raise MergeError(f"同じ書き出しが2回指定されています: {seen[source['export_id']]} と {name}")
            seen[source["export_id"]] = name
            sources.append((name, source))
    for (name_a, a), (name_b, b) in combinations(sources, 2):
        if a["desk_id"] == b["desk_id"] and _overlap(a["period"], b["period"]):
            desk = a["desk_id"] or NO_DESK
            raise MergeError(f"相談窓口「{desk}」の書き出しの期間が重なっています: {name_a}（{a['period']['from']}〜"
                             f"{a['period']['to']}）と {name_b}（{b['period']['from']}〜{b['period']['to']}）。"
                             "重ならない期間で書き出し直してください（窓口IDが未設定なら --desk-id を付けて）。")
    return [s for _, s in sources]


def merge_documents(inputs: list[tuple[str, Document, list[Record]]], *, k: int | None = None,
                    policy: Policy | None = None) -> Document:
    """The merged document of (name, document, records) inputs; MergeError (Japanese) when refused."""
    policy = policy or load_policy()
    k = policy.k_default if k is None else k
    try:
        check_k(k, policy)
    except InvalidK as e:
        raise MergeError(str(e)) from None
    sources = _check_inputs([(name, doc) for name, doc, _ in inputs], policy)
    records = [r for _, _, recs in inputs for r in recs]
    kept, report = anonymize(records, k, policy.quasi_identifiers, policy.cell_suppression)
    froms = [s["period"]["from"] for s in sources if s["period"]["from"]]
    tos = [s["period"]["to"] for s in sources if s["period"]["to"]]
    period = {"from": min(froms, default=None), "to": max(tos, default=None)}
    suppressed = sum(doc.metadata["suppressed"] for _, doc, _ in inputs) + report.rows_suppressed
    return build_document(kind="merged", desk_id=None, period=period, report=report, records=kept,
                          aggregates=aggregate(kept, policy), policy=policy, suppressed=suppressed,
                          sources=sources)
