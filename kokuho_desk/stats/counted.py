"""What a case counts for in the statistics: its quarter, its area and its (table, column) cells,
as a short JSON text kept beside the case's judgement in the store.

It is kept whenever a judgement is (``record_judged``: the desk judging a case, a rescreen) and
removed with the judgement whenever the case changes, so an export reads one short text per case
instead of the whole case: 100,000 cases in a few seconds, in batches. A case without one for
today's law data and tables version (saved since it was last judged, or a database restored or
upgraded) is worked out during the export, through ``verdicts.judge``, and kept for the next.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date

from kokuho_desk.model.case import Case
from kokuho_desk.model.judgement import VerdictSummary
from kokuho_desk.rules.params import rules_version
from kokuho_desk.stats.area import Area, area_of
from kokuho_desk.stats.periods import Quarter
from kokuho_desk.stats.policy import Policy, load_policy
from kokuho_desk.stats.tables import table_cells
from kokuho_desk.stats.verdicts import judge
from kokuho_desk.store import Store

KEEP_BATCH = 500  # judgements and counted cells made during a read are kept this many at a time
# Cases of one desk rarely share a text (quarter × area × a dozen cells): the texts are handed on
# this many distinct at a time, to be folded into counts of cells, so memory stays flat.
DISTINCT_BATCH = 5_000


def first_consultation(case: Case) -> date:
    """The earliest log date, or the day of the judgement when the log is empty or later."""
    first = case.as_of
    for entry in case.log:
        if entry.entry_date < first:
            first = entry.entry_date
    return first


def _prefix(policy: Policy) -> str:
    return json.dumps([policy.tables_version], ensure_ascii=False)[:-1] + ","


def counted(case: Case, judgement: VerdictSummary, policy: Policy) -> str:
    """[tables version, quarter, [prefecture, municipality, code], [[table, column], …]] as JSON."""
    return json.dumps(
        [
            policy.tables_version,
            Quarter.of(first_consultation(case)).key,
            list(area_of(case)),
            table_cells(case, judgement, policy),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode(text: str) -> tuple[Quarter, Area, list[tuple[str, str]]]:
    _version, period, area, cells = json.loads(text)
    return Quarter.parse(period), Area(*area), [tuple(c) for c in cells]


def _usable(judgement_rules: str, judgement: VerdictSummary, version: str) -> bool:
    return judgement_rules == version and "premium_total" in judgement.figures


def record_judged(store: Store, judged: list[tuple[int, Case, VerdictSummary]], policy: Policy | None = None) -> int:
    """Keep the judgements of cases under today's law data (the verdicts as shown) and what each
    case counts for in the statistics beside it; returns how many were kept (a case changed since
    it was judged is not: see Store.record_judgements; the texts are then left to the export)."""
    policy = policy or load_policy()
    kept = store.record_judgements(judged, rules_version())
    if kept == len(judged):
        store.keep_stats([(case_id, counted(case, judgement, policy)) for case_id, case, judgement in judged])
    return kept


def counted_cases(store: Store, policy: Policy) -> Counter:
    """How many cases count for each distinct JSON text; works out and keeps the missing ones."""
    out: Counter = Counter()
    for batch in counted_batches(store, policy):
        out.update(batch)
    return out


def counted_batches(store: Store, policy: Policy, distinct: int = DISTINCT_BATCH) -> Iterator[Counter]:
    """counted_cases in parts of at most ``distinct`` texts (a text may recur in several parts):
    what the export folds into its counts one part at a time."""
    version = rules_version()
    out: Counter = Counter()
    judged: list[tuple[int, Case, VerdictSummary]] = []
    kept: list[tuple[int, str]] = []

    def flush() -> None:
        store.record_judgements(judged, version)  # before keep_stats: it writes the judgement's row
        store.keep_stats(kept)
        judged.clear()
        kept.clear()

    for case_id, text, case, stored in store.iter_stats(version, _prefix(policy)):
        if text is None:
            assert case is not None  # iter_stats reads the case whenever it has no kept text
            if stored is not None and _usable(stored.rules, stored.judgement, version):
                judgement = stored.judgement
            else:
                judgement = judge(case)
                judged.append((case_id, case, judgement))
            text = counted(case, judgement, policy)
            kept.append((case_id, text))
            if len(kept) >= KEEP_BATCH:
                flush()
        out[text] += 1
        if len(out) >= distinct:
            yield out
            out = Counter()
    if kept:
        flush()
    if out:
        yield out
