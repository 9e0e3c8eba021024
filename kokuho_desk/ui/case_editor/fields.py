"""Input fields of the case editor: each knows its key in the case file and shows its own error.

A field hands the case-file value to the form: text as typed for amounts, dates and
names (``case_from_dict`` normalises 全角, 和暦 and 「12万円」 and names the field in its
Japanese error), plain values for choices. A field whose value the schema cannot
read as typed (signed amounts, counts) parses it here and raises InputError.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kokuho_desk.model.formatting import number
from kokuho_desk.model.normalize import InputError, nfkc, parse_amount
from kokuho_desk.model.wareki import fiscal_year_label, format_wareki

ERROR_STYLE = (
    "QLabel[role='error'] { color: #b71c1c; } QLabel[role='hint'] { color: #555; } "
    "*[invalid='true'] { border: 2px solid #c62828; }"
)


def _left(field: Field) -> None:
    """Say the user finished with ``field`` — unless Qt is tearing it down: a line edit losing the
    focus while its row is deleted still reports editingFinished."""
    if shiboken6.isValid(field):
        field.left.emit()


class Field(QWidget):
    """One input plus an error line under it (hidden while there is no error)."""

    labelled = True  # the form puts the label beside it (a check box carries its own)

    changed = Signal()  # any change of the value
    left = Signal()  # the user finished with the field (focus out or Enter)

    def __init__(self, key: str, label: str, input_widget: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.label = label
        self.input = input_widget
        self.input.setAccessibleName(label)
        self._error = QLabel(self)
        self._error.setProperty("role", "error")
        self._error.setWordWrap(True)
        self._error.hide()
        self.hint = QLabel(self)
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.input, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addLayout(self.row)
        box.addWidget(self.hint)
        box.addWidget(self._error)
        self.setFocusProxy(self.input)
        self.touched = False  # the user changed it since the case was loaded
        self.changed.connect(self._touch)

    def _touch(self) -> None:
        self.touched = True

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def is_blank(self) -> bool:
        """Nothing entered (a fold-out part with only blank fields stays closed)."""
        try:
            value = self.value()
        except InputError:
            return False
        return value is None or value is False or value == []

    def set_hint(self, text: str) -> None:
        """A grey line under the input saying what to enter."""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    @property
    def error(self) -> str:
        return self._error.text() if self._error.isVisibleTo(self) else ""

    def set_error(self, message: str | None) -> None:
        self._error.setText(f"⚠ {message}" if message else "")
        self._error.setVisible(bool(message))
        self.input.setProperty("invalid", bool(message))
        self.input.style().unpolish(self.input)
        self.input.style().polish(self.input)


AnyField = TypeVar("AnyField", bound=Field)  # add() gives back the kind of field it was given


class TextBoxField(Field):
    """A text box (``multiline`` for notes); each kind of field reads the typed text as its own value."""

    input: QLineEdit | QPlainTextEdit

    def __init__(
        self, key: str, label: str, *, multiline: bool = False, placeholder: str = "", parent: QWidget | None = None
    ):
        edit: QLineEdit | QPlainTextEdit
        if multiline:
            edit = plain = QPlainTextEdit()
            plain.setTabChangesFocus(True)
            plain.setFixedHeight(plain.fontMetrics().lineSpacing() * 4 + 12)
            plain.textChanged.connect(lambda: self.changed.emit())
        else:
            edit = QLineEdit()
            edit.textChanged.connect(lambda _t: self.changed.emit())
            edit.editingFinished.connect(lambda: _left(self))
            edit.returnPressed.connect(edit.focusNextChild)  # Enter moves on like Tab, as on a paper form
        edit.setPlaceholderText(placeholder)
        super().__init__(key, label, edit, parent)

    def text(self) -> str:
        return self.input.toPlainText() if isinstance(self.input, QPlainTextEdit) else self.input.text()

    def typed(self) -> str | None:
        """The text as typed; None if blank."""
        text = self.text()
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if isinstance(self.input, QPlainTextEdit):
            self.input.setPlainText(text)
        else:
            self.input.setText(text)


class TextField(TextBoxField):
    """Free text; blank is None."""

    def value(self) -> str | None:
        return self.typed()


class AmountField(TextBoxField):
    """円: typed as 123456, １２３，４５６円, 12万3000円; checked by the case file loader."""

    def __init__(self, key: str, label: str, *, signed: bool = False, parent: QWidget | None = None):
        super().__init__(key, label, placeholder="例: 12万3000円", parent=parent)
        self.signed = signed
        assert isinstance(self.input, QLineEdit)  # an amount is one line
        self.input.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> str | int | None:
        text = self.typed()
        if text is None or not self.signed:
            return text
        return parse_amount(text, allow_negative=True)  # the schema takes only an int here

    def set_value(self, value: Any) -> None:
        super().set_value(number(value) if isinstance(value, int) else value)


class DateField(TextField):
    """A date typed as 令和7年4月1日, R7.4.1, 2025-04-01 or ２０２５/４/１; shown in 和暦."""

    def __init__(self, key: str, label: str, parent: QWidget | None = None):
        super().__init__(key, label, placeholder="例: 令和7年4月1日", parent=parent)

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                pass  # shown as typed
        super().set_value(format_wareki(value) if isinstance(value, date) else value)


class YearField(TextField):
    """A (fiscal) year typed as 2025, 令和7年度 or R7."""

    def __init__(self, key: str, label: str, parent: QWidget | None = None):
        super().__init__(key, label, placeholder="例: 令和7年度", parent=parent)

    def set_value(self, value: Any) -> None:
        super().set_value(fiscal_year_label(value) if isinstance(value, int) else value)


class CodeField(TextField):
    """A code printed on a document (e.g. 離職理由コード 11); 全角 digits are read as 半角."""

    def value(self) -> str | None:
        text = super().value()
        return None if text is None else nfkc(text).strip()


class DateListField(Field):
    """Several dates (e.g. each 分納誓約), one line each, with a button to add one and one to remove each."""

    def __init__(self, key: str, label: str, add_label: str, parent: QWidget | None = None):
        holder = QWidget()
        self._box = QVBoxLayout(holder)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(2)
        self.add_button = QPushButton(add_label)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_line("").setFocus())
        self._box.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.edits: list[QLineEdit] = []
        super().__init__(key, label, holder, parent)
        self.setFocusProxy(self.add_button)

    def add_line(self, text: str) -> QLineEdit:
        """A new date line above the add button (and before it in the tab order)."""
        edit = QLineEdit(text)
        edit.setPlaceholderText("例: 令和7年4月1日")
        edit.setAccessibleName(self.label)
        remove = QPushButton("削除")
        remove.setAutoDefault(False)
        remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # out of the tab chain, like a row's delete button
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(remove)
        before = self.add_button.previousInFocusChain()
        assert before is not None  # the focus chain is a ring
        self._box.insertWidget(len(self.edits), line)
        QWidget.setTabOrder(before, edit)
        QWidget.setTabOrder(edit, remove)
        QWidget.setTabOrder(remove, self.add_button)
        self.edits.append(edit)
        edit.textChanged.connect(lambda _t: self.changed.emit())
        edit.editingFinished.connect(lambda: _left(self))
        remove.clicked.connect(lambda: self._remove(line, edit))
        self.changed.emit()
        return edit

    def _remove(self, line: QWidget, edit: QLineEdit) -> None:
        self.edits.remove(edit)
        line.setParent(None)
        line.deleteLater()
        self.changed.emit()
        self.add_button.setFocus()

    def value(self) -> list[str] | None:
        return [e.text() for e in self.edits if e.text().strip()] or None

    def set_value(self, value: Any) -> None:
        for edit in list(self.edits):
            line = edit.parentWidget()
            assert line is not None  # add_line put it in its line
            self._remove(line, edit)
        for d in value or ():
            self.add_line(format_wareki(date.fromisoformat(d)) if isinstance(d, str) else str(d))


class CountField(TextBoxField):
    """A small whole number (people, days); 全角 digits accepted."""

    def value(self) -> int | None:
        text = self.typed()
        if text is None:
            return None
        text = nfkc(text).strip().removesuffix("人").removesuffix("日")
        if not text.isdigit():
            raise InputError("0以上の整数で入力してください")
        return int(text)


class ChoiceField(Field):
    """One of fixed values, shown by label; ``None`` is the blank choice."""

    input: QComboBox

    def __init__(self, key: str, label: str, choices: list[tuple[Any, str]], parent: QWidget | None = None):
        combo = QComboBox()
        for value, text in choices:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        combo.activated.connect(lambda _i: self.left.emit())
        super().__init__(key, label, combo, parent)

    def value(self) -> Any:
        return self.input.currentData()

    def set_value(self, value: Any) -> None:
        index = self.input.findData(value)
        self.input.setCurrentIndex(max(index, 0))

    def is_blank(self) -> bool:
        return self.input.currentIndex() <= 0


def tristate(key: str, label: str) -> ChoiceField:
    """はい / いいえ / 不明 (None: the rule then asks for it)."""
    return ChoiceField(key, label, [(None, "不明"), (True, "はい"), (False, "いいえ")])


class TickBoxField(Field):
    """A check box carrying its label; each kind of field says what a tick means."""

    input: QCheckBox

    labelled = False

    def __init__(self, key: str, label: str, parent: QWidget | None = None):
        box = QCheckBox(label)
        box.toggled.connect(lambda _b: self.changed.emit())
        super().__init__(key, label, box, parent)


class CheckField(TickBoxField):
    """A yes/no flag; ``unchecked=None`` leaves the key out when not ticked (for optional flags)."""

    def __init__(self, key: str, label: str, *, unchecked: bool | None = False, parent: QWidget | None = None):
        super().__init__(key, label, parent)
        self.unchecked = unchecked

    def value(self) -> bool | None:
        return True if self.input.isChecked() else self.unchecked

    def set_value(self, value: Any) -> None:
        self.input.setChecked(bool(value))


class Kept(dict):
    """A part of the case file kept even while empty (the form drops other empty objects)."""


class PresenceField(TickBoxField):
    """A tick that says a part exists before its details are known (「失業した」: the member has a
    record of leaving work, so the checks ask for its 離職日 and 離職理由コード)."""

    def value(self) -> Kept | None:
        return Kept() if self.input.isChecked() else None

    def set_value(self, value: Any) -> None:
        self.input.setChecked(value is not None)


class MultiChoiceField(Field):
    """A set of check boxes giving a list of values (e.g. the hardship reasons)."""

    def __init__(self, key: str, label: str, choices: list[tuple[str, str]], parent: QWidget | None = None):
        holder = QWidget()
        grid = QHBoxLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        self._boxes: list[tuple[str, QCheckBox]] = []
        for start in range(0, len(choices), 4):  # columns of four
            column = QVBoxLayout()
            grid.addLayout(column)
            for value, text in choices[start : start + 4]:
                box = QCheckBox(text)
                box.toggled.connect(lambda _b: self.changed.emit())
                column.addWidget(box)
                self._boxes.append((value, box))
        grid.addStretch(1)
        super().__init__(key, label, holder, parent)
        self.setFocusProxy(self._boxes[0][1])

    def value(self) -> list[str] | None:
        return [v for v, box in self._boxes if box.isChecked()] or None

    def set_value(self, value: Any) -> None:
        chosen = set(value or ())
        for v, box in self._boxes:
            box.setChecked(v in chosen)


class SuggestField(Field):
    """Free text with suggestions to pick from (the municipality)."""

    input: QComboBox

    def __init__(self, key: str, label: str, suggestions: list[str], parent: QWidget | None = None):
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(suggestions)
        combo.setCurrentIndex(-1)
        combo.editTextChanged.connect(lambda _t: self.changed.emit())
        line = combo.lineEdit()
        assert line is not None  # an editable combo box has one
        line.editingFinished.connect(lambda: _left(self))
        super().__init__(key, label, combo, parent)

    def set_suggestions(self, suggestions: list[str]) -> None:
        text = self.input.currentText()
        self.input.blockSignals(True)
        self.input.clear()
        self.input.addItems(suggestions)
        self.input.setEditText(text)
        self.input.blockSignals(False)

    def value(self) -> str | None:
        text = self.input.currentText().strip()
        return text or None

    def set_value(self, value: Any) -> None:
        self.input.setEditText("" if value is None else str(value))


class WordsField(TextBoxField):
    """A list of short texts typed on one line, separated by 、 or commas."""

    def value(self) -> list[str] | None:
        text = self.typed() or ""
        words = []
        for w in re.split(r"[、,，;；]", text):
            if w.strip() and w.strip() not in words:
                words.append(w.strip())
        return words or None

    def set_value(self, value: Any) -> None:
        super().set_value("、".join(value) if value else None)
