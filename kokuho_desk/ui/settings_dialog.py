"""The settings dialog, built from the SETTINGS registry."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kokuho_desk.ui.settings import SETTINGS, AppSettings

# The largest value a number setting takes (minutes of idle time before the lock: a day).
MAX_NUMBER_SETTING = 24 * 60
FILE_SETTINGS = {"pdf_font": "フォント (*.ttf *.otf *.ttc)", "db_path": "データベース (*.db)"}


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None, municipalities: Sequence[str] = ()):
        super().__init__(parent)
        self.setWindowTitle("設定")
        self._settings = settings
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for s in SETTINGS:
            value = settings.get(s.name)
            editor: QWidget
            row: QWidget
            label = s.label
            if isinstance(s.default, bool):
                check = QCheckBox(s.label)
                check.setChecked(bool(value))
                editor = row = check
                label = ""
            elif isinstance(s.default, int):
                spin = QSpinBox()
                spin.setRange(0, MAX_NUMBER_SETTING)
                spin.setValue(int(value))
                editor = row = spin
            elif s.name == "default_municipality":
                combo = QComboBox()
                combo.setEditable(True)
                combo.addItems(list(municipalities))
                combo.setEditText(value)
                editor = row = combo
            else:
                text = QLineEdit(value)
                editor = row = text
                if s.name in FILE_SETTINGS:
                    row = QWidget()
                    line = QHBoxLayout(row)
                    line.setContentsMargins(0, 0, 0, 0)
                    line.addWidget(text, 1)
                    browse = QPushButton("参照…")
                    browse.clicked.connect(lambda _c=False, n=s.name, e=text: self._browse(n, e))
                    line.addWidget(browse)
            editor.setToolTip(s.help)
            editor.setAccessibleName(s.label)
            self.editors[s.name] = editor
            form.addRow(label, row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self, name: str, editor: QLineEdit) -> None:
        if name == "db_path":
            path, _f = QFileDialog.getSaveFileName(
                self,
                next(s.label for s in SETTINGS if s.name == name),
                editor.text(),
                FILE_SETTINGS[name],
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
        else:
            path, _f = QFileDialog.getOpenFileName(self, "フォントを選ぶ", editor.text(), FILE_SETTINGS[name])
        if path:
            editor.setText(path)

    def accept(self) -> None:
        for name, editor in self.editors.items():
            value: bool | int | str
            if isinstance(editor, QCheckBox):
                value = editor.isChecked()
            elif isinstance(editor, QComboBox):
                value = editor.currentText().strip()
            elif isinstance(editor, QSpinBox):
                value = editor.value()
            elif isinstance(editor, QLineEdit):
                value = editor.text().strip()
            else:
                continue
            self._settings.set(name, value)
        super().accept()
