"""The store's desk-entered rate tables (migration 0006_desk_rates): saved whole, audited, unchanged
on an equal save, kept across reopening."""

from dataclasses import replace

import pytest

from kokuho_desk.store import open_store
from kokuho_desk.store.db import Error, connect
from kokuho_desk.store.migrations import migrate, migration_names
from tests.desk_rate_samples import CHICHIBU, CHICHIBU_YEAR


def test_a_saved_table_is_read_back_with_who_and_when(tmp_path):
    """Ensure a saved table comes back equal, with the user and the time, and is audited."""
    with open_store(tmp_path / "a.db", user="相談員A") as store:
        (written,) = store.save_desk_rates([CHICHIBU])
        assert written.entered_by == "相談員A" and written.entered_at
        (read,) = store.desk_rates()
        assert read.same_table(CHICHIBU) and read.year == CHICHIBU_YEAR
        (entry,) = store.audit_log()
        assert entry.action == "desk_rates" and entry.user == "相談員A"
        assert entry.detail == "秩父市 2026年度 相談窓口で入力した料率（通知書から）"
    with open_store(tmp_path / "a.db") as store:
        assert [e.same_table(CHICHIBU) for e in store.desk_rates()] == [True]


def test_saving_an_equal_table_changes_nothing_and_a_new_one_replaces(tmp_path):
    """Ensure saving the same table again writes and audits nothing; a changed one replaces it (audited)."""
    with open_store(tmp_path / "a.db", user="相談員A") as store:
        store.save_desk_rates([CHICHIBU])
        assert store.save_desk_rates([CHICHIBU]) == []
        assert len(store.audit_log()) == 1
        changed = replace(CHICHIBU, source="https://www.city.chichibu.lg.jp/")
        assert len(store.save_desk_rates([changed])) == 1
        assert [e.source for e in store.desk_rates()] == ["https://www.city.chichibu.lg.jp/"]
        assert store.audit_log()[0].detail.endswith("（置き換え）")


def test_a_failed_save_keeps_nothing_of_the_batch(tmp_path):
    """Ensure one bad row (a kind the table refuses) rolls back the whole batch."""
    with open_store(tmp_path / "a.db", user="相談員A") as store:
        bad = replace(CHICHIBU, municipality="長瀞町", kind="金")
        with pytest.raises(Error, match="CHECK"):
            store.save_desk_rates([CHICHIBU, bad])
        assert store.desk_rates() == [] and store.audit_log() == []


def test_migration_0006_from_version_5_keeps_cases_and_adds_the_table(tmp_path):
    """Ensure a version-5 database gains an empty desk_rates table that then takes a table."""
    path = tmp_path / "old.db"
    db = connect(path)
    migrate(db, path, stop_before="0006_desk_rates")
    assert "desk_rates" not in db.table_names()
    db.close()
    with open_store(path) as store:
        assert "0006_desk_rates" in migration_names()
        assert store.desk_rates() == []
        store.save_desk_rates([CHICHIBU])
        assert len(store.desk_rates()) == 1
