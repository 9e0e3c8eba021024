"""The window and another writer: a stale save offers reload or overwrite (never drops a letter's log entry),
and opening a case while another program holds the database says so in Japanese instead of doing nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlcipher3 import dbapi2

from kokuho_desk.letters import record_letter
from kokuho_desk.store import open_store
from tests.store.conftest import make_case
from tests.ui.conftest import replace_text

shown: list[str] = []


def answer_next_box(text: str | None) -> None:
    """Answer the next message box with the button labelled ``text`` (None: its first button); keep its text."""

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        shown.append(box.text())
        buttons = box.buttons()
        (buttons[0] if text is None else next(b for b in buttons if b.text() == text)).click()

    QTimer.singleShot(0, answer)


def _opened(make_window, db_path):
    with open_store(db_path) as store:
        case_id = store.create(make_case("山田 太郎", "ヤマダ タロウ"))
    window = make_window()
    window.open_case(case_id)
    return window, case_id


def test_a_stale_save_offers_overwrite_and_keeps_the_letter_logged_meanwhile(qtbot, make_window, db_path):
    """Ensure: the window has case #1 open; the CLI records a letter in its log; the window's save is stopped with
    a Japanese question; 「上書きする」 saves the window's name AND keeps the letter's log entry."""
    window, case_id = _opened(make_window, db_path)
    with open_store(db_path) as cli:
        record_letter(cli, case_id, "copayment-relief", date(2025, 10, 17))
    replace_text(window.editor.form.target("members[0].name").input, "山田 次郎")
    shown.clear()
    answer_next_box("上書きする")
    assert window.save()
    assert "別の画面またはコマンドで変更されています" in shown[0]
    with open_store(db_path) as store:
        case = store.get(case_id)
    assert case.head.name == "山田 次郎"
    assert [e.kind for e in case.log] == ["letter"]
    assert not window.editor.is_modified


def test_a_stale_save_can_reload_the_stored_case(qtbot, make_window, db_path):
    """Ensure 「読み込み直す」 discards the window's edit and shows what the other writer saved."""
    window, case_id = _opened(make_window, db_path)
    with open_store(db_path) as other:
        other.close_case(case_id, "解決")
    replace_text(window.editor.form.target("members[0].name").input, "山田 次郎")
    answer_next_box("読み込み直す")
    assert not window.save()
    with open_store(db_path) as store:
        case = store.get(case_id)
    assert case.head.name == "山田 太郎" and case.status == "closed"
    assert window.editor.head_name() == "山田 太郎" and not window.editor.is_modified


def test_opening_a_case_while_another_program_writes_says_so(qtbot, make_window, db_path):
    """Ensure that when another program holds the write lock past the busy timeout, opening a case shows a Japanese
    message (and leaves the previous page), instead of freezing and then silently doing nothing."""
    with open_store(db_path) as store:
        case_id = store.create(make_case())
    window = make_window()
    window.store._db.execute("PRAGMA busy_timeout = 300")  # the test need not wait the full 5 s
    other = dbapi2.connect(str(db_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        shown.clear()
        answer_next_box(None)
        window.open_case(case_id)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert shown and "開けませんでした" in shown[0]
    assert window.case_id is None
    window.open_case(case_id)
    assert window.case_id == case_id
