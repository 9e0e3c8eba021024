"""The editor's form: fields and repeating rows mapped onto the case-file dict.

The form never holds a Case: it lays what the fields show over the dict the case was
loaded from (so a field the editor does not show is kept as it was), and the editor
hands the result to ``case_from_dict``. Errors come back as ``FieldError(path, …)``;
``place_errors`` puts each one under the field with that path.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kokuho_desk.model.casefile import FieldError
from kokuho_desk.model.normalize import InputError
from kokuho_desk.ui.ask import confirm
from kokuho_desk.ui.case_editor.fields import AnyField, Field, Kept

_ITEM_RE = re.compile(r"^(?P<key>\w+)\[(?P<index>\d+)\]\.?(?P<rest>.*)$")


def set_in(data: dict[str, Any], key: str, value: Any) -> None:
    """Set ``a.b.c`` in nested dicts; None removes the key."""
    *parents, last = key.split(".")
    for p in parents:
        child = data.get(p)
        if not isinstance(child, dict):
            if value is None:
                return
            child = data[p] = {}
        data = child
    if value is None:
        data.pop(last, None)
    else:
        data[last] = value


def get_in(data: dict[str, Any], key: str) -> Any:
    value: Any = data
    for p in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(p)
    return value


def prune(data: dict[str, Any]) -> dict[str, Any]:
    """Drop None and empty objects (the case file leaves unknown values out)."""
    for k in list(data):
        v = data[k]
        if isinstance(v, dict):
            prune(v)
        if v is None or (v == {} and not isinstance(v, Kept)):
            del data[k]
    return data


def _gather_fields(fields: list[Field], data: dict[str, Any], prefix: str, errors: list[FieldError]) -> None:
    for f in fields:
        try:
            value = f.value()
        except InputError as e:
            errors.append(FieldError(prefix + f.key, str(e)))
            continue
        set_in(data, f.key, value)


def _best_field(fields: list[Field], path: str) -> Field | None:
    """The field for ``path`` or for the nearest enclosing key (``hardship.reasons[0]``)."""
    best = None
    for f in fields:
        if path == f.key or path.startswith(f.key + ".") or path.startswith(f.key + "["):
            if best is None or len(f.key) > len(best.key):
                best = f
    return best


def place(grid: QGridLayout, field: Field, row: int, column: int, span: int = 1) -> None:
    """Put a field and its label in cell (row, column) of a grid whose columns are label+input pairs."""
    label = QLabel(field.label if field.labelled else "")
    label.setBuddy(field.input)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    label.setContentsMargins(0, 4, 0, 0)
    grid.addWidget(label, row, column * 2)
    grid.addWidget(field, row, column * 2 + 1, 1, span * 2 - 1, Qt.AlignmentFlag.AlignTop)


class Details(QWidget):
    """A fold-out part of a section or row (「詳しく」) for fields rarely needed: closed while they are blank."""

    def __init__(self, title: str, register: Callable[[Field], Field]):
        super().__init__()
        self._register = register
        self.fields: list[Field] = []
        self.openers: list[Field] = []
        self.toggle = QToolButton()
        self.toggle.setText(title)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle.toggled.connect(self._show_body)
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(12, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.body)
        self._show_body(False)

    def add(self, field: AnyField, row: int, column: int, span: int = 1) -> AnyField:
        place(self.grid, field, row, column, span)
        self.fields.append(field)
        self._register(field)
        return field

    @property
    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def set_open(self, open_: bool) -> None:
        self.toggle.setChecked(open_)
        self._show_body(open_)

    def _show_body(self, open_: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.body.setVisible(open_)

    def open_if_filled(self) -> None:
        self.set_open(any(not f.is_blank() for f in self.fields + self.openers))

    def opened_by(self, field: Field) -> None:
        """Open while ``field`` (outside the fold) is set: the fold holds what it needs."""
        self.openers.append(field)

        def open_if_set() -> None:
            if not field.is_blank():
                self.set_open(True)

        field.changed.connect(open_if_set)


def reveal(widget: QWidget) -> None:
    """Open every fold-out part that holds ``widget`` (to show its error or put the cursor in it)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, Details):
            parent.set_open(True)
        parent = parent.parentWidget()


class Row(QFrame):
    """One item of a repeating group (a member, an arrear, a log entry) laid out on a grid."""

    changed = Signal()
    left = Signal()
    remove_requested = Signal(object)

    def __init__(self, title: str, remove_label: str):
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.fields: list[Field] = []
        self.folds: list[Details] = []
        self.original: dict[str, Any] = {}
        self.title = QLabel(title)
        self.title.setStyleSheet("font-weight: bold")
        self.remove_button = QPushButton(remove_label)
        self.remove_button.setAutoDefault(False)
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # out of the tab chain: Space never deletes
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.remove_button)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        box.addLayout(head)
        box.addLayout(self.grid)
        box.addWidget(self.error)

    def add(self, field: AnyField, row: int, column: int, span: int = 1) -> AnyField:
        """Place a field with its label at grid cell (row, column); a column is a label+input pair."""
        place(self.grid, field, row, column, span)
        self.fields.append(field)
        field.changed.connect(self.changed)
        field.left.connect(self.left)
        return field

    def details(self, title: str, row: int) -> Details:
        """A fold-out part across the whole width at grid row ``row``; add its fields with ``Details.add``."""
        details = Details(title, self._register)
        self.grid.addWidget(details, row, 0, 1, -1)
        self.folds.append(details)
        return details

    def _register(self, field: Field) -> Field:
        self.fields.append(field)
        field.changed.connect(self.changed)
        field.left.connect(self.left)
        return field

    def load(self, item: dict[str, Any]) -> None:
        self.original = copy.deepcopy(item)
        for f in self.fields:
            f.set_value(get_in(item, f.key))
        for details in self.folds:
            details.open_if_filled()

    def gather(self, prefix: str, errors: list[FieldError]) -> dict[str, Any]:
        data = copy.deepcopy(self.original)
        _gather_fields(self.fields, data, prefix, errors)
        return prune(data)

    def set_row_error(self, message: str | None) -> None:
        self.error.setText(f"⚠ {message}" if message else "")
        self.error.setVisible(bool(message))


