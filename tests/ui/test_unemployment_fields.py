"""失業: ticking it opens 「詳しく」 with 離職日 and 離職理由コード, and the check asks for them by name."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kokuho_desk.rules.result import VERDICT_LABELS
from tests.ui.conftest import type_text
from tests.ui.test_main_window import field


def test_ticking_unemployed_opens_the_details_and_the_card_asks_for_them(qtbot, make_window):
    """Ensure 「失業した」 shows 離職日 / 離職理由コード, the check then says 情報不足 naming both as links
    (not 非該当), a link puts the cursor in the field, and the tick is saved with the case."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].name").input, "山田 太郎")
    type_text(field(window, "members[0].birth_date").input, "昭和60年1月1日")
    type_text(field(window, "municipality").input.lineEdit(), "大阪市")
    separation = field(window, "members[0].unemployment.separation_date")
    assert not separation.isVisibleTo(window.editor.household)
    tick = field(window, "members[0].unemployment")
    assert tick.label.startswith("失業")
    qtbot.mouseClick(tick.input, Qt.MouseButton.LeftButton)
    assert tick.input.isChecked()
    assert separation.isVisibleTo(window.editor.household)
    assert field(window, "members[0].unemployment.reason_code").isVisibleTo(window.editor.household)

    op = window.run_checks()
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    card = next(c for c in window.checks.cards if c.check.id == "unemployment_reduction")
    assert card.check.verdict == "needs_info"
    assert card.badge.text().startswith(VERDICT_LABELS["needs_info"])
    assert set(card.check.missing) >= {"members[0].unemployment.separation_date", "members[0].unemployment.reason_code"}
    assert "離職日" in card.missing.text() and "離職理由コード" in card.missing.text()
    card.missing.linkActivated.emit("members[0].unemployment.reason_code")
    # the window's focus widget (hasFocus also needs the window to be the active one, which a loaded
    # offscreen test run does not always grant)
    qtbot.waitUntil(lambda: window.focusWidget() is field(window, "members[0].unemployment.reason_code").input)
    assert window.editor.tabs.currentWidget() is window.editor.household

    assert window.save()
    assert window.store.get(window.case_id).members[0].unemployment is not None


def test_typing_a_separation_date_ticks_unemployed_and_untick_clears_it(qtbot, make_window):
    """Ensure a 離職日 typed in 「詳しく」 ticks 「失業した」, and unticking empties 離職日 and the code."""
    window = make_window()
    window.new_case()
    row = window.editor.household.members.rows[0]
    row.folds[0].set_open(True)
    type_text(field(window, "members[0].unemployment.separation_date").input, "令和7年3月31日")
    tick = field(window, "members[0].unemployment")
    assert tick.input.isChecked()
    tick.input.setChecked(False)
    assert field(window, "members[0].unemployment.separation_date").text() == ""
    data, _errors = window.editor.gather()
    assert "unemployment" not in data["members"][0]
