"""The case list: a table model over the store, paged, never holding more than a window of rows.

With filters the model asks the store for the count first, so the scroll bar spans
every case (100,000 are fine), and fetches a page of PAGE rows when the view shows
a row not yet loaded; at most MAX_PAGES pages are kept. A search has no count: its
rows come a page at a time as the view scrolls (canFetchMore/fetchMore). All reads
go through the StoreReader thread; an unloaded row shows 「読み込み中…」 meanwhile.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.store import CaseSummary
from kokuho_desk.ui.store_reader import CaseQuery, StoreReader

PAGE = 100
MAX_PAGES = 40
STATUS_LABELS = {"open": "対応中", "closed": "終了"}
# (CaseSummary attribute, header, the store's order_by for that column or None)
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("id", "番号", "id"),
    ("head_name", "氏名", "name"),
    ("next_due_date", "次の期限", "next_due"),
    ("municipality", "市区町村", "municipality"),
    ("status", "状態", "status"),
    ("head_kana", "ふりがな", "kana"),
    ("address", "住所", None),
    ("updated_at", "更新", "updated"),
)
OVERDUE = QColor("#b71c1c")
Index = QModelIndex | QPersistentModelIndex


class CaseListModel(QAbstractTableModel):
    loaded = Signal()  # the first rows (or the count) of the current query are in
    failed = Signal(str)

    def __init__(self, reader: StoreReader, *, today=date.today, parent=None):
        super().__init__(parent)
        self._reader = reader
        self._today = today
        self.query = CaseQuery()
        self._generation = 0
        self._total = 0
        self._search_done = True
        self._pages: OrderedDict[int, list[CaseSummary]] = OrderedDict()
        self._pending: set[int] = set()
        reader.counted.connect(self._counted)
        reader.paged.connect(self._paged)
        reader.failed.connect(self._failed)

    # --- queries ------------------------------------------------------------------------

    def set_query(self, query: CaseQuery) -> None:
        """Show ``query``'s cases; rows come in asynchronously (``loaded`` fires)."""
        self.beginResetModel()
        self.query = replace(query, today=query.today or self._today())
        self._generation = self._reader.new_generation()
        self._total = 0
        self._search_done = False
        self._pages.clear()
        self._pending.clear()
        self.endResetModel()
        if not self.query.is_search:
            self._reader.request_count(self._generation, self.query)
        self._request(0)

    def refresh(self) -> None:
        self.set_query(self.query)

    def _request(self, page: int) -> None:
        if page not in self._pending:
            self._pending.add(page)
            self._reader.request_page(self._generation, self.query, page * PAGE, PAGE)

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation or count == 0:
            if generation == self._generation:
                self.loaded.emit()
            return
        self.beginInsertRows(QModelIndex(), 0, count - 1)
        self._total = count
        self.endInsertRows()
        self.loaded.emit()

    def _paged(self, generation: int, offset: int, rows: list[CaseSummary]) -> None:
        if generation != self._generation:
            return
        page = offset // PAGE
        self._pending.discard(page)
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        if self.query.is_search and offset >= self._total:  # a new page of search results
            self._search_done = len(rows) < PAGE
            if rows:
                self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
                self._total = offset + len(rows)
                self.endInsertRows()
            if offset == 0:
                self.loaded.emit()
        elif rows and self._total:  # a page the view asked for again
            last = min(offset + len(rows), self._total) - 1
            self.dataChanged.emit(self.index(offset, 0), self.index(last, len(COLUMNS) - 1))

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(message)

    # --- rows ---------------------------------------------------------------------------

    def summary(self, row: int) -> CaseSummary | None:
        """The case on ``row`` if its page is loaded (else asks for the page and returns None)."""
        page, i = divmod(row, PAGE)
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            return None
        self._pages.move_to_end(page)
        return rows[i] if i < len(rows) else None

    def row_of(self, case_id: int) -> int | None:
        """The row of a loaded case."""
        for page, rows in self._pages.items():
            for i, s in enumerate(rows):
                if s.id == case_id:
                    return page * PAGE + i
        return None

    # --- the Qt model -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        summary = self.summary(index.row())
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if summary is None:
                return "読み込み中…" if key == "head_name" else ""
            return self._display(summary, key)
        if summary is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{h}: {self._display(summary, k)}" for k, h, _o in COLUMNS)
        if role == Qt.ItemDataRole.ForegroundRole and key == "next_due_date":
            due = summary.next_due_date
            if due is not None and self.query.today is not None and due < self.query.today:
                return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.UserRole:
            return summary.id
        return None

    @staticmethod
    def _display(summary: CaseSummary, key: str) -> str:
        value = getattr(summary, key)
        if value is None:
            return ""
        if key == "status":
            return STATUS_LABELS.get(value, value)
        if key == "head_name" and summary.status == "closed":  # a search shows every status
            return f"{value}（終了）"
        if key == "next_due_date":
            return format_wareki(value)
        if key == "updated_at":
            return format_wareki(value.date())
        return str(value)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return (
            not parent.isValid()
            and self.query.is_search
            and not self._search_done
            and self._total > 0
            and not self._pending
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._request(self._total // PAGE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        order_by = COLUMNS[column][2]
        if order_by and order_by != self.query.order_by:
            self.set_query(replace(self.query, order_by=order_by))