class RowList(QWidget):
    """A repeating group: its rows, an add button, and an error line for the group."""

    changed = Signal()
    left = Signal()
    relaid = Signal()  # a row was added or removed (the page puts the tab order right again)

    def __init__(
        self, key: str, title: str, make_row: Callable[[], Row], new_item: Callable[[], dict[str, Any]], add_label: str
    ):
        super().__init__()
        self.key = key
        self.title = title
        self._make_row = make_row
        self._new_item = new_item
        self.rows: list[Row] = []
        self._box = QVBoxLayout()
        self._box.setSpacing(6)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.hide()
        self.add_button = QPushButton(add_label)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_new())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.error)
        outer.addLayout(self._box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)

    def add_row(self, item: dict[str, Any]) -> Row:
        row = self._make_row()
        row.load(item)
        row.changed.connect(self.changed)
        row.left.connect(self.left)
        row.remove_requested.connect(self._remove)
        self.rows.append(row)
        self._box.addWidget(row)
        self.relaid.emit()
        return row

    def add_new(self) -> Row:
        """Add a row with the group's defaults, as the add button does, and put the cursor in it."""
        row = self.add_row(self._new_item())
        for f in row.fields:
            f.touched = False
        self.changed.emit()
        row.fields[0].setFocus()
        return row

    def describe(self, row: Row) -> str:
        """What the user calls the row: 「世帯員「山田 花子」」 when it has a name, else 「世帯員2」."""
        name = next((f.value() for f in row.fields if f.key == "name"), None)
        return f"{row.title.text()}「{name}」" if name else f"{row.title.text()}{self.rows.index(row) + 1}"

    def _remove(self, row: Row) -> None:
        if not confirm(self, f"{self.describe(row)}を削除しますか？", "削除する"):
            return
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.relaid.emit()
        self.changed.emit()
        self.add_button.setFocus()

    def load(self, items: list[dict[str, Any]]) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        with QSignalBlocker(self):  # one re-ordering of the tab chain for the whole list
            for item in items:
                self.add_row(item)
        self.relaid.emit()

    def gather(self, errors: list[FieldError]) -> list[dict[str, Any]]:
        return [row.gather(f"{self.key}[{i}].", errors) for i, row in enumerate(self.rows)]

    def set_group_error(self, message: str | None) -> None:
        self.error.setText(f"⚠ {message}" if message else "")
        self.error.setVisible(bool(message))


class EditorForm(QObject):
    """All fields and groups of the editor, addressed by case-file path."""

    changed = Signal()
    left = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.fields: list[Field] = []
        self.lists: dict[str, RowList] = {}
        self.folds: list[Details] = []

    def add(self, field: AnyField) -> AnyField:
        self.fields.append(field)
        field.changed.connect(self.changed)
        field.left.connect(self.left)
        return field

    def add_list(self, rows: RowList) -> RowList:
        self.lists[rows.key] = rows
        rows.changed.connect(self.changed)
        rows.left.connect(self.left)
        return rows

    def load(self, data: dict[str, Any]) -> None:
        for f in self.fields:
            f.set_value(get_in(data, f.key))
        for key, rows in self.lists.items():
            rows.load(data.get(key, []))
        for details in self.folds:
            details.open_if_filled()

    def gather(self, base: dict[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
        """``base`` with every shown value laid over it, and the errors of values that cannot be read."""
        data = copy.deepcopy(base)
        errors: list[FieldError] = []
        _gather_fields(self.fields, data, "", errors)
        for key, rows in self.lists.items():
            set_in(data, key, rows.gather(errors) or None)
        return prune(data), errors

    def target(self, path: str) -> QWidget | None:
        """The widget that shows ``path``: a field, else its row, else its group."""
        m = _ITEM_RE.match(path)
        if m and m["key"] in self.lists:
            rows = self.lists[m["key"]]
            index = int(m["index"])
            if index >= len(rows.rows):
                return rows
            row = rows.rows[index]
            return (_best_field(row.fields, m["rest"]) if m["rest"] else None) or row
        if path in self.lists:
            return self.lists[path]
        return _best_field(self.fields, path)

    def clear_errors(self) -> None:
        for f in self.all_fields():
            f.set_error(None)
        for rows in self.lists.values():
            rows.set_group_error(None)
            for row in rows.rows:
                row.set_row_error(None)

    def all_fields(self) -> list[Field]:
        return self.fields + [f for rows in self.lists.values() for row in rows.rows for f in row.fields]

    def place_errors(self, errors: list[FieldError], only: set[Field] | None = None) -> list[FieldError]:
        """Show each error next to its widget; returns those that have no widget.

        With ``only``, errors of other widgets are left as they are (a field checked
        when the user leaves it must not light up fields not yet filled in).
        """
        unplaced = []
        for error in errors:
            path, message = error.path, error.message
            widget = self.target(path)
            if only is not None and widget not in only:
                continue
            if isinstance(widget, Field):
                widget.set_error(message)
                reveal(widget)
            elif isinstance(widget, Row):
                widget.set_row_error(message)
            elif isinstance(widget, RowList):
                widget.set_group_error(message)
            else:
                unplaced.append(FieldError(path, message))
        return unplaced
