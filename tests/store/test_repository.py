"""The repository: create, update, get, list, close/reopen, soft delete, deadlines, audit."""

from datetime import date

import pytest

from kokuho_desk.model.case import LogEntry
from kokuho_desk.model.casefile import CaseFileError, case_to_dict
from kokuho_desk.model.next_action import NextAction
from kokuho_desk.store import CaseNotFound, StoreError, default_db_path, open_store
from kokuho_desk.store.db import DatabaseError
from tests.store.conftest import make_case

TODAY = date(2025, 6, 2)


def _rows(store, table):
    return store._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_create_and_get_returns_the_same_case(store):
    """Ensure a created case reads back equal, with its columns filled."""
    case = make_case(address="大阪府大阪市北区見本町1-2-3", members=3)
    case_id = store.create(case)
    assert case_to_dict(store.get(case_id)) == case_to_dict(case)
    (summary,) = store.case_summaries()
    assert (summary.id, summary.head_name, summary.head_kana, summary.members_count, summary.address) == (
        case_id,
        "山田 太郎",
        "ヤマダ タロウ",
        3,
        "大阪府大阪市北区見本町1-2-3",
    )


def test_update_replaces_the_case_and_records_changed_fields(store):
    """Ensure update stores the new case and the audit names the changed fields."""
    case_id = store.create(make_case())
    changed = make_case(notes="家賃の滞納もあり")
    store.update(case_id, changed)
    assert store.get(case_id).notes == "家賃の滞納もあり"
    assert store.audit_log(case_id)[0].action == "update"
    assert store.audit_log(case_id)[0].detail == "変更: notes"


def test_get_update_unknown_id_raise_case_not_found_in_japanese(store):
    """Ensure an unknown id raises CaseNotFound with a Japanese message."""
    with pytest.raises(CaseNotFound, match="ケース番号 99 は見つかりません"):
        store.get(99)
    with pytest.raises(CaseNotFound):
        store.update(99, make_case())
    assert _rows(store, "cases") == 0


def test_invalid_case_is_refused_and_nothing_is_saved(store):
    """Ensure a case that would not read back (birth after as_of) is refused before any row is written."""
    case = make_case()
    case.members[0].birth_date = date(2030, 1, 1)
    with pytest.raises(CaseFileError, match=r"members\[0\]\.birth_date"):
        store.create(case)
    assert (_rows(store, "cases"), _rows(store, "audit"), _rows(store, "deadlines")) == (0, 0, 0)


