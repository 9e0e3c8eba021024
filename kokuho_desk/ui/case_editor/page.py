"""A tab page of the editor: a scrollable column of titled sections laid out on grids."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kokuho_desk.ui.case_editor.fields import AnyField
from kokuho_desk.ui.case_editor.form import Details, EditorForm, RowList, place


def tab_stops(widget: QWidget) -> list[QWidget]:
    """The widgets Tab should stop at inside ``widget``, in reading order: the order of its layouts
    (top to bottom, and left to right within a row), not the order the widgets were made in."""
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None:
        return [widget]
    layout = widget.layout()
    return _layout_stops(layout) if layout is not None else []


def _layout_stops(layout: QLayout) -> list[QWidget]:
    stops = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        assert item is not None  # i < count()
        if (child := item.widget()) is not None:
            stops += tab_stops(child)
        elif (inner := item.layout()) is not None:
            stops += _layout_stops(inner)
    return stops


class Section(QGroupBox):
    def __init__(self, title: str, form: EditorForm):
        super().__init__(title)
        self._form = form
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)

    def add(self, field: AnyField, row: int, column: int = 0, span: int = 1) -> AnyField:
        place(self.grid, field, row, column, span)
        return self._form.add(field)

    def details(self, title: str, row: int) -> Details:
        """A fold-out part across the section at grid row ``row``; add its fields with ``Details.add``."""
        details = Details(title, self._form.add)
        self.grid.addWidget(details, row, 0, 1, -1)
        self._form.folds.append(details)
        return details


class Page(QScrollArea):
    def __init__(self, form: EditorForm):
        super().__init__()
        self._form = form
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._body = QWidget()
        self._column = QVBoxLayout(self._body)
        self.setWidget(self._body)

    def section(self, title: str) -> Section:
        section = Section(title, self._form)
        self._column.addWidget(section)
        return section

    def rows(self, rows: RowList) -> RowList:
        box = QGroupBox(rows.title)
        QVBoxLayout(box).addWidget(rows)
        self._column.addWidget(box)
        rows.relaid.connect(self.order_tabs)
        return self._form.add_list(rows)

    def buttons(self, *buttons: QPushButton) -> None:
        """A row of buttons on the right."""
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            button.setAutoDefault(False)
            row.addWidget(button)
        self._column.addLayout(row)

    def finish(self) -> None:
        self._column.addStretch(1)

    def order_tabs(self) -> None:
        """Tab goes down the page in reading order (Qt would put rows added later at the very end)."""
        stops = tab_stops(self._body)
        for first, second in zip(stops, stops[1:]):
            QWidget.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:
        self.order_tabs()
        super().showEvent(event)
