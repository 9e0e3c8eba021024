"""判定・書類: every check with its coloured verdict, reasons, legal basis and missing fields,
the letter that acts on it, and the premium breakdown (計算書).

It only shows a CheckReport the rules engine made; a missing field is a link that
asks the editor to show that field, a letter button asks the window for the letter.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.rules.result import CheckResult
from kokuho_desk.ui.i18n import _

POWER_OF_ATTORNEY = "power-of-attorney"  # the letter kind of the 委任状
BADGE_COLOURS = {
    "eligible": "#2e7d32",
    "likely": "#1565c0",
    "not_eligible": "#616161",
    "needs_info": "#e65100",
}


def _label(text: str, *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | (Qt.TextInteractionFlag.LinksAccessibleByKeyboard
                                     | Qt.TextInteractionFlag.LinksAccessibleByMouse if rich else
                                     Qt.TextInteractionFlag.NoTextInteraction))
    return label


class CheckCard(QFrame):
    """One check: badge and title, reasons, basis, missing fields (links), next steps, letter button."""

    def __init__(self, check: CheckResult, letter: tuple[str, str] | None, panel: ChecksPanel):
        super().__init__()
        self.check = check
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.badge = QLabel(_(check.verdict_label))
        self.badge.setStyleSheet(f"background: {BADGE_COLOURS[check.verdict]}; color: white; "
                                 "border-radius: 4px; padding: 2px 8px; font-weight: bold")
        title = _label(check.title)
        title.setStyleSheet("font-weight: bold")
        head = QHBoxLayout()
        head.addWidget(self.badge)
        head.addWidget(title, 1)
        box = QVBoxLayout(self)
        box.addLayout(head)
        if check.reasons:
            box.addWidget(_label("\n".join(f"・{r}" for r in check.reasons)))
        if check.missing:
            links = "、".join(f'<a href="{html.escape(m, quote=True)}">{html.escape(panel.field_label(m))}</a>'
                             for m in check.missing)
            self.missing = _label(_("足りない情報: ") + links, rich=True)
            self.missing.linkActivated.connect(panel.field_requested)
            box.addWidget(self.missing)
        for action in check.next_actions:
            due = _("（期限 {date}）").format(date=format_wareki(action.due_date)) if action.due_date else ""
            box.addWidget(_label(_("次にすること: ") + action.action + due))
        if check.basis:
            basis = _label(_("根拠: ") + "／".join(check.basis))
            basis.setStyleSheet("color: #555")
            box.addWidget(basis)
        self.letter_button = None
        if letter is not None:
            kind, letter_title = letter
            self.letter_button = QPushButton(_("「{title}」を作る").format(title=letter_title))
            self.letter_button.setAutoDefault(False)
            self.letter_button.clicked.connect(lambda: panel.letter_requested.emit(kind))
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.letter_button)
            box.addLayout(row)


class ChecksPanel(QTabWidget):
    field_requested = Signal(str)  # a case-file path, e.g. "members[0].birth_date"
    letter_requested = Signal(str)  # a letter kind

    def __init__(self, label_for: Callable[[str], str] = str, parent: QWidget | None = None):
        super().__init__(parent)
        self._label_for = label_for
        self.cards: list[CheckCard] = []
        self.summary = _label("")
        self._body = QWidget()
        self._list = QVBoxLayout(self._body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._body)
        # The 委任状 acts on no check: the client signs it whenever the desk goes to the office for them.
        self.proxy_button = QPushButton(_("委任状を作る"))
        self.proxy_button.setAutoDefault(False)
        self.proxy_button.setToolTip(_("相談者が相談員に手続を任せるときの委任状（相談者が自署します）"))
        self.proxy_button.clicked.connect(lambda: self.letter_requested.emit(POWER_OF_ATTORNEY))
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.proxy_button)
        page = QWidget()
        box = QVBoxLayout(page)
        box.addLayout(head)
        box.addWidget(scroll, 1)
        self.statement = QPlainTextEdit()
        self.statement.setReadOnly(True)
        self.statement.setFont(QFont("IPAexGothic"))
        self.addTab(page, _("判定"))
        self.addTab(self.statement, _("計算書"))
        self.clear()

    def field_label(self, path: str) -> str:
        return self._label_for(path)

    def clear(self) -> None:
        self._set_cards([])
        self.summary.setText(_("「判定する」（F5）を押すと、入力した内容で各制度を判定します。"))
        self.statement.setPlainText("")

    def show_running(self) -> None:
        self.summary.setText(_("判定しています…"))

    def show_report(self, report, letters: dict[str, tuple[str, str]], statement: str) -> None:
        self._set_cards([CheckCard(c, letters.get(c.id), self) for c in report.checks])
        counts: dict[str, int] = {}
        for c in report.checks:
            counts[c.verdict_label] = counts.get(c.verdict_label, 0) + 1
        self.summary.setText(_("判定 {n}件: ").format(n=len(report.checks))
                             + "、".join(f"{_(k)} {v}" for k, v in counts.items()))
        self.statement.setPlainText(statement)
        self.setCurrentIndex(0)

    def _set_cards(self, cards: list[CheckCard]) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        while self._list.count():
            self._list.takeAt(0)
        self.cards = cards
        for card in cards:
            self._list.addWidget(card)
        self._list.addStretch(1)
