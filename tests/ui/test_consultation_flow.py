"""A whole consultation through the window only, from a blank case to a printed letter, counting the
steps a volunteer takes (each field typed, key pressed or button clicked is one step)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kokuho_desk.ui import letter_preview
from tests.letters.helpers import pdf_text
from tests.ui.conftest import type_text
from tests.ui.test_main_window import field


class Steps:
    """The volunteer's hands: every action goes through here and is counted."""

    def __init__(self, qtbot, window):
        self.qtbot, self.window, self.n = qtbot, window, 0

    def type(self, path: str, text: str) -> None:
        widget = field(self.window, path).input
        type_text(widget.lineEdit() if hasattr(widget, "lineEdit") and widget.lineEdit() else widget, text)
        self.n += 1

    def key(self, path: str, key: Qt.Key) -> None:
        widget = field(self.window, path).input
        widget.setFocus()
        self.qtbot.keyClick(widget, key)
        self.n += 1

    def click(self, button) -> None:
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.n += 1


def test_a_new_case_from_blank_to_a_printed_letter(qtbot, make_window, tmp_path, monkeypatch):
    """Ensure a volunteer can go from a blank case to a printed 減免 letter by typing and clicking only:
    a one-person household in 大阪市 (FY2025 as of 2025-10-17), 給与収入 120万円 in 2024, declared; the
    printed 計算書 carries the client's name, the salary typed (1,200,000円) and the 軽減判定所得 by hand:
    1,200,000 − 550,000 (令和6年分の給与所得控除の最低額, 所得税法第28条) = 650,000円, which is over the
    7割 line 430,000円 and under the 5割 line 430,000 + 305,000 × 1 = 735,000円 (令和7年度,
    国民健康保険法施行令第29条の7第5項): 5割軽減."""
    printed = tmp_path / "printed.pdf"
    # The printer: 「印刷…」 writes the letter to a PDF file instead of opening the print dialog.
    monkeypatch.setattr(letter_preview.LetterPreview, "print_dialog", lambda self: self.save_to(printed))
    window = make_window()
    steps = Steps(qtbot, window)

    steps.click(window.browser.new_button)
    steps.type("members[0].name", "大阪 一郎")
    steps.type("members[0].kana", "おおさか いちろう")
    steps.type("members[0].birth_date", "昭和40年5月5日")
    steps.key("members[0].income.declared", Qt.Key.Key_Down)  # 不明 → はい
    steps.type("members[0].income.salary", "120万円")
    steps.type("municipality", "大阪市")
    steps.click(window.save_button)
    assert window.case_id is not None and not window.editor.is_modified

    steps.click(window.check_button)
    qtbot.waitUntil(lambda: len(window.checks.cards) > 0, timeout=15_000)
    card = next(c for c in window.checks.cards if c.check.id == "statutory_reduction")
    assert card.check.verdict == "eligible"
    steps.click(card.letter_button)
    qtbot.waitUntil(lambda: getattr(window, "letter_preview", None) is not None, timeout=15_000)
    steps.click(window.letter_preview.print_button)

    text = pdf_text(printed.read_bytes())
    assert "大阪一郎" in text
    assert "1,200,000円" in text
    assert "軽減判定所得650,000円" in text and "5割軽減の基準額735,000円以下" in text
    print(f"steps: {steps.n}")
    window.letter_preview.close()
    QApplication.processEvents()
