"""The left pane: search-as-you-type, filters and the paged case list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kokuho_desk.model.formatting import number
from kokuho_desk.ui.case_list import COLUMNS, CaseListModel
from kokuho_desk.ui.store_reader import CaseQuery

SEARCH_DELAY_MS = 250  # a pause in typing this long starts the search
DUE_SOON_DAYS = 14
SHOWN_COLUMNS = ("id", "head_name", "next_due_date", "municipality")


class CaseBrowser(QWidget):
    case_chosen = Signal(int)
    new_case_requested = Signal()

    def __init__(self, model: CaseListModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit()
        self.search.setPlaceholderText("氏名・ふりがな・住所で検索")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("検索")
        self.status = QComboBox()
        for value, label in (("open", "対応中"), ("closed", "終了"), (None, "すべて")):
            self.status.addItem(label, value)
        self.status.setAccessibleName("状態")
        self.due_soon = QCheckBox(f"期限{DUE_SOON_DAYS}日以内")
        self.municipality = QComboBox()
        self.municipality.addItem("全市区町村", None)
        self.municipality.setAccessibleName("市区町村")
        self.new_button = QPushButton("＋ 新しいケース")
        self.count_label = QLabel()

        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for i, (key, _h, _o) in enumerate(COLUMNS):
            self.view.setColumnHidden(i, key not in SHOWN_COLUMNS)
        self._size_columns()
        self.view.setSortingEnabled(True)
        header.setSortIndicator(len(COLUMNS) - 1, Qt.SortOrder.DescendingOrder)

        filters = QHBoxLayout()
        filters.addWidget(self.status)
        filters.addWidget(self.municipality, 1)
        filters.addWidget(self.due_soon)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.new_button)
        box = QVBoxLayout(self)
        box.addWidget(self.search)
        box.addLayout(filters)
        box.addWidget(self.view, 1)
        box.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply)
        self.status.currentIndexChanged.connect(self.apply)
        self.municipality.currentIndexChanged.connect(self.apply)
        self.due_soon.toggled.connect(self.apply)
        self.new_button.clicked.connect(self.new_case_requested)
        self.view.clicked.connect(self._chosen)
        self.view.activated.connect(self._chosen)
        model.loaded.connect(self._show_count)
        model.rowsInserted.connect(self._show_count)

    def changeEvent(self, event: QEvent) -> None:
        """大きな文字 switched on or off: rows and columns follow the new font at once."""
        if event.type() == QEvent.Type.FontChange:
            self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
            self._size_columns()
        super().changeEvent(event)

    def needed_width(self) -> int:
        """The width that shows every shown column but the last whole, and the last at its set width."""
        view = self.view
        columns = sum(view.columnWidth(i) for i, (key, _h, _o) in enumerate(COLUMNS) if key in SHOWN_COLUMNS)
        layout = self.layout()
        assert layout is not None  # set in __init__
        margins = layout.contentsMargins()
        return (
            columns
            + 2 * view.frameWidth()
            + view.verticalScrollBar().sizeHint().width()
            + margins.left()
            + margins.right()
        )

    def _size_columns(self) -> None:
        width = self.fontMetrics().horizontalAdvance
        sizes = {
            "id": width("000000"),
            "head_name": width("山田山田 太郎太"),
            "next_due_date": width("令和10年12月31日"),
            "municipality": width("大阪府統一"),
        }
        for i, (key, _h, _o) in enumerate(COLUMNS):
            if key in sizes:
                self.view.setColumnWidth(i, sizes[key] + 16)

    def set_municipalities(self, names: list[str]) -> None:
        current = self.municipality.currentData()
        self.municipality.blockSignals(True)
        while self.municipality.count() > 1:
            self.municipality.removeItem(1)
        for name in names:
            self.municipality.addItem(name, name)
        self.municipality.setCurrentIndex(max(self.municipality.findData(current), 0))
        self.municipality.blockSignals(False)

    def current_query(self) -> CaseQuery:
        searching = bool(self.search.text().strip())
        # A search looks through every case, 終了 ones too (marked in the list), so a returning
        # client is found instead of getting a second case; the filters apply to browsing.
        for box in (self.status, self.municipality, self.due_soon):
            box.setEnabled(not searching)
        return CaseQuery(
            text=self.search.text(),
            status=None if searching else self.status.currentData(),
            municipality=None if searching else self.municipality.currentData(),
            due_within_days=DUE_SOON_DAYS if self.due_soon.isChecked() and not searching else None,
            order_by=self.model.query.order_by,
        )

    def apply(self) -> None:
        """Show the cases the search box and filters ask for."""
        self._timer.stop()
        self.model.set_query(self.current_query())

    def _show_count(self) -> None:
        n = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        self.count_label.setText(f"{number(n)}{more}件" if n else "該当するケースはありません")

    def _chosen(self, index: QModelIndex) -> None:
        case_id = self.model.data(index.siblingAtColumn(0), Qt.ItemDataRole.UserRole)
        if case_id is not None:
            self.case_chosen.emit(case_id)

    def select_case(self, case_id: int) -> None:
        row = self.model.row_of(case_id)
        if row is not None:
            self.view.selectRow(row)
