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
from kokuho_desk.rules.plain_words import for_volunteers, split_basis
from kokuho_desk.rules.result import CheckResult

STALE_STYLE = "color: #b71c1c; font-weight: bold"
# The order cards are listed in: what the household can claim first.
VERDICT_ORDER = ("eligible", "likely", "needs_info", "not_eligible")
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
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | (
            Qt.TextInteractionFlag.LinksAccessibleByKeyboard | Qt.TextInteractionFlag.LinksAccessibleByMouse
            if rich
            else Qt.TextInteractionFlag.NoTextInteraction
        )
    )
    return label


def _empty(layout) -> None:
    """Take every item out of ``layout``, nested rows too (their widgets go with them)."""
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().setParent(None)
        elif item.layout() is not None:
            _empty(item.layout())


class CheckCard(QFrame):
    """One check: badge and title, reasons, basis, missing fields (links), next steps, letter button."""

    def __init__(self, check: CheckResult, letter: tuple[str, str] | None, panel: ChecksPanel):
        super().__init__()
        self.check = check
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.badge = QLabel(check.verdict_label)
        self.badge.setStyleSheet(
            f"background: {BADGE_COLOURS[check.verdict]}; color: white; "
            "border-radius: 4px; padding: 2px 8px; font-weight: bold"
        )
        title = _label(check.title)
        title.setStyleSheet("font-weight: bold")
        head = QHBoxLayout()
        head.addWidget(self.badge)
        head.addWidget(title, 1)
        box = QVBoxLayout(self)
        box.addLayout(head)
        if check.reasons:
            box.addWidget(_label("\n".join(f"・{for_volunteers(r)}" for r in check.reasons)))
        if check.missing:
            links = "、".join(
                f'<a href="{html.escape(m, quote=True)}">{html.escape(panel.field_label(m))}</a>' for m in check.missing
            )
            self.missing = _label("足りない情報: " + links, rich=True)
            self.missing.linkActivated.connect(panel.field_requested)
            box.addWidget(self.missing)
        for action in check.next_actions:
            due = f"（期限 {format_wareki(action.due_date)}）" if action.due_date else ""
            box.addWidget(_label("次にすること: " + action.action + due))
        articles, sources = split_basis(check.basis)
        self.basis = _label("根拠: " + "／".join(articles)) if articles else None
        self.sources = _label("\n".join(f"・{s}" for s in sources)) if sources else None
        if self.basis is not None:
            self.basis.setStyleSheet("color: #555")
            box.addWidget(self.basis)
        if self.sources is not None:  # the sources behind the article open on demand
            self.sources.setStyleSheet("color: #555")
            self.sources.hide()
            self.sources_button = QPushButton("出典")
            self.sources_button.setCheckable(True)
            self.sources_button.setAutoDefault(False)
            self.sources_button.toggled.connect(self.sources.setVisible)
            row = QHBoxLayout()
            row.addWidget(self.sources_button)
            row.addStretch(1)
            box.addLayout(row)
            box.addWidget(self.sources)
        self.letter_button = None
        if letter is not None:
            kind, letter_title = letter
            self.letter_button = QPushButton(f"「{letter_title}」を作る")
            self.letter_button.setAutoDefault(False)
            self.letter_button.clicked.connect(lambda: panel.letter_requested.emit(kind))
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.letter_button)
            box.addLayout(row)


