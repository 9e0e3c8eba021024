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

    # A row whose class reached k is final; masking and suppression work on the others only.
    sizes = Counter(map(key, step2))
    kept = [r for r in step2 if sizes[key(r)] >= k]
    reached = Counter(map(key, kept))
    below = [(r, False) for r in step2 if sizes[key(r)] < k]  # (row, whether a cell was masked here)
    masked, rows_masked = [], 0
    for name in maskable:
        change = {name: MASKED}
        step = [(r, done) if getattr(r, name) == MASKED else (r._replace(**change), True) for r, done in below]
        masked.append((name, sum(a is not b for (a, _), (b, _) in zip(below, step))))
        sizes = reached + Counter(key(r) for r, _ in step)
        below = []
        for r, done in step:
            if sizes[key(r)] >= k:
                kept.append(r)
                reached[key(r)] += 1
                rows_masked += done
            else:
                below.append((r, done))
    rows_masked += sum(done for _, done in below)

    report = AnonymityReport(
        k=k, quasi_identifiers=tuple(quasi_identifiers),
        municipalities_generalised=len(small_areas),
        rows_generalised_by_municipality=sum(per_area[a] for a in small_areas),
        rows_generalised_by_class=moved,
        cells_masked=tuple(masked),
        rows_masked=rows_masked,
        rows_suppressed=len(records) - len(kept),
    )
    return kept, report
