"""The whole session through the real window: type a case, save, find, check, letter, restart."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kokuho_desk.rules.result import VERDICT_LABELS
from kokuho_desk.store import open_store
from tests.ui.conftest import replace_text, type_text


def field(window, path):
    return window.editor.form.target(path)


def type_household(window):
    qtbot_free_types = {
        "members[0].name": "山田　太郎",
        "members[0].kana": "やまだ たろう",
        "members[0].birth_date": "昭和３０年４月１日",
        "members[0].income.salary": "１２０万円",
        "contact.postal_code": "５３０－０００１",
    }
    for path, text in qtbot_free_types.items():
        type_text(field(window, path).input, text)
    type_text(field(window, "municipality").input.lineEdit(), "大阪市")
    field(window, "members[0].income.declared").set_value(True)


def click_modal_button(qtbot, text):
    """Answer the next modal dialog by clicking the button labelled ``text``."""

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        next(b for b in box.buttons() if b.text() == text).click()

    QTimer.singleShot(0, answer)


def test_type_save_find_check_letter_restart(qtbot, make_window, db_path):
    """Ensure a case typed in Japanese is saved, found, checked, lettered and unchanged after a restart."""
    window = make_window()
    qtbot.mouseClick(window.browser.new_button, Qt.MouseButton.LeftButton)
    type_household(window)
    qtbot.mouseClick(window.editor.household.lookup_button, Qt.MouseButton.LeftButton)
    assert field(window, "contact.address").text() == "大阪府大阪市北区梅田"
    assert window.editor.is_modified
    assert "（未保存）" in window.title.text()

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.editor.is_modified
    with open_store(db_path) as store:
        saved = store.get(window.case_id)
    head = saved.members[0]
    assert (head.name, head.kana, head.birth_date) == ("山田 太郎", "やまだ たろう", date(1955, 4, 1))
    assert head.income.salary == 1_200_000
    assert saved.contact.postal_code == "530-0001"
    assert saved.municipality == "大阪市"

    window.focus_search()
    type_text(window.browser.search, "山田")
    qtbot.waitUntil(lambda: window.cases.rowCount() == 1 and window.cases.summary(0) is not None)
    assert window.cases.summary(0).head_name == "山田 太郎"

    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: len(window.checks.cards) > 0, timeout=10_000)
    cards = {card.check.id: card for card in window.checks.cards}
    assert cards["statutory_reduction"].badge.text() == VERDICT_LABELS["eligible"]
    assert window.editor.tabs.currentWidget() is window.checks
    assert "計算書" in window.checks.statement.toPlainText()

    qtbot.mouseClick(cards["statutory_reduction"].letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "letter_preview", None) is not None, timeout=10_000)
    preview = window.letter_preview
    qtbot.waitUntil(lambda: preview.document.pageCount() > 0)
    assert preview.pdf.startswith(b"%PDF")
    with open_store(db_path) as store:
        assert [e.action for e in store.audit_log(window.case_id)][0] == "letter"
    preview.close()
    case_id = window.case_id
    window.close()

    again = make_window()
    type_text(again.browser.search, "やまだ")
    qtbot.waitUntil(lambda: again.cases.rowCount() == 1 and again.cases.summary(0) is not None)
    again.browser.view.clicked.emit(again.cases.index(0, 1))
    assert again.case_id == case_id
    assert field(again, "members[0].name").text() == "山田 太郎"
    assert field(again, "members[0].birth_date").text() == "昭和30年4月1日"
    assert field(again, "members[0].income.salary").text() == "1,200,000"
    assert not again.editor.is_modified
    with open_store(db_path) as store:
        assert store.get(case_id) == saved


def test_bad_input_is_refused_next_to_the_field_and_nothing_saved(qtbot, make_window, db_path):
    """Ensure bad input shows a Japanese message under its field and no case is written."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].name").input, "<山田> & 😀")
    type_text(field(window, "members[0].birth_date").input, "令和99年13月1日")
    type_text(field(window, "finances.savings").input, "-5000")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.case_id is None
    assert "日付" in field(window, "members[0].birth_date").error
    assert "マイナス" in field(window, "finances.savings").error
    assert field(window, "members[0].name").error == ""
    banner = window.editor.banner.text()
    assert "入力に誤りが3件" in banner  # every error at once, with the field's Japanese name
    assert "世帯員1: 生年月日" in banner and "預貯金" in banner and "市区町村を入力してください" in banner
    assert "members[0]" not in banner.replace('href="members[0].birth_date"', "")
    assert window.editor.tabs.currentWidget() is window.editor.household
    with open_store(db_path) as store:
        assert store.count(status=None) == 0

    replace_text(field(window, "members[0].birth_date").input, "R7.4.1")
    replace_text(field(window, "finances.savings").input, "")
    type_text(field(window, "municipality").input.lineEdit(), "大阪市")
    assert window.save()
    with open_store(db_path) as store:
        case = store.get(window.case_id)
    assert case.members[0].name == "<山田> & 😀"
    assert case.members[0].birth_date == date(2025, 4, 1)
    assert field(window, "members[0].birth_date").error == ""


