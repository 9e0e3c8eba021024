"""ごみ箱: the deleted cases, to bring back (「元に戻す」) or to remove for good (「ごみ箱を空にする」)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.store import Store
from kokuho_desk.ui.ask import confirm


class TrashView(QWidget):
    changed = Signal()  # a case came back or the trash was emptied

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.caption = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["番号", "氏名", "市区町村", "削除した日"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.restore_button = QPushButton("元に戻す")
        self.empty_button = QPushButton("ごみ箱を空にする")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.empty)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        box = QVBoxLayout(self)
        box.addWidget(self.caption)
        box.addWidget(self.table, 1)
        box.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        deleted = self.store.deleted_cases()
        self.caption.setText(
            f"削除したケース: {len(deleted)}件（「元に戻す」で一覧に戻ります）" if deleted else "ごみ箱は空です"
        )
        self.table.setRowCount(len(deleted))
        for row, (case, at) in enumerate(deleted):
            cells = (
                str(case.id),
                case.head_name or "（氏名なし）",
                case.municipality or "",
                format_wareki(at.date()),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, case.id)
                self.table.setItem(row, column, item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectedItems()))
        self.empty_button.setEnabled(self.table.rowCount() > 0)

    def restore_selected(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        self.store.restore_deleted(items[0].data(Qt.ItemDataRole.UserRole))
        self.refresh()
        self.changed.emit()

    def empty(self) -> None:
        """Remove every case in the trash for good, after asking."""
        n = self.table.rowCount()
        if not n or not confirm(
            self,
            f"ごみ箱の{n}件のケースを完全に削除しますか？\n元に戻すことはできません。",
            "完全に削除する",
        ):
            return
        self.store.purge_deleted()
        self.refresh()
        self.changed.emit()

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)
