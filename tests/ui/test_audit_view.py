"""The audit view: every recorded action newest first, in Japanese, read-only."""

from PySide6.QtWidgets import QAbstractItemView

from kokuho_desk.store import open_store
from kokuho_desk.ui.audit_view import COLUMNS, AuditView
from tests.security.conftest import PASSPHRASE, secret_case


def _rows(view):
    m = view.model
    return [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_audit_view_lists_views_letters_backups_newest_first_and_is_read_only(qtbot, tmp_path):
    """Ensure a view, a letter and a backup appear newest first with user and case number, and cells cannot be edited."""
    with open_store(tmp_path / "desk.db", user="相談員A", passphrase=PASSPHRASE) as store:
        case_id = store.create(secret_case())
        store.record_view(case_id)
        store.audit("letter", case_id, "premium-relief")
        view = AuditView(store)
        qtbot.addWidget(view)
        rows = _rows(view)
        assert [r[2] for r in rows] == ["書類の作成", "閲覧", "新規登録"]
        assert rows[0][1:4] == ["相談員A", "書類の作成", str(case_id)]
        assert view.model.columnCount() == len(COLUMNS)
        assert view.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        store.backup()
        view.refresh_button.click()
        assert _rows(view)[0][2] == "バックアップ" and _rows(view)[0][3] == ""
        assert _rows(view)[0][4].endswith("-manual.bak")


def _recorded_actions():
    """Every action name the program writes to the audit table, read from its source."""
    import re
    from pathlib import Path

    import kokuho_desk

    calls = re.compile(r'(?:\.audit|_write_audit)\(\s*"(\w+)"|_replace\(\s*case_id,[^,]+,\s*"(\w+)"', re.S)
    found = set()
    for path in Path(kokuho_desk.__file__).parent.rglob("*.py"):
        found |= {a or b for a, b in calls.findall(path.read_text(encoding="utf-8"))}
    return found


def test_every_recorded_action_and_its_detail_is_shown_in_japanese(qtbot, tmp_path):
    """Ensure no audit row shows an English code: every action the program records has a Japanese label,
    and the details of a change, a letter, deadlines and a log entry name things in Japanese."""
    from datetime import date

    from kokuho_desk.model.case import LogEntry
    from kokuho_desk.ui.audit_view import ACTION_LABELS

    actions = _recorded_actions()
    assert {"create", "update", "delete", "undelete", "purge", "passphrase", "letter", "view"} <= actions
    assert actions <= set(ACTION_LABELS), actions - set(ACTION_LABELS)
    with open_store(tmp_path / "desk.db", user="相談員A") as store:
        case_id = store.create(secret_case())
        case = store.get(case_id)
        store.update(case_id, case.__class__(**{**case.__dict__, "notes": "電話あり", "municipality": "堺市"}))
        store.audit("letter", case_id, "premium-relief")
        store.add_log_entry(case_id, LogEntry(entry_date=date(2025, 6, 2), kind="note", note="来所"))
        store.set_next_actions(case_id, [], "checks")
        store.delete(case_id)
        store.restore_deleted(case_id)
        view = AuditView(store)
        qtbot.addWidget(view)
        rows = _rows(view)
    assert [r[2] for r in rows][:2] == ["ごみ箱から元に戻す", "削除"]
    details = {r[2]: r[4] for r in rows}
    assert details["変更"] == "変更: 市区町村、メモ"
    assert details["期限の設定"] == "判定"
    assert details["記録の追加"] == "2025-06-02 相談"
    assert details["書類の作成"].startswith("国民健康保険料") and "premium" not in details["書類の作成"]
    for row in rows:
        assert not any(c.isascii() and c.isalpha() for c in row[2]), row
