"""The idle lock: after ``minutes`` without a key press or mouse action, the window is covered and
a passphrase dialog (which cannot be cancelled) blocks it until the right passphrase is typed.

    install_idle_lock(window, store.check_passphrase, minutes=settings.get("lock_minutes"))

Self-contained: an application-wide event filter restarts a single-shot timer on
every user input; nothing of the window is changed but a cover widget on top of it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kokuho_desk.ui.i18n import _
from kokuho_desk.ui.passphrase_dialog import PassphraseDialog

USER_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
              QEvent.Type.TouchBegin}


class IdleLock(QObject):
    """Locks ``window`` after ``minutes`` of no user input (0 or less: never)."""

    def __init__(self, window: QWidget, check_passphrase: Callable[[str], bool], minutes: float):
        super().__init__(window)
        self._window = window
        self._check = check_passphrase
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.lock)
        self._cover = QWidget(window)
        self._cover.setObjectName("idleLockCover")
        self._cover.setStyleSheet("#idleLockCover { background: #404040; }")
        self._cover.hide()
        self.dialog: PassphraseDialog | None = None
        self.set_minutes(minutes)
        window.installEventFilter(self)
        QApplication.instance().installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def set_minutes(self, minutes: float) -> None:
        self._interval = int(minutes * 60_000) if minutes and minutes > 0 else 0
        self._restart()

    def _restart(self) -> None:
        if self._interval and not self.locked:
            self._timer.start(self._interval)
        else:
            self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self._cover.setGeometry(self._window.rect())
        elif event.type() in USER_INPUT and not self.locked:
            self._restart()
        return False

    def lock(self) -> None:
        """Cover the window and ask for the passphrase until it is right."""
        if self.locked:
            return
        self._timer.stop()
        self._cover.setGeometry(self._window.rect())
        self._cover.show()
        self._cover.raise_()
        self.dialog = PassphraseDialog(
            lambda p: None if self._check(p) else _("パスフレーズが違います。"), new=False, cancellable=False,
            prompt=_("しばらく操作がなかったのでロックしました。パスフレーズを入力してください。"),
            parent=self._window)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.open()

    def _unlock(self) -> None:
        self._cover.hide()
        self.dialog.deleteLater()
        self.dialog = None
        self._restart()


def install_idle_lock(window: QWidget, check_passphrase: Callable[[str], bool], minutes: float) -> IdleLock:
    return IdleLock(window, check_passphrase, minutes)
