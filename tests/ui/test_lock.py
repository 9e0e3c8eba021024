"""The idle lock and the passphrase dialog: lock after idle time, wrong passphrase refused, right one unlocks."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMainWindow

from kokuho_desk.store import PassphraseError, is_encrypted, open_store
from kokuho_desk.store.encryption import remembered
from kokuho_desk.ui.lock import install_idle_lock
from kokuho_desk.ui.passphrase_dialog import MIN_LENGTH, PassphraseDialog, strength_hint
from tests.security.conftest import NAME, PASSPHRASE, secret_case

RIGHT = "合言葉は山と川"


def _window(qtbot):
    window = QMainWindow()
    window.setCentralWidget(QLabel(NAME))
    window.resize(600, 400)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _type_and_ok(dialog, text):
    dialog.passphrase.setText(text)  # QTest types ASCII only; the passphrases here are Japanese
    QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)


def test_window_locks_after_the_idle_time_and_only_the_right_passphrase_unlocks(qtbot):
    """Ensure the window is covered after idling, a wrong passphrase says so and stays locked, the right one unlocks."""
    window = _window(qtbot)
    lock = install_idle_lock(window, lambda p: p == RIGHT, minutes=0.003)  # 180 ms
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    assert not window.isVisible() and not window.isEnabled()
    assert lock.dialog.isVisible() and lock.dialog.isModal()
    _type_and_ok(lock.dialog, "ちがう")
    assert lock.locked and "パスフレーズが違います" in lock.dialog.error.text()
    assert lock.dialog.passphrase.text() == ""
    QTest.keyClick(lock.dialog, Qt.Key.Key_Escape)
    assert lock.locked  # the lock cannot be cancelled
    _type_and_ok(lock.dialog, RIGHT)
    assert not lock.locked and window.isVisible() and window.isEnabled()
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)  # and it locks again after the next idle time


def test_user_input_postpones_the_lock(qtbot):
    """Ensure a key press or mouse move restarts the idle time, and 0 minutes never locks."""
    window = _window(qtbot)
    lock = install_idle_lock(window, lambda p: p == RIGHT, minutes=0.01)  # 600 ms
    for _ in range(6):
        qtbot.wait(200)
        QTest.keyClick(window, Qt.Key.Key_A)
    assert not lock.locked
    lock.set_minutes(0)
    qtbot.wait(700)
    assert not lock.locked


def test_passphrase_dialog_asks_twice_with_a_strength_hint(qtbot):
    """Ensure setting a passphrase needs two equal entries of MIN_LENGTH characters and shows a Japanese hint."""
    got = []
    dialog = PassphraseDialog(lambda p: got.append(p), new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.passphrase.setText("短い")
    assert "短すぎます" in dialog.hint.text() and not ok.isEnabled()
    dialog.passphrase.setText(RIGHT + "とても長い")
    dialog.repeat.setText(RIGHT)
    assert "同じではありません" in dialog.hint.text() and not ok.isEnabled()
    dialog.repeat.setText(RIGHT + "とても長い")
    assert ok.isEnabled()
    ok.click()
    assert got == [RIGHT + "とても長い"] and dialog.result() == dialog.DialogCode.Accepted
    assert "強い" in strength_hint("correct horse battery staple")
    assert "短すぎます" not in strength_hint("a" * MIN_LENGTH)


def test_unlock_check_opens_an_encrypted_store_and_refuses_a_wrong_passphrase(qtbot, tmp_path):
    """Ensure the dialog's check (as unlock_store uses it) shows 「パスフレーズが違います」 and then opens the store."""
    path = tmp_path / "desk.db"
    with open_store(path, passphrase=PASSPHRASE) as store:
        store.create(secret_case())
    assert is_encrypted(path)
    opened = []

    def check(p):
        try:
            opened.append(open_store(path, passphrase=p))
        except PassphraseError as e:
            return str(e)

    dialog = PassphraseDialog(check, new=False)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_and_ok(dialog, "ちがう")
    assert "パスフレーズが違います" in dialog.error.text() and dialog.isVisible()
    _type_and_ok(dialog, PASSPHRASE)
    assert not dialog.isVisible() and opened[0].case_summaries()[0].head_name == NAME
    opened[0].close()


def test_the_lock_hides_every_window_closes_the_store_and_forgets_the_key(qtbot, tmp_path):
    """Ensure locking hides and disables every window of the program (a letter preview, a dialog), closes the
    store and forgets its passphrase; the right passphrase re-opens the store and shows the windows again."""
    path = tmp_path / "desk.db"
    store = open_store(path, passphrase=PASSPHRASE)
    store.create(secret_case())
    window = _window(qtbot)
    preview = QDialog()  # a letter preview or any other top-level dialog
    qtbot.addWidget(preview)
    preview.show()
    lock = install_idle_lock(window, store.unlock, minutes=0, on_lock=store.lock)
    lock.lock()
    assert not window.isVisible() and not preview.isVisible()
    assert not window.isEnabled() and not preview.isEnabled()
    assert remembered(path) is None  # the key is forgotten
    try:
        store.case_summaries()
        raise AssertionError("the store must be closed while locked")
    except Exception as e:  # noqa: BLE001 — sqlcipher3's ProgrammingError: closed database
        assert "closed" in str(e)
    _type_and_ok(lock.dialog, "ちがう")
    assert lock.locked and not preview.isVisible()
    _type_and_ok(lock.dialog, PASSPHRASE)
    assert not lock.locked and window.isVisible() and preview.isVisible() and preview.isEnabled()
    assert store.case_summaries()[0].head_name == NAME and remembered(path) == PASSPHRASE
    store.close()


def test_core_dumps_are_disabled_at_start():
    """Ensure the program's start (cli.main → harden_process) sets the core-dump limit to 0 (POSIX)."""
    import resource

    from kokuho_desk.process_safety import harden_process

    old = resource.getrlimit(resource.RLIMIT_CORE)
    try:
        harden_process()
        assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)
    finally:
        try:
            resource.setrlimit(resource.RLIMIT_CORE, old)
        except (ValueError, OSError):
            pass
