"""The fold-out 「詳しく」 fields, the 相談記録票 button and the remembered window geometry, through the real window."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRect, Qt

from kokuho_desk.model.case import Unemployment
from kokuho_desk.store import open_store
from tests.letters.helpers import pdf_text
from tests.ui.conftest import replace_text, type_text
from tests.ui.test_main_window import field, type_household


def stored(db_path, case_id):
    with open_store(db_path) as store:
        return store.get(case_id)


def open_case(window, case_id, qtbot):
    qtbot.waitUntil(lambda: window.cases.rowCount() == 1 and window.cases.summary(0) is not None)
    window.browser.view.clicked.emit(window.cases.index(0, 1))
    assert window.case_id == case_id


def run_checks(window, qtbot):
    op = window.run_checks()
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    return {card.check.id: card.check for card in window.checks.cards}


def test_unemployment_in_wareki_is_saved_and_reaches_the_check(qtbot, make_window, db_path):
    """Ensure a 離職日 in 和暦 and a 全角 離職理由コード are stored and the 非自発的失業者 check uses them."""
    window = make_window()
    window.new_case()
    type_household(window)
    replace_text(field(window, "members[0].birth_date").input, "昭和６０年４月１日")  # under 65 on leaving
    details = window.editor.household.members.rows[0].folds[0]
    assert not details.is_open
    assert "11・12・21・22・31・32・23・33・34" in field(window, "members[0].unemployment.reason_code").hint.text()
    assert "離職の記録がある世帯員はいません" in run_checks(window, qtbot)["unemployment_reduction"].reasons

    qtbot.mouseClick(details.toggle, Qt.MouseButton.LeftButton)
    assert details.is_open
    type_text(field(window, "members[0].unemployment.separation_date").input, "令和７年３月３１日")
    type_text(field(window, "members[0].unemployment.reason_code").input, "１１")
    assert window.save()
    case_id = window.case_id
    assert stored(db_path, case_id).members[0].unemployment == Unemployment(date(2025, 3, 31), "11")
    window.close()

    again = make_window()
    open_case(again, case_id, qtbot)
    assert again.editor.household.members.rows[0].folds[0].is_open
    assert field(again, "members[0].unemployment.separation_date").text() == "令和7年3月31日"
    assert field(again, "members[0].unemployment.reason_code").text() == "11"
    check = run_checks(again, qtbot)["unemployment_reduction"]
    assert "離職の記録がある世帯員はいません" not in check.reasons
    assert any("離職理由コード 11" in r for r in check.reasons)
    assert check.verdict == "eligible"


def test_bad_reason_code_shows_under_the_field_and_nothing_is_saved(qtbot, make_window, db_path):
    """Ensure a 離職理由コード that is not two digits is refused under its field (opened) and no case is written."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].name").input, "山田 太郎")
    details = window.editor.household.members.rows[0].folds[0]
    field(window, "members[0].unemployment.reason_code").set_value("1A")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.case_id is None
    assert field(window, "members[0].unemployment.reason_code").error == "⚠ 離職理由コードは2桁の数字です（例: 11）"
    assert details.is_open
    assert window.focusWidget() is field(window, "members[0].unemployment.reason_code").input
    with open_store(db_path) as store:
        assert store.count(status=None) == 0


def test_acknowledgement_date_round_trips(qtbot, make_window, db_path):
    """Ensure a 分納誓約 date typed in 和暦 is stored and shown again after a restart."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].name").input, "佐藤 花子")
    type_text(field(window, "municipality").input.lineEdit(), "大阪市")
    window.editor.premium.arrears.add_new()
    type_text(field(window, "arrears[0].fiscal_year").input, "令和6年度")
    row = window.editor.premium.arrears.rows[0]
    qtbot.mouseClick(row.folds[0].toggle, Qt.MouseButton.LeftButton)
    dates = field(window, "arrears[0].acknowledgements")
    qtbot.mouseClick(dates.add_button, Qt.MouseButton.LeftButton)
    assert window.focusWidget() is dates.edits[0]
    type_text(dates.edits[0], "R7.6.1")
    assert window.save()
    case_id = window.case_id
    assert stored(db_path, case_id).arrears[0].acknowledgements == [date(2025, 6, 1)]
    window.close()

    again = make_window()
    open_case(again, case_id, qtbot)
    assert [e.text() for e in field(again, "arrears[0].acknowledgements").edits] == ["令和7年6月1日"]
    assert again.editor.premium.arrears.rows[0].folds[0].is_open
    assert not again.editor.is_modified


def test_consultation_record_button_makes_the_letter(qtbot, make_window):
    """Ensure 「相談記録票を作る」 opens the preview of a PDF that names the head of household."""
    window = make_window()
    window.new_case()
    type_household(window)
    assert window.save()
    window.editor.tabs.setCurrentWidget(window.editor.log)
    button = window.editor.log.record_button
    assert button.text() == "相談記録票を作る"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "letter_preview", None) is not None, timeout=10_000)
    preview = window.letter_preview
    qtbot.waitUntil(lambda: preview.document.pageCount() > 0)
    text = pdf_text(preview.pdf)
    assert "相談記録票" in text
    assert "山田太郎" in text
    preview.close()


def test_window_geometry_is_restored(qtbot, make_window):
    """Ensure the window opens where and as large as it was when it last closed."""
    window = make_window()  # the test screen is 800×800
    window.setGeometry(QRect(20, 30, 760, 520))
    qtbot.waitUntil(lambda: window.geometry() == QRect(20, 30, 760, 520))
    window.close()

    again = make_window()
    assert again.geometry() == QRect(20, 30, 760, 520)
