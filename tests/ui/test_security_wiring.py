"""The window uses the security pieces: opening a case is audited, the audit log is one menu away,
the idle lock and the start-of-session backup are set up by `kokuho-desk`."""

from __future__ import annotations

from argparse import Namespace
from datetime import date

from kokuho_desk.commands import gui
from kokuho_desk.commands.demo import DEMO_PASSPHRASE
from kokuho_desk.demo import demo_cases
from kokuho_desk.store import list_backups, open_store
from kokuho_desk.ui.operations import wait_for_all


def test_opening_a_case_is_audited_and_shown_in_the_audit_log(qtbot, make_window, db_path):
    """Ensure opening a case writes a "view" audit entry that the 操作記録 page lists."""
    with open_store(db_path) as store:
        case_id = store.create(demo_cases(1, today=date(2025, 10, 1))[0])
    window = make_window()
    window.open_case(case_id)
    with open_store(db_path) as store:
        views = [e for e in store.audit_log(case_id) if e.action == "view"]
    assert len(views) == 1
    window.show_audit()
    model = window.audit.table.model()
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert any("閲覧" in row for row in rows)


def test_the_app_sets_up_the_idle_lock_and_a_start_backup(qtbot, tmp_path, monkeypatch):
    """Ensure `kokuho-desk` on an encrypted database installs the idle lock and makes an encrypted start backup."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "demo.db"
    with open_store(path, passphrase=DEMO_PASSPHRASE) as store:
        store.create(demo_cases(1, today=date(2025, 10, 1))[0])
        store.set_desk_identity("desk-1", "見本の相談窓口")  # a desk already set up: no first-run question
    app, window = gui.start(Namespace(db=str(path), passphrase=DEMO_PASSPHRASE))
    try:
        assert window is not None and window.idle_lock is not None
        qtbot.waitUntil(lambda: any(b.path.name.endswith("-start.bak") for b in list_backups(path)), timeout=10_000)
        assert wait_for_all()
    finally:
        window.editor.new_case()
        window.close()
        window.reader.close()
        window.store.close()
