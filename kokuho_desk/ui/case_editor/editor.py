"""The case editor: five tabs over one case, validated by the case-file loader.

It gathers what the fields show into a case-file dict, asks ``case_from_dict`` (the
one validator: 全角, 和暦, 「12万円」, ranges, the head of household …) and shows each
Japanese error under its field. It never saves: the window asks ``current_case()``
and stores what comes back, so a case with an error is never half saved.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from kokuho_desk.model.case import Case
from kokuho_desk.model.casefile import CaseFileError, FieldError, case_from_dict, case_to_dict
from kokuho_desk.ui.case_editor.fields import ERROR_STYLE, Field
from kokuho_desk.ui.case_editor.form import EditorForm, Row, RowList
from kokuho_desk.ui.case_editor.household import HouseholdPage
from kokuho_desk.ui.case_editor.log import LogPage
from kokuho_desk.ui.case_editor.medical import MedicalPage
from kokuho_desk.ui.case_editor.premium import PremiumPage
from kokuho_desk.ui.case_editor.seizure import SeizurePage


def validate(data: dict[str, Any], errors: list[FieldError]) -> tuple[Case | None, list[FieldError]]:
    """The Case for ``data``, or None and every error (those found while gathering first)."""
    try:
        case = case_from_dict(data)
    except CaseFileError as e:
        seen = {err.path for err in errors}
        return None, errors + [err for err in e.errors if err.path not in seen]
    return (None, errors) if errors else (case, [])


def needed_to_save(data: dict[str, Any]) -> list[FieldError]:
    """What a case saved from the window must have beyond a valid case file: the name of the
    世帯主 and the 市区町村 (without them a case cannot be found again or written to)."""
    missing = []
    for i, member in enumerate(data.get("members") or []):
        if isinstance(member, dict) and member.get("relation") == "head" and not str(member.get("name") or "").strip():
            missing.append(FieldError(f"members[{i}].name", "世帯主の氏名を入力してください"))
    if not str(data.get("municipality") or "").strip():
        missing.append(FieldError("municipality", "市区町村を入力してください"))
    return missing


class CaseEditor(QWidget):
    modified_changed = Signal(bool)

    def __init__(
        self,
        municipalities: list[str] | None = None,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._today = today
        self.form = EditorForm(self)
        self.tabs = QTabWidget()
        self.household = HouseholdPage(self.form, municipalities or [], today)
        self.premium = PremiumPage(self.form)
        self.seizure = SeizurePage(self.form)
        self.medical = MedicalPage(self.form)
        self.log = LogPage(self.form, today)
        for page, title in (
            (self.household, "世帯・収入"),
            (self.premium, "保険料・滞納"),
            (self.seizure, "差押え"),
            (self.medical, "医療・保険証"),
            (self.log, "相談記録"),
        ):
            self.tabs.addTab(page, title)
        self.banner = QLabel()
        self.banner.setProperty("role", "error")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.linkActivated.connect(self.focus_field)
        self.banner.setContentsMargins(8, 4, 8, 4)
        self.banner.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.banner)
        box.addWidget(self.tabs, 1)
        self.setStyleSheet(ERROR_STYLE)
        self._base: dict[str, Any] = {}
        self._saved: dict[str, Any] = {}
        self._modified = False
        self.form.changed.connect(self._update_modified)
        self.form.left.connect(self._check_touched)

    # --- loading ----------------------------------------------------------------------------

    def new_case(self, municipality: str | None = None) -> None:
        data: dict[str, Any] = {"as_of": self._today().isoformat(), "members": [{"relation": "head", "insured": True}]}
        if municipality:
            data["municipality"] = municipality
        self._load(data)

    def load_case(self, case: Case) -> None:
        self._load(case_to_dict(case))

    def _load(self, data: dict[str, Any]) -> None:
        self._base = data
        self.form.load(data)
        self.form.clear_errors()
        self._show_banner([])
        for f in self.form.all_fields():
            f.touched = False
        self._saved = self.gather()[0]
        self._set_modified(False)
        self.tabs.setCurrentIndex(0)

    # --- reading ----------------------------------------------------------------------------

    def gather(self) -> tuple[dict[str, Any], list[FieldError]]:
        return self.form.gather(self._base)

    def current_case(self, *, for_saving: bool = False) -> Case | None:
        """The valid Case the fields describe; otherwise None, every error shown, the first focused.
        A case to be saved must also name the 世帯主 and the 市区町村 (a check or a letter need not)."""
        data, gathered = self.gather()
        case, errors = validate(data, gathered)
        if for_saving:
            seen = {e.path for e in errors}
            errors += [e for e in needed_to_save(data) if e.path not in seen]
        if errors:
            case = None
        self.form.clear_errors()
        self.form.place_errors(errors)
        self._show_banner(errors)
        if errors:
            self.focus_field(errors[0].path)
        return case

    def mark_saved(self, case: Case) -> None:
        """``case`` (what the fields show, validated) is now what the store holds."""
        self._base = case_to_dict(case)
        self._saved = self.gather()[0]
        self._set_modified(False)

    @property
    def is_modified(self) -> bool:
        return self._modified

    def _update_modified(self) -> None:
        self._set_modified(self.gather()[0] != self._saved)

    def _set_modified(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    def _check_touched(self) -> None:
        """Check the fields the user has typed in, as they leave one (others stay quiet)."""
        touched = {f for f in self.form.all_fields() if f.touched}
        for f in touched:
            f.set_error(None)
        _case, errors = validate(*self.gather())
        self.form.place_errors(errors, only=touched)

    def _show_banner(self, errors: list[FieldError]) -> None:
        """Every error at once, each with the field's name as a link that goes to the field."""
        if not errors:
            self.banner.hide()
            return
        lines = [html.escape(f"入力に誤りが{len(errors)}件あります。赤い欄を直してから保存してください。")]
        for e in errors:
            label = html.escape(self.field_label(e.path))
            if self.form.target(e.path) is not None:
                label = f'<a href="{html.escape(e.path, quote=True)}">{label}</a>'
            lines.append(f"・{label}：{html.escape(e.message)}")
        self.banner.setText("<br>".join(lines))
        self.banner.show()

    def head_name(self) -> str | None:
        """The name typed for the head of household (for the window's title)."""
        for row in self.form.lists["members"].rows:
            fields = {f.key: f for f in row.fields}
            if fields["relation"].value() == "head":
                return fields["name"].value()
        return None

    def add_log_entry(self) -> None:
        """A new dated entry in 相談記録, with the cursor in it."""
        self.tabs.setCurrentWidget(self.log)
        row = self.log.log.add_new()
        self.log.ensureWidgetVisible(row)

    # --- navigation -------------------------------------------------------------------------

    def field_label(self, path: str) -> str:
        """What the user calls the field at ``path`` (「世帯員2: 生年月日」, 「世帯員2」, 「世帯員」);
        a neutral 「この項目」 if nothing on screen shows it (never the internal path)."""
        widget = self.form.target(path)
        if isinstance(widget, RowList):
            return widget.title
        for rows in self.form.lists.values():
            for i, row in enumerate(rows.rows):
                if widget is row:
                    return f"{row.title.text()}{i + 1}"
                if isinstance(widget, Field) and widget in row.fields:
                    return f"{row.title.text()}{i + 1}: {widget.label}"
        return widget.label if isinstance(widget, Field) else "この項目"

    def focus_field(self, path: str) -> bool:
        """Show the tab holding ``path`` and put the cursor there; False if no field shows it."""
        widget = self.form.target(path)
        if widget is None:
            return False
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            assert page is not None  # i < count()
            if page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(i)
                if isinstance(page, QScrollArea):
                    page.ensureWidgetVisible(widget)
                break
        if isinstance(widget, Row):
            widget = widget.fields[0]
        elif isinstance(widget, RowList):
            widget = widget.add_button
        widget.setFocus()
        return True
