"""Settings apply at once: 大きな文字 re-lays the window (the list keeps its 市区町村 column in view),
and the lock minutes reach the idle lock without a restart."""

from __future__ import annotations

from kokuho_desk.ui.case_list import COLUMNS
from kokuho_desk.ui.lock import install_idle_lock
from kokuho_desk.ui.settings import LARGE_TEXT_SCALE
from tests.ui.test_main_window import field


def test_large_text_applies_at_once_and_keeps_the_municipality_column(qtbot, qapp, make_window, settings):
    """Ensure turning 大きな文字 on scales the fields' font by 1.25 at once, the list's rows grow with it,
    and the 市区町村 column stays wholly inside the list (not pushed off its right edge)."""
    window = make_window()
    window.new_case()
    base = field(window, "members[0].name").input.font().pointSizeF()
    view = window.browser.view
    column = [key for key, _h, _o in COLUMNS].index("municipality")
    try:
        settings.set("large_text", True)
        window.apply_settings()
        qtbot.waitUntil(lambda: field(window, "members[0].name").input.font().pointSizeF() == base * LARGE_TEXT_SCALE)
        qapp.processEvents()
        assert view.verticalHeader().defaultSectionSize() == view.fontMetrics().height() + 10
        right = view.columnViewportPosition(column) + view.columnWidth(column)
        assert view.columnWidth(column) >= view.fontMetrics().horizontalAdvance("大阪府統一")
        assert view.columnViewportPosition(column) >= 0 and right <= view.viewport().width()
    finally:
        settings.set("large_text", False)
        window.apply_settings()
        qapp.setProperty("base_point_size", None)
    assert field(window, "members[0].name").input.font().pointSizeF() == base


def test_lock_minutes_apply_at_once(qtbot, make_window, settings):
    """Ensure a new 自動ロックまでの分数 reaches the running idle lock: 0 stops a lock due in 300 ms, and
    60 sets it to an hour."""
    window = make_window()
    window.idle_lock = install_idle_lock(window, lambda p: p == "x", minutes=0.005)  # 300 ms
    settings.set("lock_minutes", 0)
    window.apply_settings()
    qtbot.wait(600)
    assert not window.idle_lock.locked
    settings.set("lock_minutes", 60)
    window.apply_settings()
    assert 59 * 60_000 < window.idle_lock._timer.remainingTime() <= 61 * 60_000  # the timer runs a little coarse
