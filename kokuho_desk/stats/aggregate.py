"""Count tables over statistics records: per month, 相談内容, verdict, enforcement, reliefs.

The export computes them AFTER suppression, from exactly the rows it publishes, so
every cell can be recounted from the rows of the same file and discloses nothing the
k-anonymous rows do not; a small cell therefore needs no further suppression, and the
tables of merged exports are the sums of the desks' tables. The number of suppressed
records is published as one total (``suppressed``), never by category.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from kokuho_desk.model.case import ENFORCEMENT_KINDS, INSURANCE_STATUSES, SEIZURE_ASSETS
from kokuho_desk.stats import labels
from kokuho_desk.stats.categories import OTHER, relief_labels
from kokuho_desk.stats.policy import Policy
from kokuho_desk.stats.record import UNKNOWN_STATUS, Record


def _months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _table(counts: Counter, keys: Iterable[str], label: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Rows {key, label, count} for the declared keys (zeros included), then any other key seen."""
    keys = list(keys)
    keys += sorted(k for k in counts if k not in keys)
    return [{"key": k, "label": (label or {}).get(k, k), "count": counts[k]} for k in keys]


def _column(records: list[Record], name: str) -> Counter:
    return Counter(map(attrgetter(name), records))


def _items(counts: Counter) -> Counter:
    """Counts of tuples (few distinct ones) → counts of their items."""
    out: Counter = Counter()
    for items, n in counts.items():
        for item in items:
            out[item] += n
    return out


def aggregate(records: list[Record], policy: Policy) -> dict[str, Any]:
    months = _column(records, "month")
    topics = _items(_column(records, "topics"))
    enforcement = _items(_column(records, "enforcement"))
    assets = _items(_column(records, "seizure_assets"))
    insurance = _column(records, "insurance")
    reduction = _column(records, "reduction")
    outcomes = _column(records, "outcome")
    verdicts: dict[str, Counter] = {}
    for (check, verdict), n in _items(_column(records, "verdicts")).items():
        verdicts.setdefault(check, Counter())[verdict] = n
    checks = [c for c in labels.CHECK_LABELS if c in verdicts] + sorted(c for c in verdicts if c not in labels.CHECK_LABELS)
    reliefs = relief_labels(policy)
    return {
        "cases": len(records),
        "by_month": _table(months, _months(min(months), max(months)) if months else []),
        "by_topic": _table(topics, [c.label for c in policy.topics] + [OTHER]),
        "by_verdict": [{"check": c, "label": labels.check_label(c),
                        "counts": {v: verdicts[c][v] for v in labels.VERDICT_CODES}} for c in checks],
        "by_enforcement": _table(enforcement, ENFORCEMENT_KINDS, labels.ENFORCEMENT),
        "by_seizure_asset": _table(assets, SEIZURE_ASSETS, labels.SEIZURE_ASSETS),
        "by_insurance": _table(insurance, [*INSURANCE_STATUSES, UNKNOWN_STATUS], labels.INSURANCE),
        "by_reduction": _table(reduction, labels.REDUCTION_CLASSES),
        "by_outcome": _table(outcomes, [c.label for c in policy.outcomes]),
        "reliefs": {"total": sum(outcomes[c] for c in reliefs), "by_kind": _table(outcomes, reliefs)},
    }
