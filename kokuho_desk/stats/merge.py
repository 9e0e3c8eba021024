"""Merging the desks' statistics files: the latest version of each desk's period, summed, then
protected again (a count any desk hid stays hidden, and whatever would let it be recovered
from the merged totals is hidden too).

A desk is known by its key (made at random in its database); its id and name are what people
read. The merge refuses the same key under two ids for overlapping periods (a desk that changed
its id would be counted twice) and one id with two keys (two desks claiming one id).
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date

from kokuho_desk.stats.counts import Cell, protected_cells
from kokuho_desk.stats.package import StatsFile
from kokuho_desk.stats.policy import InvalidK, Policy, check_k, load_policy


class MergeError(ValueError):
    """The merge is refused; str(e) is the Japanese message."""


def _check_inputs(inputs: list[tuple[str, StatsFile]], policy: Policy) -> None:
    keys_of: dict[str, set[str]] = {}
    periods_of: dict[tuple[str, str], set[str]] = {}
    for name, f in inputs:
        if f.kind != "desk":
            raise MergeError(f"{name}: 統合済みのファイルです。統合には各相談窓口のファイルを使ってください。")
        if f.tables_version != policy.tables_version:
            raise MergeError(
                f"{name}: 表の版が違います（{f.tables_version}。この国保デスクは {policy.tables_version}）。"
                "国保デスクを同じ版にそろえてから書き出してください。"
            )
        (desk,) = f.desks
        keys_of.setdefault(desk["id"], set()).add(desk["key"])
        periods_of.setdefault((desk["key"], desk["id"]), set()).update(desk["periods"])
    for desk_id, keys in keys_of.items():
        if len(keys) > 1:
            raise MergeError(
                f"ID「{desk_id}」のファイルが、別々の相談窓口（{len(keys)}か所）から来ています。"
                "相談窓口ごとに違うIDを設定して書き出し直してください。"
            )
    for (key, desk_id), periods in periods_of.items():
        for (other_key, other_id), other in periods_of.items():
            if other_key == key and other_id != desk_id and periods & other:
                raise MergeError(
                    f"同じ相談窓口が、ID「{desk_id}」と「{other_id}」で同じ期間を書き出しています"
                    "（二重に数えることになるため統合できません）。どちらか一方のファイルだけを使ってください。"
                )


def merge_files(
    inputs: list[tuple[str, StatsFile]], *, k: int | None = None, today: date, policy: Policy | None = None
) -> StatsFile:
    policy = policy or load_policy()
    try:
        k = check_k(max([policy.k_default if k is None else k, *(f.k for _, f in inputs)]), policy)
    except InvalidK as e:
        raise MergeError(str(e)) from None
    _check_inputs(inputs, policy)
    latest: dict[tuple[str, str], tuple[int, str, StatsFile]] = {}  # (desk key, period) → version, export
    for _, f in inputs:
        (desk,) = f.desks
        for period, version in desk["periods"].items():
            best = latest.get((desk["key"], period))
            if best is None or version > best[0]:
                latest[(desk["key"], period)] = (version, f.export_id, f)
    sums: dict[str, Counter] = {}
    unknown: dict[str, set] = {}
    desks: dict[str, dict] = {}
    for (key, period), (version, _, f) in latest.items():
        desk = f.desks[0]
        desks.setdefault(key, {"id": desk["id"], "name": desk["name"], "key": key, "periods": {}})["periods"][
            period
        ] = version
        for c in f.cells:
            if c.period != period:
                continue
            cell = (c.table, c.area, c.column)
            sums.setdefault(period, Counter())[cell] += c.value or 0
            if c.value is None:
                unknown.setdefault(period, set()).add(cell)
    cells: list[Cell] = []
    hidden: dict[str, int] = {}
    for period in sorted(sums):
        counts = {cell: (None if cell in unknown.get(period, ()) else n) for cell, n in sums[period].items()}
        published, hidden[period] = protected_cells(period, counts, policy, k)
        cells += published
    return StatsFile(
        "merged",
        policy.tables_version,
        k,
        uuid.uuid4().hex,
        today.isoformat(),
        sorted(desks.values(), key=lambda d: d["id"]),
        hidden,
        cells,
    )
