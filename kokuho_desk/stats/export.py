"""Export a desk's cases as anonymised statistics: select, generalise, suppress, count.

A case belongs to the period when the month of its first consultation (the earliest
log date, or as_of) lies in [month_from, month_to]. Only the selected cases are
judged by the rules engine (the expensive step).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kokuho_desk.heap import frozen_heap
from kokuho_desk.model.case import Case
from kokuho_desk.stats.aggregate import aggregate
from kokuho_desk.stats.anonymize import anonymize
from kokuho_desk.stats.document import Document, build_document
from kokuho_desk.stats.policy import Policy, load_policy
from kokuho_desk.model.judgement import Judgement
from kokuho_desk.stats.record import first_consultation, month_of, record_of

Judge = Callable[[Case], Judgement]


class InvalidK(ValueError):
    """k is below the policy's minimum; str(e) is the Japanese message."""


def check_k(k: int, policy: Policy) -> None:
    if k < policy.k_min:
        raise InvalidK(f"k は {policy.k_min} 以上にしてください（指定: {k}）")


def export_cases(cases: Iterable[Case], *, judge: Judge, k: int | None = None, desk_id: str | None = None,
                 month_from: str | None = None, month_to: str | None = None,
                 policy: Policy | None = None) -> Document:
    """The statistics document of the cases whose first consultation falls in the period.

    Months are "YYYY-MM"; None leaves that end open. InvalidK (Japanese) for k below k_min.
    """
    policy = policy or load_policy()
    k = policy.k_default if k is None else k
    check_k(k, policy)
    with frozen_heap():  # the cases are read already
        records = []
        for case in cases:
            month = month_of(first_consultation(case))
            if (month_from and month < month_from) or (month_to and month > month_to):
                continue
            records.append(record_of(case, judge(case), policy, month))
        months = [r.month for r in records]
        period = {"from": month_from or min(months, default=None), "to": month_to or max(months, default=None)}
        kept, report = anonymize(records, k, policy.quasi_identifiers, policy.cell_suppression)
        return build_document(kind="desk", desk_id=desk_id, period=period, report=report, records=kept,
                              aggregates=aggregate(kept, policy), policy=policy,
                              suppressed=report.rows_suppressed, sources=[])
