"""k-anonymity over the quasi-identifiers: generalise the area, mask cells, then suppress.

Steps, in order (each counted in the report, never naming what it hid):

1. ``municipality_to_prefecture``: a municipality with fewer than k records is shown
   as its prefecture (合算措置: the small area is merged into the larger one).
2. ``small_class_to_prefecture``: a record whose combination of quasi-identifiers
   still occurs fewer than k times, and whose area is a municipality, is shown at
   prefecture level too.
3. ``cell_suppression``: in a record whose combination still occurs fewer than k
   times, the maskable quasi-identifiers (the policy's order: income, household size,
   age) are shown as 秘匿 one after the other, each time only in the records still
   below k. The record stays in the export, and in every table, saying less
   (local suppression), so that a small desk's consultations are still counted.
4. ``suppression``: records whose combination still occurs fewer than k times are
   dropped.

Steps 2 and 3 only move records out of classes below k, so no class that already
reached k shrinks; afterwards every combination of the quasi-identifiers occurs at
least k times.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import attrgetter

from kokuho_desk.stats.record import Record

MASKED = "秘匿"


@dataclass(frozen=True)
class AnonymityReport:
    k: int
    quasi_identifiers: tuple[str, ...]
    municipalities_generalised: int  # step 1: municipalities shown as their prefecture
    rows_generalised_by_municipality: int  # step 1: records affected
    rows_generalised_by_class: int  # step 2
    cells_masked: tuple[tuple[str, int], ...]  # step 3: (quasi-identifier, records), in masking order
    rows_masked: int  # step 3: records with at least one cell masked
    rows_suppressed: int  # step 4

    def steps(self) -> list[dict]:
        return [
            {"step": "municipality_to_prefecture",
             "description": f"対象が{self.k}件未満の市区町村を都道府県にまとめた",
             "municipalities": self.municipalities_generalised,
             "rows": self.rows_generalised_by_municipality},
            {"step": "small_class_to_prefecture",
             "description": f"準識別子の組み合わせが{self.k}件未満の行の市区町村を都道府県にまとめた",
             "rows": self.rows_generalised_by_class},
            {"step": "cell_suppression",
             "description": f"それでも組み合わせが{self.k}件未満の行は、項目を順に「{MASKED}」にした",
             "cells": dict(self.cells_masked),
             "rows": self.rows_masked},
            {"step": "suppression",
             "description": f"それでも組み合わせが{self.k}件未満の行を削除した",
             "rows": self.rows_suppressed},
        ]


def rows_with_masked_cells(records: list[Record], maskable: tuple[str, ...]) -> int:
    """How many of the records show 秘匿 in at least one of the maskable fields."""
    return sum(any(getattr(r, name) == MASKED for name in maskable) for r in records)


def _to_prefecture(r: Record) -> Record:
    return r._replace(area=r.prefecture)


def anonymize(records: list[Record], k: int, quasi_identifiers: tuple[str, ...],
              maskable: tuple[str, ...] = ()) -> tuple[list[Record], AnonymityReport]:
    """The records that may be published (k-anonymous over the quasi-identifiers) and what was done.

    ``maskable``: the quasi-identifiers step 3 may show as 秘匿, in that order."""
    key = attrgetter(*quasi_identifiers)
    per_area = Counter((r.prefecture, r.area) for r in records if r.area != r.prefecture)
    small_areas = {a for a, n in per_area.items() if n < k}
    step1 = [_to_prefecture(r) if (r.prefecture, r.area) in small_areas else r for r in records]

    sizes = Counter(map(key, step1))
    step2 = [_to_prefecture(r) if sizes[key(r)] < k and r.area != r.prefecture else r for r in step1]
    moved = sum(a is not b for a, b in zip(step1, step2))

    rows, masked = step2, []
    for name in maskable:
        sizes = Counter(map(key, rows))
        change = {name: MASKED}
        step = [r._replace(**change) if sizes[key(r)] < k and getattr(r, name) != MASKED else r for r in rows]
        masked.append((name, sum(a is not b for a, b in zip(rows, step))))
        rows = step

    sizes = Counter(map(key, rows))
    kept = [r for r in rows if sizes[key(r)] >= k]
    report = AnonymityReport(
        k=k, quasi_identifiers=tuple(quasi_identifiers),
        municipalities_generalised=len(small_areas),
        rows_generalised_by_municipality=sum(per_area[a] for a in small_areas),
        rows_generalised_by_class=moved,
        cells_masked=tuple(masked),
        rows_masked=sum(a is not b for a, b in zip(step2, rows)),
        rows_suppressed=len(records) - len(kept),
    )
    return kept, report
