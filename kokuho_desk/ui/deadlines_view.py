"""今週の期限: the dated next steps of every open case, overdue ones first and in red."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.store import Deadline
from kokuho_desk.ui.store_reader import StoreReader

DAYS_AHEAD = 7
OVERDUE_DAYS_SHOWN = 90
MAX_SHOWN = 500  # a desk has a few dozen a week; a huge database must not fill the table for seconds
OVERDUE = QColor("#b71c1c")


class DeadlinesView(QWidget):
    case_chosen = Signal(int)

    ready = Signal()  # the table shows the latest deadlines

    def __init__(self, reader: StoreReader, *, today: Callable[[], date] = date.today, parent: QWidget | None = None):
        super().__init__(parent)
        self._reader = reader
        self._today = today
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["期限", "氏名", "すること"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        box = QVBoxLayout(self)
        box.addWidget(self.caption)
        box.addWidget(self.table, 1)
        self.table.cellActivated.connect(self._chosen)
        self.table.cellDoubleClicked.connect(self._chosen)
        reader.deadlines_read.connect(self._show)

    def refresh(self) -> None:
        """Read the deadlines again (they arrive through the reader thread)."""
        today = self._today()
        self._reader.request_deadlines(today - timedelta(days=OVERDUE_DAYS_SHOWN), today + timedelta(days=DAYS_AHEAD))

    def _show(self, deadlines: list[Deadline]) -> None:
        today = self._today()
        caption = f"{format_wareki(today)}から{format_wareki(today + timedelta(days=DAYS_AHEAD))}までの期限（過ぎたものを含む）: {len(deadlines)}件"
        if len(deadlines) > MAX_SHOWN:
            caption += f"（早いもの{MAX_SHOWN}件を表示）"
            deadlines = deadlines[:MAX_SHOWN]
        self.caption.setText(caption)
        self.table.setRowCount(len(deadlines))
        for row, d in enumerate(deadlines):
            items = [
                QTableWidgetItem(format_wareki(d.due_date)),
                QTableWidgetItem(d.head_name or "（氏名なし）"),
                QTableWidgetItem(d.action),
            ]
            for item in items:
                item.setData(Qt.ItemDataRole.UserRole, d.case_id)
                item.setToolTip(d.action)
                if d.due_date < today:
                    item.setForeground(QBrush(OVERDUE))
            for column, item in enumerate(items):
                self.table.setItem(row, column, item)
        self.ready.emit()

    def _chosen(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.case_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
