"""The idle lock: after ``minutes`` without a key press or mouse action, every window of the
program is hidden and disabled (the main window, letter previews, dialogs), the store is
closed and its passphrase forgotten (``on_lock``), and a passphrase dialog (which cannot be
cancelled) is all that shows until the right passphrase is typed; then the windows come back.

    install_idle_lock(window, store.unlock, minutes=settings.get("lock_minutes"), on_lock=store.lock)

``check_passphrase`` answers whether the typed passphrase is right (``Store.unlock`` also
re-opens the store with it). An application-wide event filter restarts a single-shot timer
on every user input.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kokuho_desk.ui.application import application
from kokuho_desk.ui.passphrase_dialog import PassphraseDialog

USER_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleLock(QObject):
    """Locks the program after ``minutes`` of no user input (0 or less: never)."""

    def __init__(
        self,
        window: QWidget,
        check_passphrase: Callable[[str], bool],
        minutes: float,
        on_lock: Callable[[], None] | None = None,
    ):
        super().__init__(window)
        self._window = window
        self._check = check_passphrase
        self._on_lock = on_lock
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.lock)
        self.hidden: list[QWidget] = []
        self.dialog: PassphraseDialog | None = None
        self.set_minutes(minutes)
        application().installEventFilter(self)

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
        if event.type() in USER_INPUT and not self.locked:
            self._restart()
        elif watched is self._window and event.type() == QEvent.Type.Close and self.locked:
            self._discard_dialog()  # the program is closing while locked: the lock dialog goes too
        return False

    def lock(self) -> None:
        """Hide and disable every window, close the store, and ask for the passphrase until it is right."""
        if self.locked:
            return
        self._timer.stop()
        app = application()
        app.setQuitOnLastWindowClosed(False)  # every window is hidden while locked: that is no reason to quit
        self.hidden = [w for w in app.topLevelWidgets() if w.isVisible()]
        for widget in self.hidden:
            widget.setEnabled(False)
            widget.hide()
        if self._on_lock is not None:
            self._on_lock()
        self.dialog = PassphraseDialog(
            lambda p: None if self._check(p) else "パスフレーズが違います。",
            new=False,
            cancellable=False,
            prompt="しばらく操作がなかったのでロックしました。パスフレーズを入力してください。",
        )
        self.dialog.setModal(True)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.show()

    def _unlock(self) -> None:
        for widget in self.hidden:
            try:
                widget.setEnabled(True)
                widget.show()
            except RuntimeError:  # closed and deleted while locked
                continue
        self._discard_dialog()
        self._restart()

    def _discard_dialog(self) -> None:
        self.hidden = []
        application().setQuitOnLastWindowClosed(True)
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        dialog.accepted.disconnect(self._unlock)
        dialog.hide()
        dialog.deleteLater()


def install_idle_lock(
    window: QWidget, check_passphrase: Callable[[str], bool], minutes: float, on_lock: Callable[[], None] | None = None
) -> IdleLock:
    return IdleLock(window, check_passphrase, minutes, on_lock)
