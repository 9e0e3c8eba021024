"""Rescreen: list the cases whose verdicts change under other settings; the command stores deadlines."""

from __future__ import annotations

import argparse
import multiprocessing
from datetime import date

from kokuho_desk.commands import rescreen as command
from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.model.judgement import Judgement
from kokuho_desk.rules.params import rules_version
from kokuho_desk.rules.rescreen import Settings, rescreen
from kokuho_desk.store import open_store


def _case(as_of="2025-03-01", due="2023-03-31"):
    return case_from_dict({"format": "kokuho-desk/case-1", "as_of": as_of,
                           "members": [{"relation": "head", "birth_date": "1980-05-01"}],
                           "arrears": [{"fiscal_year": 2022, "amount": 50_000, "due_date": due, "kind": "料"}]})


def test_limitation_change_is_listed():
    """Ensure a 料 that expires between the case's day and the new day is listed as a change."""
    changes = rescreen([(7, _case())], Settings(date(2025, 6, 1))).changes
    assert [(c.case_id, c.check_id, c.before, c.after) for c in changes] == [(7, "limitation", "not_eligible",
                                                                             "eligible")]
    assert changes[0].result.figures["expired_amount"] == 50_000
    assert "時効" in changes[0].describe()


def test_no_change_no_entry():
    """Ensure a case judged again on its own day produces no change."""
    assert rescreen([(1, _case())], Settings()).changes == []


def test_workers_give_the_same_changes():
    """Ensure judging in worker processes gives the same list, in case order."""
    cases = [(i, _case(due="2023-03-31" if i % 2 else "2024-03-31")) for i in range(1, 9)]
    one = rescreen(cases, Settings(date(2025, 6, 1)))
    two = rescreen(cases, Settings(date(2025, 6, 1)), workers=2, batch=3)
    assert one.judged == two.judged and set(one.judged) == set(range(1, 9))
    one, two = one.changes, two.changes
    assert [(c.case_id, c.check_id, c.after) for c in one] == [(c.case_id, c.check_id, c.after) for c in two]
    assert [c.case_id for c in one] == [1, 3, 5, 7]


def test_pickled_batches_give_the_same_changes(monkeypatch):
    """Ensure the path for systems that do not fork (Windows: cases pickled to the workers in
    batches) lists the same changes as forked workers that inherit the cases."""
    cases = [(i, _case(due="2023-03-31" if i % 2 else "2024-03-31")) for i in range(1, 9)]
    forked = rescreen(cases, Settings(date(2025, 6, 1)), workers=2, batch=3)
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda *a, **k: "spawn")
    pickled = rescreen(cases, Settings(date(2025, 6, 1)), workers=2, batch=3)
    assert [(c.case_id, c.check_id, c.after) for c in pickled.changes] == \
        [(c.case_id, c.check_id, c.after) for c in forked.changes] != []
    assert pickled.judged == forked.judged


def test_known_judgement_is_the_before():
    """Ensure a known judgement is compared as it is (not judged again) and nothing new is made for it."""
    case = _case(due="2024-03-31")  # not expired on 2025-06-01 either: no change against its own day
    judged = rescreen([(1, case)], Settings(date(2025, 6, 1)))
    assert judged.changes == [] and judged.judged[1].verdicts["limitation"] == "not_eligible"
    shown = Judgement(None, {**judged.judged[1].verdicts, "limitation": "eligible"})
    again = rescreen([(1, case)], Settings(date(2025, 6, 1)), known={1: shown})
    assert [(c.check_id, c.before, c.after) for c in again.changes] == [("limitation", "eligible", "not_eligible")]
    assert again.judged == {}


def test_command_stores_deadlines_and_audits(tmp_path, capsys):
    """Ensure the command prints the change, keeps the new next actions as deadlines and audits the run."""
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        case_id = store.create(_case(as_of="2025-03-01", due="2023-06-30"))
    args = argparse.Namespace(db=str(db), as_of="2025-07-01", what_if=[])
    assert command.run(args) == 0
    out = capsys.readouterr().out
    assert f"ケース{case_id}" in out and "1件" in out
    with open_store(db) as store:
        assert store.audit_log()[0].action == "rescreen"
        assert any(d.case_id == case_id for d in store.deadlines(date(2025, 1, 1), date(2026, 12, 31)))
        kept = store.judgements()[case_id]  # judged as of its own day, kept for the next run
        assert kept.as_of == date(2025, 3, 1) and kept.judgement.verdicts["limitation"] == "not_eligible"
        assert kept.rules == rules_version()
