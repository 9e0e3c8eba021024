"""A yes/no question before something that cannot be taken back by accident (a deletion)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from kokuho_desk import APP_NAME
from kokuho_desk.ui.i18n import _


def confirm(parent: QWidget | None, question: str, yes: str) -> bool:
    """Ask ``question`` with the buttons ``yes`` and 「キャンセル」 (the default: Enter or Space cancels)."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, question, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("キャンセル"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept
