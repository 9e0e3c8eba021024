"""The trash (ごみ箱): a deleted case can be listed, restored, or removed for good with all its rows."""

from datetime import date

import pytest

from kokuho_desk.model.judgement import VerdictSummary
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.store import CaseNotFound
from tests.store.conftest import make_case

TODAY = date(2025, 6, 2)


def _count(store, table, case_id):
    return store._db.execute(f"SELECT COUNT(*) FROM {table} WHERE case_id = ?", [case_id]).fetchone()[0]


def _deleted_with_everything(store, name="山田 太郎"):
    case = make_case(name, log=[{"entry_date": TODAY, "next_action": "訪問", "due_date": date(2025, 6, 5)}])
    case_id = store.create(case)
    store.set_next_actions(case_id, [NextAction("減免申請", due_date=date(2025, 6, 9))], "checks")
    assert store.record_judgements([(case_id, store.get(case_id), VerdictSummary("7割", {"x": "eligible"}))], "t") == 1
    store.delete(case_id)
    return case_id


def test_deleted_cases_are_listed_and_restored_with_their_deadlines(store):
    """Ensure a deleted case is in the trash with its deletion time, and 元に戻す brings it back whole."""
    keep = store.create(make_case("佐藤 花子"))
    case_id = _deleted_with_everything(store)
    trash = store.deleted_cases()
    assert [(s.id, s.head_name) for s, _at in trash] == [(case_id, "山田 太郎")]
    assert trash[0][1].date() == date.today()
    store.restore_deleted(case_id)
    assert store.deleted_cases() == []
    assert store.get(case_id).members[0].name == "山田 太郎"
    assert [s.head_name for s in store.search("山田")] == ["山田 太郎"]
    assert {d.action for d in store.deadlines(TODAY, date(2025, 12, 31))} == {"訪問", "減免申請"}
    assert store.last_judgement(case_id) is not None
    assert [e.action for e in store.audit_log(case_id)][:2] == ["undelete", "delete"]
    assert store.count(status=None) == 2 and keep != case_id
    with pytest.raises(CaseNotFound):
        store.restore_deleted(case_id)  # not in the trash any more


def test_emptying_the_trash_removes_every_row_but_keeps_the_audit(store):
    """Ensure purge removes the deleted cases' rows (file, search, FTS, deadlines, judgement), not others."""
    keep = store.create(make_case("佐藤 花子"))
    gone = [_deleted_with_everything(store), _deleted_with_everything(store, "山田 次郎")]
    assert store.purge_deleted() == 2
    assert store.deleted_cases() == []
    for case_id in gone:
        for table in ("case_files", "case_search", "deadlines", "judgements"):
            assert _count(store, table, case_id) == 0, table
        assert store._db.execute("SELECT COUNT(*) FROM cases WHERE id = ?", [case_id]).fetchone()[0] == 0
        assert [e.action for e in store.audit_log(case_id)][:2] == ["purge", "delete"]
        with pytest.raises(CaseNotFound):
            store.restore_deleted(case_id)
    fts = store._db.execute("SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?", ['"山田 太"']).fetchall()
    assert fts == []
    assert store.get(keep).members[0].name == "佐藤 花子"
    assert store.purge_deleted() == 0
