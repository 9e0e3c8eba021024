"""The 市区町村 box: it completes from every municipality of Japan (「大阪府 堺市」) and from the
desk's rate profiles (「大阪府統一」); picking a municipality writes its name in the box and keeps its
全国地方公共団体コード as the case's municipality_code, so that a 北区 or a 府中市 is the one picked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from kokuho_desk.model.municipalities import Municipality, all_municipalities, by_code
from kokuho_desk.model.normalize import nfkc
from kokuho_desk.ui.case_editor.fields import Field, SuggestField


class MunicipalityCodeField(Field):
    """The code of the municipality picked in the box: not shown; its errors show on the box."""

    labelled = False
    input: QLineEdit

    def __init__(self, box: MunicipalityField):
        code = QLineEdit()
        code.setReadOnly(True)
        super().__init__("municipality_code", box.label, code, box)
        self._box = box
        self.hide()

    def value(self) -> str | None:
        return self.input.text() or None

    def set_value(self, value: Any) -> None:
        self.input.setText("" if value is None else str(value))

    def set_error(self, message: str | None) -> None:
        self._box.set_error(message)


class MunicipalityField(SuggestField):
    """The municipality name, with its code in ``self.code`` (add both to the form)."""

    def __init__(self, key: str, label: str, suggestions: list[str], parent: QWidget | None = None):
        super().__init__(key, label, suggestions, parent)
        self.code = MunicipalityCodeField(self)
        self._places = {m.label: m for m in all_municipalities()}
        self._completions = QStringListModel(self)
        self.completer = QCompleter(self._completions, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.input.setCompleter(self.completer)
        self.completer.activated[str].connect(self._picked)  # type: ignore[index]  # stub lacks SignalInstance[type]
        self.input.editTextChanged.connect(self._edited)
        self._set_completions(suggestions)

    def set_suggestions(self, suggestions: list[str]) -> None:
        super().set_suggestions(suggestions)
        self._set_completions(suggestions)

    def _set_completions(self, profiles: list[str]) -> None:
        self._completions.setStringList(list(dict.fromkeys([*profiles, *self._places])))

    def _picked(self, text: str) -> None:
        place = self._places.get(text)
        if place is not None:  # after the completer has written the label into the box
            QTimer.singleShot(0, lambda: self.choose(place))

    def choose(self, place: Municipality) -> None:
        """Show the municipality's name and keep its code."""
        self.input.setEditText(place.name)
        self.code.set_value(place.code)
        self.changed.emit()

    def _edited(self, text: str) -> None:
        """A code is kept only while the box still names its municipality (「堺市」「大阪府堺市」)."""
        place = by_code(self.code.value() or "")
        typed = nfkc(text).replace(" ", "").strip()
        if place is not None and typed not in (place.name, place.full_name):
            self.code.set_value(None)