def test_error_shows_when_leaving_the_field(qtbot, make_window):
    """Ensure a date typed wrong is flagged as the user leaves the field, before saving."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].birth_date").input, "2月30日")
    assert "日付" in field(window, "members[0].birth_date").error
    assert field(window, "members[0].name").error == ""


def test_unsaved_changes_guard_on_switching(qtbot, make_window, db_path):
    """Ensure leaving a changed case asks first: cancel keeps it, discard drops it, save stores it."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].name").input, "佐藤 花子")
    type_text(field(window, "municipality").input.lineEdit(), "大阪市")
    click_modal_button(qtbot, "キャンセル")
    window.new_case()
    assert field(window, "members[0].name").text() == "佐藤 花子"

    click_modal_button(qtbot, "保存する")
    window.new_case()
    assert field(window, "members[0].name").text() == ""
    with open_store(db_path) as store:
        assert [s.head_name for s in store.case_summaries(status=None)] == ["佐藤 花子"]

    type_text(field(window, "members[0].name").input, "捨てる 人")
    click_modal_button(qtbot, "保存しない")
    window.new_case()
    with open_store(db_path) as store:
        assert store.count(status=None) == 1


def test_close_guard_keeps_window_open_on_cancel(qtbot, make_window):
    """Ensure closing the window with unsaved changes can be cancelled."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].name").input, "鈴木 一郎")
    click_modal_button(qtbot, "キャンセル")
    assert not window.close()
    assert window.isVisible()
    click_modal_button(qtbot, "保存しない")
    assert window.close()


def test_missing_field_link_jumps_to_the_field(qtbot, make_window):
    """Ensure clicking a missing field in a check shows its tab and focuses it."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].name").input, "高橋 次郎")
    op = window.run_checks()
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    card = next(c for c in window.checks.cards if "insurance.status" in c.check.missing)
    assert "いま使えるもの" in card.missing.text()
    card.missing.linkActivated.emit("insurance.status")
    assert window.editor.tabs.currentWidget() is window.editor.medical
    qtbot.waitUntil(lambda: window.focusWidget() is field(window, "insurance.status").input)


def test_deadline_from_log_shows_in_this_weeks_deadlines(qtbot, make_window):
    """Ensure a next action with a due date typed in the log appears under 今週の期限."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].name").input, "伊藤 三郎")
    type_text(field(window, "municipality").input.lineEdit(), "大阪市")
    window.add_log_entry()
    type_text(field(window, "log[0].next_action").input, "減免申請書を出す")
    type_text(field(window, "log[0].due_date").input, "令和7年10月20日")
    with qtbot.waitSignal(window.deadlines.ready):
        assert window.save()
    table = window.deadlines.table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "令和7年10月20日"
    assert table.item(0, 2).text() == "減免申請書を出す"
    window.sidebar.setCurrentWidget(window.deadlines)
    window.new_case()
    table.cellActivated.emit(0, 0)
    assert field(window, "members[0].name").text() == "伊藤 三郎"


def test_checks_of_a_saved_case_are_kept_as_its_judgement(qtbot, make_window):
    """Ensure judging a saved, unmodified case keeps its verdicts in the store (rescreen's "before")."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].name").input, "中村 四郎")
    type_text(field(window, "municipality").input.lineEdit(), "大阪市")
    assert window.save()
    op = window.run_checks()
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    kept = window.store.judgements()[window.case_id]
    assert kept.judgement.verdicts == {c.id: c.verdict for c in window.report.checks}
