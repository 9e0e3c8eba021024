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
