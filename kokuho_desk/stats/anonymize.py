"""k-anonymity over the quasi-identifiers: generalise the area, then suppress.

Steps, in order (each counted in the report, never naming what it hid):

1. ``municipality_to_prefecture``: a municipality with fewer than k records is shown
   as its prefecture (合算措置: the small area is merged into the larger one).
2. ``small_class_to_prefecture``: a record whose combination of quasi-identifiers
   still occurs fewer than k times, and whose area is a municipality, is shown at
   prefecture level too. This only moves records out of classes below k into
   prefecture classes, so no class that already reached k shrinks.
3. ``suppression``: records whose combination still occurs fewer than k times are
   dropped.

Afterwards every combination of the quasi-identifiers occurs at least k times.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import attrgetter

from kokuho_desk.stats.record import Record


@dataclass(frozen=True)
class AnonymityReport:
    k: int
    quasi_identifiers: tuple[str, ...]
    municipalities_generalised: int  # step 1: municipalities shown as their prefecture
    rows_generalised_by_municipality: int  # step 1: records affected
    rows_generalised_by_class: int  # step 2
    rows_suppressed: int  # step 3

    def steps(self) -> list[dict]:
        return [
            {"step": "municipality_to_prefecture",
             "description": f"対象が{self.k}件未満の市区町村を都道府県にまとめた",
             "municipalities": self.municipalities_generalised,
             "rows": self.rows_generalised_by_municipality},
            {"step": "small_class_to_prefecture",
             "description": f"準識別子の組み合わせが{self.k}件未満の行の市区町村を都道府県にまとめた",
             "rows": self.rows_generalised_by_class},
            {"step": "suppression",
             "description": f"それでも組み合わせが{self.k}件未満の行を削除した",
             "rows": self.rows_suppressed},
        ]


def _to_prefecture(r: Record) -> Record:
    return r._replace(area=r.prefecture)


def anonymize(records: list[Record], k: int, quasi_identifiers: tuple[str, ...]) -> tuple[list[Record], AnonymityReport]:
    """The records that may be published (k-anonymous over the quasi-identifiers) and what was done."""
    key = attrgetter(*quasi_identifiers)
    per_area = Counter((r.prefecture, r.area) for r in records if r.area != r.prefecture)
    small_areas = {a for a, n in per_area.items() if n < k}
    step1 = [_to_prefecture(r) if (r.prefecture, r.area) in small_areas else r for r in records]

    sizes = Counter(map(key, step1))
    step2 = [_to_prefecture(r) if sizes[key(r)] < k and r.area != r.prefecture else r for r in step1]
    moved = sum(a is not b for a, b in zip(step1, step2))

    sizes = Counter(map(key, step2))
    kept = [r for r in step2 if sizes[key(r)] >= k]
    report = AnonymityReport(
        k=k, quasi_identifiers=tuple(quasi_identifiers),
        municipalities_generalised=len(small_areas),
        rows_generalised_by_municipality=sum(per_area[a] for a in small_areas),
        rows_generalised_by_class=moved,
        rows_suppressed=len(records) - len(kept),
    )
    return kept, report
