"""The passphrase of the database: set it at first start (twice, with a strength hint), enter it later.

``unlock_store(path, user=…)`` is what the window's start-up calls instead of
``open_store``: it asks in a dialog until the database opens or the user cancels
(then None). A database from before encryption is encrypted with the passphrase
set here. The lock screen (lock.py) uses the same dialog in "enter" mode.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kokuho_desk import APP_NAME
from kokuho_desk.store import Store, StoreError, is_encrypted, open_store
from kokuho_desk.store.passphrase_strength import assess

MIN_LENGTH = 8


def acceptable(passphrase: str) -> bool:
    """Whether a new passphrase may be set: long enough and not among the weakest (zxcvbn score 0–1)."""
    return len(passphrase) >= MIN_LENGTH and not assess(passphrase).refused


def strength_hint(passphrase: str) -> str:
    """A short Japanese hint on how hard the passphrase is to guess (zxcvbn, passphrase_strength.py)."""
    if len(passphrase) < MIN_LENGTH:
        return f"短すぎます（{MIN_LENGTH}文字以上にしてください）"
    return assess(passphrase).message


class PassphraseDialog(QDialog):
    """Set (``new=True``: twice, with a hint) or enter a passphrase; ``check`` returns an error message or None.

    The dialog stays open while ``check`` refuses, showing its message.
    """

    def __init__(
        self,
        check: Callable[[str], str | None],
        *,
        new: bool,
        prompt: str = "",
        parent: QWidget | None = None,
        cancellable: bool = True,
    ):
        super().__init__(parent)
        self._check = check
        self._new = new
        self._cancellable = cancellable
        self.setWindowTitle(f"{APP_NAME} — {'パスフレーズの設定' if new else 'パスフレーズ'}")
        layout = QVBoxLayout(self)
        intro = QLabel(
            prompt
            or (
                (
                    "データベースを暗号化するパスフレーズを決めてください。"
                    "忘れると記録を読めなくなります。紙に書いて鍵のかかる場所に保管してください。"
                )
                if new
                else "パスフレーズを入力してください。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form.addRow("パスフレーズ", self.passphrase)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        if new:
            form.addRow("もう一度", self.repeat)
            form.addRow("", self.hint)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox.StandardButton.Ok
        if cancellable:
            buttons |= QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.passphrase.textChanged.connect(self._update)
        self.repeat.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        text = self.passphrase.text()
        ok = bool(text)
        if self._new:
            self.hint.setText(strength_hint(text) if text else "")
            ok = acceptable(text) and text == self.repeat.text()
            if self.repeat.text() and text != self.repeat.text():
                self.hint.setText("二つのパスフレーズが同じではありません")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        if not self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            return
        message = self._check(self.passphrase.text())
        if message is not None:
            self.error.setText(message)
            self.passphrase.clear()
            self.repeat.clear()
            self.passphrase.setFocus()
            return
        self.passphrase.clear()
        self.repeat.clear()
        super().accept()

    def reject(self) -> None:
        if self._cancellable:
            super().reject()


def unlock_store(path: Path, *, user: str | None = None, parent: QWidget | None = None) -> Store | None:
    """Ask the passphrase (set it if the database is new or not yet encrypted) and open the store; None if cancelled."""
    opened: list[Store] = []

    def check(passphrase: str) -> str | None:
        try:
            opened.append(open_store(path, user=user, passphrase=passphrase))
        except StoreError as e:  # a wrong passphrase, or a disk that is full or read-only: each says which
            return str(e)
        return None

    dialog = PassphraseDialog(check, new=not is_encrypted(path), parent=parent)
    dialog.exec()
    return opened[0] if opened else None
