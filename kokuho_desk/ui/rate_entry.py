"""料率を入力する: a form for the rates of a municipality and fiscal year the bundled data lacks,
copied from the client's 納入通知書 or the city's page, stored as the desk's own table
(「相談窓口で入力した料率」, rules/desk_rates.py). Reading what was typed is desk_rates.from_form;
this dialog only lays out the boxes, shows the Japanese error and saves through the store.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kokuho_desk import APP_NAME
from kokuho_desk.model.desk_rate import DeskRate
from kokuho_desk.model.formatting import yen
from kokuho_desk.model.normalize import InputError
from kokuho_desk.model.wareki import fiscal_year_label
from kokuho_desk.rules import desk_rates
from kokuho_desk.rules.desk_rates import DEFAULT_SOURCE, FIELD_LABELS
from kokuho_desk.rules.municipality import METHODS, PART_LABELS, PARTS, ROUNDING_UNITS, ProfileError
from kokuho_desk.store import Store, StoreError

FIRST_CHILD_PART_YEAR = 2026  # 子ども・子育て支援納付金分: levied from 令和8年度 (子ども・子育て支援法 改正, 令和6年)
KIND_LABELS = {"料": "国民健康保険料", "税": "国民健康保険税"}
METHOD_LABELS = {"2方式": "2方式（所得割・均等割）", "3方式": "3方式（所得割・均等割・平等割）"}
PLACEHOLDERS = {
    "income_rate_percent": "例: 9.3%",
    "per_capita": "例: 27,000",
    "per_household": "例: 20,000（なければ 0）",
    "per_capita_adult_extra": "例: 100",
    "cap": "例: 660,000",
}


class RateEntryDialog(QDialog):
    def __init__(self, store: Store, municipality: str, fiscal_year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.saved: DeskRate | None = None
        self.setWindowTitle(f"料率を入力する — {APP_NAME}")
        intro = QLabel(
            "国保デスクに入っていない自治体・年度の料率を、納入通知書か市区町村のページから写してください。"
            "ここで入力した料率は「相談窓口で入力した料率」として計算書などに表示されます。"
        )
        intro.setWordWrap(True)

        self.municipality = QLineEdit(desk_rates.canonical_name(municipality) if municipality else "")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(fiscal_year)
        self.year_label = QLabel()
        self.year.valueChanged.connect(self._year_changed)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year)
        year_row.addWidget(self.year_label, 1)
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.method = QComboBox()
        for method in METHODS:
            self.method.addItem(METHOD_LABELS[method], method)
        self.method.setCurrentIndex(METHODS.index("3方式"))
        self.rounding = QComboBox()
        for unit in ROUNDING_UNITS:
            self.rounding.addItem(f"{yen(unit)}未満切捨て", unit)
        self.source = QLineEdit(DEFAULT_SOURCE)
        self.source.setPlaceholderText("「通知書から」または市区町村のページのURL")
        head = QFormLayout()
        head.addRow("自治体", self.municipality)
        head.addRow("年度", year_row)
        head.addRow("保険料・保険税", self.kind)
        head.addRow("賦課方式", self.method)
        head.addRow("端数処理", self.rounding)
        head.addRow("出典", self.source)

        grid_box = QGroupBox("区分ごとの料率（年額）")
        grid = QGridLayout(grid_box)
        for column, key in enumerate(FIELD_LABELS, start=1):
            header = QLabel(FIELD_LABELS[key] + ("（%）" if key == "income_rate_percent" else "（円）"))
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 0, column)
        self.included: dict[str, QCheckBox] = {}
        self.boxes: dict[str, dict[str, QLineEdit]] = {}
        for row, part in enumerate(PARTS, start=1):
            included = QCheckBox(PART_LABELS[part])
            included.setChecked(True)
            grid.addWidget(included, row, 0)
            self.included[part] = included
            self.boxes[part] = {}
            for column, key in enumerate(FIELD_LABELS, start=1):
                if key == "per_capita_adult_extra" and part != "child":
                    continue
                box = QLineEdit()
                box.setPlaceholderText(PLACEHOLDERS[key])
                box.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                box.setAccessibleName(f"{PART_LABELS[part]} {FIELD_LABELS[key]}")
                grid.addWidget(box, row, column)
                self.boxes[part][key] = box
            included.toggled.connect(lambda on, p=part: self._enable_part(p, on))
        note = QLabel(
            "ない区分はチェックを外してください（介護納付金分は40〜64歳の人がいる世帯だけにかかります）。"
            "18歳以上均等割は、子ども分で18歳以上の人に加算する自治体だけ入力します。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555")

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828; font-weight: bold")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        page = QVBoxLayout(self)
        page.addWidget(intro)
        page.addLayout(head)
        page.addWidget(grid_box)
        page.addWidget(note)
        page.addWidget(self.error)
        page.addWidget(buttons)
        self._year_changed(fiscal_year)

    def _enable_part(self, part: str, on: bool) -> None:
        for box in self.boxes[part].values():
            box.setEnabled(on)

    def _year_changed(self, fiscal_year: int) -> None:
        self.year_label.setText(fiscal_year_label(fiscal_year))
        self.included["child"].setChecked(fiscal_year >= FIRST_CHILD_PART_YEAR)

    def entry(self) -> DeskRate:
        """What was typed, as a desk table; InputError / ProfileError (Japanese, naming the field)."""
        name, fiscal_year = self.municipality.text(), self.year.value()
        bundled = desk_rates.bundled_name(name, fiscal_year) if name.strip() else None
        if bundled is not None:
            raise InputError(
                f"{bundled}の{fiscal_year_label(fiscal_year)}の料率は国保デスクに入っています（入力は要りません）。"
            )
        parts = {
            part: {key: box.text() for key, box in self.boxes[part].items()}
            for part in PARTS
            if self.included[part].isChecked()
        }
        return desk_rates.from_form(
            name,
            fiscal_year,
            self.kind.currentData(),
            self.method.currentData(),
            self.rounding.currentData(),
            self.source.text(),
            parts,
        )

    def save(self) -> None:
        """Store the table (audited) and close; on an error keep everything typed and say what is wrong."""
        self.error.clear()
        try:
            entry = self.entry()
        except (InputError, ProfileError) as e:
            self.error.setText(str(e))
            return
        try:
            self.store.save_desk_rates([entry])
        except StoreError as e:
            self.error.setText(str(e))
            return
        self.saved = entry
        self.accept()