class ChecksPanel(QTabWidget):
    field_requested = Signal(str)  # a case-file path, e.g. "members[0].birth_date"
    letter_requested = Signal(str)  # a letter kind
    rates_requested = Signal()  # the premium lacks the rates: open the rate entry form

    def __init__(self, label_for: Callable[[str], str] = str, parent: QWidget | None = None):
        super().__init__(parent)
        self._label_for = label_for
        self.cards: list[CheckCard] = []
        self.folded_line: QPushButton | None = None
        self.summary = _label("")
        self._body = QWidget()
        self._list = QVBoxLayout(self._body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._body)
        # The 委任状 acts on no check: the client signs it whenever the desk goes to the office for them.
        self.proxy_button = QPushButton("委任状を作る")
        self.proxy_button.setAutoDefault(False)
        self.proxy_button.setToolTip("相談者が相談員に手続を任せるときの委任状（相談者が自署します）")
        self.proxy_button.clicked.connect(lambda: self.letter_requested.emit(POWER_OF_ATTORNEY))
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.proxy_button)
        self.rates_note = _label(
            "この自治体・年度の料率がデータにありません。納入通知書の料率を入力すると保険料を計算できます。"
        )
        self.rates_button = QPushButton("料率を入力する")
        self.rates_button.setAutoDefault(False)
        self.rates_button.clicked.connect(self.rates_requested)
        self.rates_row = QWidget()
        rates_line = QHBoxLayout(self.rates_row)
        rates_line.setContentsMargins(0, 0, 0, 0)
        rates_line.addWidget(self.rates_note, 1)
        rates_line.addWidget(self.rates_button)
        page = QWidget()
        box = QVBoxLayout(page)
        box.addLayout(head)
        box.addWidget(self.rates_row)
        box.addWidget(scroll, 1)
        self.statement = QPlainTextEdit()
        self.statement.setReadOnly(True)
        self.statement.setFont(QFont("IPAexGothic"))
        self.addTab(page, "判定")
        self.addTab(self.statement, "計算書")
        self.clear()

    def field_label(self, path: str) -> str:
        return self._label_for(path)

    def clear(self) -> None:
        self._set_cards([])
        self.summary.setText("「判定する」（F5）を押すと、入力した内容で各制度を判定します。")
        self.statement.setPlainText("")
        self.rates_row.hide()

    def show_running(self) -> None:
        self.summary.setText("判定しています…")

    def show_report(self, report, letters: dict[str, tuple[str, str]], statement: str) -> None:
        """Cards of what the household can claim first (該当, 可能性あり), then 情報不足; the
        非該当 ones folded into one line that opens them."""
        ordered = sorted(report.checks, key=lambda c: VERDICT_ORDER.index(c.verdict))
        self._set_cards([CheckCard(c, letters.get(c.id), self) for c in ordered])
        counts: dict[str, int] = {}
        for c in ordered:
            counts[c.verdict_label] = counts.get(c.verdict_label, 0) + 1
        self.summary.setStyleSheet("")
        self.summary.setText(f"判定 {len(report.checks)}件: " + "、".join(f"{k} {v}" for k, v in counts.items()))
        self.statement.setPlainText(statement)
        premium = report.premium
        self.rates_row.setVisible(premium is not None and "rates" in premium.missing and bool(report.case.municipality))
        self.setCurrentIndex(0)

    def mark_stale(self) -> None:
        """The case changed after judging: say so at once, and take the letters away until it is
        judged again (a letter must carry the case as it is now)."""
        self.summary.setStyleSheet(STALE_STYLE)
        self.summary.setText("古い判定です: 判定のあとで入力が変わりました。「判定する」（F5）で判定し直してください。")
        for card in self.cards:
            card.setEnabled(False)
            card.setToolTip("古い判定です。判定し直してください。")
        self.statement.setPlainText("古い判定です。「判定する」（F5）で計算し直してください。")

    def _set_cards(self, cards: list[CheckCard]) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        _empty(self._list)
        self.cards = cards
        self.folded_line = None
        shown = [c for c in cards if c.check.verdict != "not_eligible"]
        folded = [c for c in cards if c.check.verdict == "not_eligible"]
        for card in shown:
            self._list.addWidget(card)
        if folded:
            titles = "、".join(c.check.title.split("（")[0] for c in folded)
            self.folded_line = QPushButton(f"非該当 {len(folded)}件を表示")
            self.folded_line.setCheckable(True)
            self.folded_line.setAutoDefault(False)
            row = QHBoxLayout()
            row.addWidget(self.folded_line)
            row.addWidget(_label(titles), 1)  # wraps: a long line must not widen the page
            self._list.addLayout(row)
            for card in folded:
                card.hide()
                self._list.addWidget(card)
                self.folded_line.toggled.connect(card.setVisible)
        self._list.addStretch(1)
