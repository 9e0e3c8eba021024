"""Questions to the user: yes/no before something not to be done by accident (a deletion), and
a choice of two ways on with キャンセル (save or not, open the other case or save anyway)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from kokuho_desk import APP_NAME


def confirm(parent: QWidget | None, question: str, yes: str) -> bool:
    """Ask ``question`` with the buttons ``yes`` and 「キャンセル」 (the default: Enter or Space cancels)."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, question, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("キャンセル", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def choose(parent: QWidget | None, question: str, first: str, second: str) -> int | None:
    """Ask ``question`` with the buttons ``first`` (the default), ``second`` and 「キャンセル」;
    0 or 1 for the one clicked, None for キャンセル."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, question, parent=parent)
    buttons = [
        box.addButton(first, QMessageBox.ButtonRole.AcceptRole),
        box.addButton(second, QMessageBox.ButtonRole.DestructiveRole),
    ]
    box.addButton("キャンセル", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, button in enumerate(buttons) if button is clicked), None)
