"""Concurrent writers: the busy timeout is honoured (BEGIN IMMEDIATE), a stale save is refused (case versions),
and the consultation log is append-only (a save never drops an entry added elsewhere)."""

import threading
import time
from dataclasses import replace
from datetime import date

import pytest
from sqlcipher3 import dbapi2

from kokuho_desk.letters import record_letter
from kokuho_desk.model.case import LogEntry
from kokuho_desk.store import open_store
from kokuho_desk.store.repository import CaseChanged
from tests.store.conftest import make_case


def test_a_save_waits_for_another_writer_instead_of_failing(tmp_path):
    """Ensure that while another connection holds the write lock for 0.8 s (and commits a change), a save through
    the store waits and succeeds — it does not fail at once with 「database is locked」."""
    path = tmp_path / "cases.db"
    with open_store(path) as store:
        case_id = store.create(make_case())
        other = dbapi2.connect(str(path), isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE cases SET updated_at = updated_at WHERE id = ?", [case_id])

        def release():
            time.sleep(0.8)
            other.execute("COMMIT")

        releaser = threading.Thread(target=release)
        store.get(case_id)  # a read before the write, as the window does
        releaser.start()
        started = time.monotonic()
        store.update(case_id, replace(store.get(case_id), notes="待ってから保存"))
        releaser.join()
        other.close()
        assert time.monotonic() - started >= 0.5
        assert store.get(case_id).notes == "待ってから保存"


def test_a_save_of_a_case_changed_elsewhere_is_refused_in_japanese(tmp_path):
    """Ensure window A's save (opened at version 1) after window B saved (version 2) is refused with CaseChanged,
    in Japanese, nothing written; a save with the current version goes through."""
    path = tmp_path / "cases.db"
    with open_store(path) as a, open_store(path) as b:
        case_id = a.create(make_case())
        case_a, version_a = a.get_with_version(case_id)
        case_b, version_b = b.get_with_version(case_id)
        assert version_a == version_b == 1
        assert b.update(case_id, replace(case_b, notes="Bの変更"), expected_version=version_b) == 2
        with pytest.raises(CaseChanged, match="別の画面またはコマンドで変更されています"):
            a.update(case_id, replace(case_a, notes="Aの変更"), expected_version=version_a)
        assert a.get(case_id).notes == "Bの変更"
        assert a.update(case_id, replace(case_a, notes="Aの変更"), expected_version=2) == 3


def test_a_window_save_keeps_a_log_entry_a_letter_added_meanwhile(tmp_path):
    """Ensure: the window reads a case (log: 1 entry), the CLI `letter` records a letter in the log, the window
    saves its (older) case with a new note of its own — the stored log holds all three entries."""
    path = tmp_path / "cases.db"
    first = LogEntry(entry_date=date(2025, 6, 2), note="初回相談")
    with open_store(path) as window, open_store(path) as cli:
        case_id = window.create(make_case(log=[first]))
        opened = window.get(case_id)
        record_letter(cli, case_id, "copayment-relief", date(2025, 6, 3))
        mine = LogEntry(entry_date=date(2025, 6, 4), note="電話で確認")
        window.update(case_id, replace(opened, log=[*opened.log, mine]))
        log = window.get(case_id).log
    assert [e.note for e in log][0] == "初回相談" and "電話で確認" in [e.note for e in log]
    assert any(e.kind == "letter" and "copayment-relief" in e.note for e in log)
    assert len(log) == 3
