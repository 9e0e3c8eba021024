"""Qt's own texts (dialog buttons, the right-click menu of a text field) are Japanese."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from kokuho_desk.ui.i18n import install_qt_japanese


def test_dialog_buttons_and_context_menu_speak_japanese(qtbot):
    """Ensure OK / Cancel and the edit menu's Copy / Paste come from Qt's Japanese catalogue."""
    assert install_qt_japanese(QApplication.instance())
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert any("コピー" in t for t in texts), texts
    assert any("貼り付け" in t for t in texts), texts
    assert not any("Copy" in t or "Paste" in t for t in texts), texts
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