def test_a_failing_save_leaves_no_partial_rows(store):
    """Ensure a save that fails half-way (deadline insert refused) rolls back the case, index and audit."""
    store._db.execute("CREATE TRIGGER refuse BEFORE INSERT ON deadlines BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    case = make_case(log=[{"entry_date": TODAY, "next_action": "申請書を出す", "due_date": date(2025, 6, 9)}])
    with pytest.raises((StoreError, DatabaseError)):
        store.create(case)
    assert (_rows(store, "cases"), _rows(store, "audit"), _rows(store, "deadlines")) == (0, 0, 0)
    assert store.search("山田 太郎") == []


def test_soft_delete_hides_the_case_everywhere_but_keeps_the_row(store):
    """Ensure a deleted case is gone from get, list, search, count and deadlines, and the row stays."""
    case_id = store.create(make_case(log=[{"entry_date": TODAY, "next_action": "訪問", "due_date": date(2025, 6, 5)}]))
    store.delete(case_id)
    with pytest.raises(CaseNotFound):
        store.get(case_id)
    assert store.case_summaries(status=None) == [] and store.count(status=None) == 0
    assert store.search("山田") == [] and store.deadlines(TODAY, date(2025, 12, 31)) == []
    assert _rows(store, "cases") == 1
    assert [e.action for e in store.audit_log(case_id)] == ["delete", "create"]
    with pytest.raises(CaseNotFound):
        store.delete(case_id)


def test_close_and_reopen(store):
    """Ensure closing sets status and outcome (in the case file too) and reopening clears the outcome."""
    case_id = store.create(make_case())
    store.close_case(case_id, "減免が決定した")
    case = store.get(case_id)
    assert (case.status, case.outcome) == ("closed", "減免が決定した")
    assert store.case_summaries() == [] and [s.outcome for s in store.case_summaries(status="closed")] == [
        "減免が決定した"
    ]
    store.reopen(case_id)
    assert (store.get(case_id).status, store.get(case_id).outcome) == ("open", None)
    assert [(e.action, e.detail) for e in store.audit_log(case_id)][:2] == [
        ("reopen", "以前の結果: 減免が決定した"),
        ("close", "減免が決定した"),
    ]


def test_list_pages_and_orders(store):
    """Ensure list pages through all cases and each order_by gives the expected order."""
    kana = ["カ", "ア", "サ", "タ", "ナ", "ハ", "マ"]
    ids = [store.create(make_case(name=f"見本 {i}", kana=k)) for i, k in enumerate(kana)]
    pages = [store.case_summaries(offset=o, limit=3, order_by="id") for o in (0, 3, 6)]
    assert [[s.id for s in p] for p in pages] == [ids[0:3], ids[3:6], ids[6:]]
    assert [s.id for s in store.case_summaries(order_by="updated")] == ids[::-1]
    assert [s.head_kana for s in store.case_summaries(order_by="kana")] == sorted(kana)
    assert store.count() == 7
    with pytest.raises(ValueError):
        store.case_summaries(order_by="age")


def test_list_filters_by_status_and_municipality(store):
    """Ensure the status and municipality filters select the right cases and count agrees."""
    store.create(make_case(municipality="大阪市"))
    store.create(make_case(municipality="防府市"))
    closed = store.create(make_case(municipality="防府市"))
    store.close_case(closed, "分納で合意")
    assert [s.municipality for s in store.case_summaries(municipality="防府市")] == ["防府市"]
    assert store.count(status=None, municipality="防府市") == 2
    assert store.count(status="closed") == 1 and store.count(status="open") == 2


def test_due_within_days_counts_overdue_and_ignores_done_entries(store):
    """Ensure due_within_days selects cases with an undone deadline up to today + N days."""
    soon = store.create(make_case(log=[{"entry_date": TODAY, "next_action": "申請", "due_date": date(2025, 6, 16)}]))
    late = store.create(make_case(log=[{"entry_date": TODAY, "next_action": "訪問", "due_date": date(2025, 6, 17)}]))
    overdue = store.create(
        make_case(log=[{"entry_date": date(2025, 5, 1), "next_action": "電話", "due_date": date(2025, 5, 20)}])
    )
    store.create(
        make_case(log=[{"entry_date": TODAY, "next_action": "済", "due_date": date(2025, 6, 3), "done": True}])
    )
    due = store.case_summaries(due_within_days=14, today=TODAY, order_by="next_due")
    assert [s.id for s in due] == [overdue, soon]
    assert store.count(due_within_days=14, today=TODAY) == 2
    assert [s.next_due_date for s in store.case_summaries(order_by="next_due")][:3] == [
        date(2025, 5, 20),
        date(2025, 6, 16),
        date(2025, 6, 17),
    ]
    assert late not in [s.id for s in due]


def test_deadlines_from_log_and_next_actions(store):
    """Ensure deadlines joins log entries and check next actions, sorted, and only of open cases."""
    a = store.create(
        make_case(
            name="見本 一郎", log=[{"entry_date": TODAY, "next_action": "申請書提出", "due_date": date(2025, 6, 20)}]
        )
    )
    b = store.create(make_case(name="架空 花子"))
    store.set_next_actions(
        b,
        [NextAction("特別療養費の申出", date(2025, 6, 10), "special-care-benefit"), NextAction("日付なしの手順")],
        "special_care_benefit",
    )
    closed = store.create(make_case(log=[{"entry_date": TODAY, "next_action": "x", "due_date": date(2025, 6, 11)}]))
    store.close_case(closed)
    got = store.deadlines(date(2025, 6, 1), date(2025, 6, 30))
    assert [(d.case_id, d.head_name, d.due_date, d.action, d.source) for d in got] == [
        (b, "架空 花子", date(2025, 6, 10), "特別療養費の申出", "special_care_benefit"),
        (a, "見本 一郎", date(2025, 6, 20), "申請書提出", "log"),
    ]
    assert store.case_summaries(status=None, order_by="id")[1].next_due_date == date(2025, 6, 10)
    store.set_next_actions(b, [], "special_care_benefit")
    assert [d.case_id for d in store.deadlines(date(2025, 6, 1), date(2025, 6, 30))] == [a]
    assert store.deadlines(date(2025, 6, 21), date(2025, 6, 30)) == []


def test_a_checks_step_ticked_done_in_the_log_leaves_the_deadlines(store):
    """Ensure a step the checks set (特別療養費の申出, due 2025-06-10) that the saved log records as 済み
    no longer shows in 今週の期限 or as the case's next deadline."""
    b = store.create(make_case(name="架空 花子"))
    store.set_next_actions(b, [NextAction("特別療養費の申出", date(2025, 6, 10))], "special_care_benefit")
    case = store.get(b)
    case.log.append(
        LogEntry(
            entry_date=TODAY,
            note="済み",
            next_action="特別療養費の申出",
            due_date=date(2025, 6, 10),
            done=True,
            kind="check",
        )
    )
    store.update(b, case)
    assert store.deadlines(date(2025, 6, 1), date(2025, 6, 30)) == []
    assert store.case_summaries(status=None, order_by="id")[0].next_due_date is None


def test_add_log_entry_appends_and_updates_deadlines(store):
    """Ensure add_log_entry appends to the case's log and its due date becomes a deadline."""
    case_id = store.create(make_case())
    store.add_log_entry(
        case_id, LogEntry(entry_date=TODAY, note="来所", next_action="給与明細を持参", due_date=date(2025, 6, 12))
    )
    assert [e.next_action for e in store.get(case_id).log] == ["給与明細を持参"]
    assert store.case_summaries()[0].next_due_date == date(2025, 6, 12)
    assert store.audit_log(case_id)[0].action == "log"


def test_audit_is_append_only(store):
    """Ensure audit rows carry user and action and cannot be changed or deleted."""
    store.audit("stats_export", None, "2025年度")
    (entry,) = store.audit_log()
    assert (entry.user, entry.action, entry.case_id, entry.detail) == ("相談員A", "stats_export", None, "2025年度")
    with pytest.raises(DatabaseError, match="変更できません"):
        store._db.execute("UPDATE audit SET user = 'x'")
    with pytest.raises(DatabaseError, match="削除できません"):
        store._db.execute("DELETE FROM audit")


def test_iter_cases_yields_every_case_by_status(store):
    """Ensure iter_cases yields all non-deleted cases in id order, filtered by status."""
    ids = [store.create(make_case(name=f"見本 {i}")) for i in range(450)]
    store.delete(ids[0])
    store.close_case(ids[1])
    assert [i for i, _ in store.iter_cases()] == ids[1:]
    assert [c.head.name for _, c in store.iter_cases(status="closed")] == ["見本 1"]


def test_reopening_the_file_keeps_everything(tmp_path):
    """Ensure cases survive closing and reopening the database file."""
    with open_store(tmp_path / "a.db") as s:
        case_id = s.create(make_case())
    with open_store(tmp_path / "a.db") as s:
        assert s.get(case_id).head.name == "山田 太郎"


def test_not_a_database_gives_a_japanese_error(tmp_path):
    """Ensure opening a file that is not a database raises StoreError in Japanese and leaves the file."""
    bad = tmp_path / "memo.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="データベースとして読めない"):
        open_store(bad)
    assert bad.read_bytes() == b"this is not sqlite" * 100


def test_default_db_path_is_in_the_user_data_folder():
    """Ensure the default database lives in the kokuho-desk user data folder."""
    path = default_db_path()
    assert path.name == "kokuho-desk.db" and path.parent.name == "kokuho-desk"
