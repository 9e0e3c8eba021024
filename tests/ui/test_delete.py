"""Deleting asks first: a member, a case (to the ごみ箱, from where it comes back or is removed for good)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kokuho_desk.store import CaseNotFound, open_store
from tests.ui.conftest import type_text
from tests.ui.test_main_window import field


def answer_modal(qtbot, text, asked: list[str]):
    """Answer the next message box with the button ``text``, noting its question in ``asked``."""

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == text).click()

    QTimer.singleShot(0, answer)


def test_deleting_a_member_asks_and_the_button_is_out_of_the_tab_chain(qtbot, make_window):
    """Ensure 「この人を削除」 asks 「世帯員「山田 花子」を削除しますか？」, キャンセル keeps her, 削除する removes her,
    and the button never takes the keyboard focus (Tab or Space cannot delete anyone)."""
    window = make_window()
    window.new_case()
    members = window.editor.household.members
    members.add_new()
    type_text(field(window, "members[1].name").input, "山田 花子")
    row = members.rows[1]
    assert row.remove_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    asked: list[str] = []
    answer_modal(qtbot, "キャンセル", asked)
    qtbot.mouseClick(row.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["世帯員「山田 花子」を削除しますか？"]
    assert len(members.rows) == 2
    answer_modal(qtbot, "削除する", asked)
    qtbot.mouseClick(row.remove_button, Qt.MouseButton.LeftButton)
    assert len(members.rows) == 1 and len(asked) == 2


def test_a_case_goes_to_the_trash_comes_back_and_is_removed_for_good(qtbot, make_window, db_path):
    """Ensure ケース → 「このケースを削除」 asks, moves the case to the ごみ箱, 「元に戻す」 brings it back, and
    「ごみ箱を空にする」 asks and then removes it for good; each step is in the audit log."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].name").input, "山田 太郎")
    type_text(field(window, "municipality").input.lineEdit(), "大阪市")
    assert window.save()
    case_id = window.case_id
    asked: list[str] = []
    answer_modal(qtbot, "キャンセル", asked)
    window.delete_action.trigger()
    assert f"ケース #{case_id}「山田 太郎」を削除しますか？" in asked[0]
    assert window.store.get(case_id).members[0].name == "山田 太郎"

    answer_modal(qtbot, "削除する", asked)
    window.delete_action.trigger()
    assert window.pages.currentWidget() is window.welcome and window.case_id is None
    qtbot.waitUntil(lambda: window.browser.count_label.text() == "該当するケースはありません")

    window.show_trash()
    trash = window.trash
    assert trash.table.rowCount() == 1 and trash.table.item(0, 1).text() == "山田 太郎"
    assert not trash.restore_button.isEnabled()
    trash.table.selectRow(0)
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    assert window.store.get(case_id).members[0].name == "山田 太郎"
    assert trash.table.rowCount() == 0
    qtbot.waitUntil(lambda: window.cases.rowCount() == 1)

    window.open_case(case_id)
    answer_modal(qtbot, "削除する", asked)
    window.delete_action.trigger()
    window.show_trash()
    answer_modal(qtbot, "キャンセル", asked)
    qtbot.mouseClick(trash.empty_button, Qt.MouseButton.LeftButton)
    assert trash.table.rowCount() == 1
    answer_modal(qtbot, "完全に削除する", asked)
    qtbot.mouseClick(trash.empty_button, Qt.MouseButton.LeftButton)
    assert "完全に削除しますか" in asked[-1]
    assert trash.table.rowCount() == 0 and trash.caption.text() == "ごみ箱は空です"
    with open_store(db_path) as store:
        try:
            store.restore_deleted(case_id)
            raise AssertionError("a purged case came back")
        except CaseNotFound:
            pass
        actions = [e.action for e in store.audit_log(case_id)]
    assert actions[:4] == ["purge", "delete", "view", "undelete"]
