"""The rules engine's judgement of a case, reduced to what statistics keep: the
statutory reduction class and one verdict per check id (no reasons, no figures)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kokuho_desk.model.case import Case
from kokuho_desk.model.judgement import Judgement, StoredJudgement
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.rules.params import rules_version
from kokuho_desk.store import Store


def judge(case: Case) -> Judgement:
    return run_checks(case).judgement()


class StoredJudge:
    """A judge for stored cases that reuses the judgements the store keeps (judged on the case's
    own day under the same law data) and judges the others, keeping those in `fresh` so that
    the caller can store them."""

    def __init__(self, cases: Iterable[tuple[int, Case]], stored: Mapping[int, StoredJudgement]):
        self.version = version = rules_version()
        self._ids: dict[int, int] = {}
        self._known: dict[int, Judgement] = {}
        for case_id, case in cases:
            self._ids[id(case)] = case_id
            s = stored.get(case_id)
            if s is not None and s.rules == version and s.as_of == case.as_of:
                self._known[id(case)] = s.judgement
        self.fresh: dict[int, tuple[Case, Judgement]] = {}

    def __call__(self, case: Case) -> Judgement:
        known = self._known.get(id(case))
        if known is not None:
            return known
        j = judge(case)
        case_id = self._ids.get(id(case))
        if case_id is not None:
            self.fresh[case_id] = (case, j)
        return j

    def keep(self, store: Store) -> int:
        """Store the judgements made here (on the thread that owns the store); how many were kept."""
        return store.record_judgements(((case_id, case, j) for case_id, (case, j) in self.fresh.items()),
                                       self.version)
