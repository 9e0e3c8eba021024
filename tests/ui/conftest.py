"""Fixtures for driving the real window: a fresh database file, isolated settings, Japanese typing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QFont, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kokuho_desk.store import open_store
from kokuho_desk.ui.settings import AppSettings

TODAY = date(2025, 10, 17)


@pytest.fixture(autouse=True)
def japanese_font(qapp):
    """The app font is set explicitly, as the application does, so layouts are reproducible."""
    qapp.setFont(QFont("IPAexGothic", 10))


@pytest.fixture
def settings(tmp_path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "desk.db"


@pytest.fixture
def make_window(qtbot, db_path, settings):
    """Open the main window on the test database (call again to 'restart the app').

    Not registered with qtbot.addWidget: pytest-qt would close it before this fixture
    can clear the unsaved-changes guard of a failed test, and the guard would wait.
    """
    from kokuho_desk.ui.main_window import MainWindow

    windows = []

    def make():
        store = open_store(db_path)
        window = MainWindow(store, settings, today=lambda: TODAY)
        window.resize(1366, 768)
        window.show()
        qtbot.waitUntil(lambda: window.browser.count_label.text() != "")
        windows.append((window, store))
        return window

    yield make
    for window, store in windows:
        window.editor.new_case()  # a failed test must not leave the close guard asking
        window.close()
        window.reader.close()
        store.close()
        window.deleteLater()  # deleted by Qt now, not by Python's collector at some later moment
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def type_text(widget: QWidget, text: str) -> None:
    """Type text as an input method commits it (keyClicks with Japanese aborts Qt)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
    if isinstance(widget, QLineEdit):
        widget.editingFinished.emit()


def replace_text(widget: QWidget, text: str) -> None:
    """Select everything in the field and type over it (an empty text deletes it with Backspace)."""
    widget.selectAll()
    if text:
        type_text(widget, text)
    else:
        QTest.keyClick(widget, Qt.Key.Key_Backspace)
        if isinstance(widget, QLineEdit):
            widget.editingFinished.emit()
