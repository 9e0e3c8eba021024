"""The desk's export: count tables of the fiscal quarters that have ended and were not
exported yet (or one re-issued whole with a new version), protected, never a row per case.

Cases are read from the store in batches and only counted (counted.py), so memory stays flat
however many cases the desk has. A case is counted in the quarter of its first consultation.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from kokuho_desk.stats.counted import counted_batches
from kokuho_desk.stats.counts import Cell, Counts, protected_cells
from kokuho_desk.stats.package import StatsFile
from kokuho_desk.stats.periods import Quarter, quarters
from kokuho_desk.stats.policy import Policy, check_k, load_policy
from kokuho_desk.store import Store


class ExportError(ValueError):
    """The export is refused; str(e) is the Japanese message."""


def _period_key(cell: Cell) -> tuple:
    return (cell.table, cell.prefecture, cell.municipality, cell.code, cell.column)


def _check_reissue(period: str, old_cells: str, new: list[Cell], k: int) -> None:
    """A correction that moves a count published in both versions by 1 to k−1 would, subtracted,
    show the corrected households: refused."""
    old = {tuple(c[:1] + c[2:6]): c[6] for c in json.loads(old_cells)}
    for cell in new:
        before = old.get(_period_key(cell))
        if before is not None and cell.value is not None and 0 < abs(cell.value - before) < k:
            raise ExportError(
                f"{Quarter.parse(period).label}を出し直すと、前の版との差が{k}件未満の数ができ、"
                f"差し引きで訂正した世帯が分かるおそれがあります。訂正が{k}件以上たまってから出し直してください。"
            )


def export_desk(
    store: Store, *, today: date, k: int | None = None, reissue: tuple[str, ...] = (), policy: Policy | None = None
) -> tuple[StatsFile, dict[str, tuple[int, str]]]:
    """The statistics file of the periods to export now, and the ledger entries to record
    (period → (version, published cells as JSON)) once the file is written."""
    policy = policy or load_policy()
    k = check_k(policy.k_default if k is None else k, policy)
    desk_id, desk_name, desk_key = store.desk_identity()
    if not desk_id or not desk_name:
        raise ExportError(
            "相談窓口のIDと名前が設定されていません。統計の画面の「相談窓口の設定」"
            "（コマンドでは kokuho-desk stats desk --id … --name …）で設定してください。"
        )
    ledger = store.stats_exports()
    last_closed = Quarter.of(today).previous()
    counts = Counts({}, last_closed)
    for texts in counted_batches(store, policy):  # folded a part at a time: memory stays flat
        counts.add(texts)
    versions: dict[str, int] = {}
    for key in reissue:
        try:
            quarter = Quarter.parse(key)
        except ValueError as e:
            raise ExportError(str(e)) from None
        if key not in ledger:
            raise ExportError(f"{quarter.label}はまだ書き出していないので、出し直しはできません。")
        versions[key] = ledger[key][0] + 1
    if counts.periods:
        versions.update({q.key: 1 for q in quarters(min(counts.periods), last_closed) if q.key not in ledger})
    if not versions:
        raise ExportError(
            "新しく書き出せる期間がありません。終わった四半期はすべて書き出し済みです"
            "（四半期が終わると、その期間を書き出せます）。"
        )
    cells: list[Cell] = []
    hidden: dict[str, int] = {}
    entries: dict[str, tuple[int, str]] = {}
    for period in sorted(versions):
        published, hidden[period] = protected_cells(period, counts.period_counts(period, k), policy, k)
        if period in ledger:
            _check_reissue(period, ledger[period][1], published, k)
        cells += published
        entries[period] = (versions[period], json.dumps([list(c) for c in published], ensure_ascii=False))
    desk: dict[str, Any] = {"id": desk_id, "name": desk_name, "key": desk_key, "periods": versions}
    f = StatsFile("desk", policy.tables_version, k, uuid.uuid4().hex, today.isoformat(), [desk], hidden, cells)
    return f, entries


def audit_detail(f: StatsFile, path: str) -> str:
    """The audit line of an export: what was written, never a figure about a person."""
    periods = "、".join(f"{p} 第{v}版" for d in f.desks for p, v in sorted(d["periods"].items()))
    return f"{path}（書き出し番号 {f.export_id}、k={f.k}、{periods}、秘匿 {sum(f.hidden.values())}か所）"
