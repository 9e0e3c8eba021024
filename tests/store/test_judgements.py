"""The kept judgement of each case: recorded for the stored case only, dropped when the case changes."""

from dataclasses import replace
from datetime import date

from kokuho_desk.model.judgement import VerdictSummary
from kokuho_desk.store import open_store
from kokuho_desk.store.db import connect
from kokuho_desk.store.migrations import migrate, migration_names
from tests.store.conftest import AS_OF, make_case

J = VerdictSummary("5割", {"statutory_reduction": "eligible", "limitation": "not_eligible"})


def test_recorded_judgement_reads_back_with_day_and_rules(store):
    """Ensure a judgement recorded for a stored case reads back equal, with its day and law-data version."""
    case_id = store.create(make_case())
    assert store.record_judgements([(case_id, store.get(case_id), J)], "v1") == 1
    kept = store.judgements()[case_id]
    assert (kept.judgement, kept.as_of, kept.rules) == (J, AS_OF, "v1")
    assert store.judgements(status="closed") == {}


def test_judgement_of_another_version_of_the_case_is_not_kept(store):
    """Ensure a judgement made from a case that differs from the stored one is skipped."""
    case_id = store.create(make_case())
    edited = replace(store.get(case_id), notes="まだ保存していない変更")
    assert store.record_judgements([(case_id, edited, J)], "v1") == 0
    assert store.judgements() == {}


def test_saving_the_case_drops_its_judgement(store):
    """Ensure an update (here: closing the case) removes the judgement of the old contents."""
    one, two = store.create(make_case()), store.create(make_case("架空 花子"))
    store.record_judgements([(i, store.get(i), J) for i in (one, two)], "v1")
    store.close_case(one, "解決")
    assert set(store.judgements()) == {two}


def test_deleted_case_has_no_judgement(store):
    """Ensure a soft-deleted case's judgement is not returned."""
    case_id = store.create(make_case())
    store.record_judgements([(case_id, store.get(case_id), J)], "v1")
    store.delete(case_id)
    assert store.judgements() == {}


def test_judgements_table_comes_with_the_migration_from_version_4(tmp_path):
    """Ensure a version-4 database gains the judgements table, and its cases can be judged and kept."""
    path = tmp_path / "v4.db"
    db = connect(path)
    migrate(db, path, stop_before=migration_names()[4])
    db.close()
    with open_store(path) as store:
        case_id = store.create(make_case(address="大阪府大阪市北区1"))
        store.record_judgements([(case_id, store.get(case_id), J)], "v2")
        assert store.judgements()[case_id].as_of == date(2025, 6, 2)
