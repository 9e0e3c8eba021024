"""The 市区町村 box completes from every municipality and keeps the code of the one picked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kokuho_desk.store import open_store
from tests.ui.conftest import type_text


def _completions(box):
    model = box.completer.completionModel()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


def test_typing_sakai_offers_osaka_sakai_and_saving_stores_the_code(qtbot, make_window, db_path):
    """Ensure typing 「堺」 offers 「大阪府 堺市」; picking it writes 堺市 and saving stores 271403."""
    window = make_window()
    qtbot.mouseClick(window.browser.new_button, Qt.MouseButton.LeftButton)
    form = window.editor.form
    type_text(form.target("members[0].name").input, "堺　花子")
    type_text(form.target("members[0].birth_date").input, "1960-05-10")
    box = window.editor.household.municipality
    edit = box.input.lineEdit()
    type_text(edit, "堺")
    qtbot.waitUntil(lambda: box.completer.popup().isVisible())
    assert "大阪府 堺市" in _completions(box)

    popup = box.completer.popup()
    row = _completions(box).index("大阪府 堺市")
    popup.setCurrentIndex(box.completer.completionModel().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: edit.text() == "堺市")
    assert box.code.value() == "271403"

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.editor.is_modified
    with open_store(db_path) as store:
        saved = store.get(window.case_id)
    assert (saved.municipality, saved.municipality_code) == ("堺市", "271403")
    window.activateWindow()  # the offscreen platform leaves the hidden popup active
    form.target("members[0].name").input.setFocus()  # leave the box before the window closes
    qtbot.waitUntil(lambda: not edit.hasFocus())


def test_retyping_another_name_drops_the_code(qtbot, make_window):
    """Ensure the code is dropped when the box is changed to another municipality by hand."""
    window = make_window()
    qtbot.mouseClick(window.browser.new_button, Qt.MouseButton.LeftButton)
    box = window.editor.household.municipality
    box.choose(next(m for m in box._places.values() if m.code == "131172"))  # 東京都 北区
    assert (box.value(), box.code.value()) == ("北区", "131172")
    box.input.lineEdit().selectAll()
    type_text(box.input.lineEdit(), "和泉市")
    assert box.code.value() is None
    window.browser.search.setFocus()  # leave the box before the window closes
