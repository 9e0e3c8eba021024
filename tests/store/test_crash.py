"""Crash safety: a writer killed (SIGKILL) in the middle of saves loses no acknowledged save, plain or encrypted."""

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from kokuho_desk.store import open_store
from kokuho_desk.store.db import connect
from tests.conftest import REPO

PASSPHRASE = "停電にも負けない"

WRITER = r"""
import os, sys
from datetime import date
from kokuho_desk.model.case import Case, LogEntry, Member
from kokuho_desk.store import open_store

store = open_store(sys.argv[1], user="writer", passphrase=os.environ.get("CRASH_PASSPHRASE"))
print("ready", flush=True)
run = sys.argv[2]
i = 0
while True:
    i += 1
    case = Case(as_of=date(2025, 6, 2), members=[Member(relation="head", name=f"見本 {run}-{i}",
                kana="ミホン", birth_date=date(1970, 1, 1))], notes="停電テスト" * 20)
    case_id = store.create(case)
    print(f"c {case_id} {run}-{i}", flush=True)
    store.add_log_entry(case_id, LogEntry(entry_date=date(2025, 6, 2), note="記録", next_action="確認",
                                          due_date=date(2025, 6, 9)))
    print(f"u {case_id}", flush=True)
"""


def _kill_writer_repeatedly(db, kills: int, passphrase: str | None) -> None:
    """Start a writer, SIGKILL it at a random moment, ``kills`` times, checking the file after each; then the saves."""
    open_store(db, passphrase=passphrase).close()
    rng = random.Random(7)
    created: dict[int, str] = {}
    updated: set[int] = set()
    env = {**os.environ, "PYTHONPATH": str(REPO), **({"CRASH_PASSPHRASE": passphrase} if passphrase else {})}
    for run in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(run)],
            stdout=subprocess.PIPE,
            env=env,
            cwd=REPO,
            text=True,
            encoding="utf-8",
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()
        for line in child.stdout.read().splitlines(keepends=True):
            if not line.endswith("\n"):
                continue  # cut by the kill: not acknowledged
            kind, case_id, *rest = line.split()
            if kind == "c":
                created[int(case_id)] = f"見本 {rest[0]}"
            else:
                updated.add(int(case_id))
        child.stdout.close()
        check = connect(db, passphrase)
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"after kill {run + 1}"
        assert not passphrase or check.execute("PRAGMA cipher_integrity_check").fetchall() == []
        check.close()

    assert len(created) > kills  # the writer did get through saves between kills
    with open_store(db, passphrase=passphrase) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store._db.execute("INSERT INTO cases_fts (cases_fts) VALUES ('integrity-check')")
        for case_id, name in created.items():
            case = store.get(case_id)
            assert case.head.name == name
            if case_id in updated:
                assert [e.next_action for e in case.log] == ["確認"]
        assert {s.id for s in store.search("停電テスト", limit=10**6)} >= set(created)
        stored_ids = {i for i, _ in store.iter_cases()}
        assert set(created) <= stored_ids
        assert len(store.deadlines(date(2025, 6, 9), date(2025, 6, 9))) >= len(updated)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_killed_writer_loses_no_acknowledged_save(tmp_path):
    """Ensure after 32 SIGKILLs mid-save the plain database is intact and every acknowledged save is there."""
    _kill_writer_repeatedly(tmp_path / "crash.db", 32, None)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
@pytest.mark.parametrize(
    "kills", [20, pytest.param(100, marks=pytest.mark.thorough)], ids=["20-kills", "100-kills-thorough"]
)
def test_killed_writer_of_the_encrypted_store_loses_no_acknowledged_save(tmp_path, kills):
    """Ensure after 20 SIGKILLs mid-save (100 in the thorough run) the encrypted database is intact and every
    acknowledged save is there."""
    _kill_writer_repeatedly(tmp_path / "crash.db", kills, PASSPHRASE)
