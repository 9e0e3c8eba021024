"""ファイル → 「パスフレーズを変更する」: the old passphrase, the new one twice, the database re-encrypted,
a backup under the new one, audited; after a restart only the new one opens it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kokuho_desk.store import PassphraseError, list_backups, open_store, verify_backup
from kokuho_desk.ui.passphrase_dialog import PassphraseDialog
from tests.security.conftest import PASSPHRASE, secret_case

NEW = "夏の海は ひろい ひろい 2026"


def fill_passphrase_dialogs(answers: list[tuple[str, str]], seen: list[str]):
    """Answer the next passphrase dialogs in turn: type (passphrase, repeat) and press OK; a dialog
    that stays open (refused) gets the next answer; its error line is noted in ``seen``."""

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog) or not answers:
            if answers:
                QTimer.singleShot(10, answer)
            return
        passphrase, repeat = answers.pop(0)
        dialog.passphrase.setText(passphrase)
        dialog.repeat.setText(repeat)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        seen.append(dialog.error.text())
        QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)


def test_change_the_passphrase_from_the_window_then_only_the_new_one_opens(qtbot, make_window, db_path):
    """Ensure a wrong old passphrase is refused in the dialog, the right one and the new one twice
    re-encrypt the database (old refused, new opens after closing), a fresh backup opens with the new one,
    the list still reads the cases, and the change is in the audit log."""
    with open_store(db_path, passphrase=PASSPHRASE) as store:
        store.create(secret_case())
    window = make_window()
    seen: list[str] = []
    fill_passphrase_dialogs([("ちがう合言葉です", ""), (PASSPHRASE, ""), (NEW, NEW)], seen)
    assert window.change_passphrase()
    assert seen[0] == "パスフレーズが違います。"
    assert "前のパスフレーズのまま" in window.statusBar().currentMessage()
    window.cases.refresh()
    qtbot.waitUntil(lambda: window.cases.rowCount() == 1 and window.cases.summary(0) is not None)
    backup = list_backups(db_path)[0]
    assert backup.reason == "passphrase"
    assert verify_backup(backup.path, NEW).cases == 1
    assert [e.action for e in window.store.audit_log()][:2] == ["backup", "passphrase"]
    window.close()
    window.reader.close()
    window.store.close()

    with pytest.raises(PassphraseError):
        open_store(db_path, passphrase=PASSPHRASE)
    with open_store(db_path, passphrase=NEW) as store:
        assert store.case_summaries()[0].head_name == secret_case().members[0].name


def test_cancelling_keeps_the_passphrase(qtbot, make_window, db_path):
    """Ensure キャンセル at the old-passphrase step changes nothing."""
    with open_store(db_path, passphrase=PASSPHRASE) as store:
        store.create(secret_case())
    window = make_window()

    def cancel():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(10, cancel)
            return
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert not window.change_passphrase()
    assert window.store.check_passphrase(PASSPHRASE)
