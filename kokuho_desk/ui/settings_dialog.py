"""The settings dialog, built from the SETTINGS registry."""

from __future__ import annotations

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
    def __init__(self, settings: AppSettings, parent: QWidget | None = None, municipalities: list[str] = ()):
        super().__init__(parent)
        self.setWindowTitle("設定")
        self._settings = settings
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for s in SETTINGS:
            value = settings.get(s.name)
            if isinstance(s.default, bool):
                editor = QCheckBox(s.label)
                editor.setChecked(bool(value))
                row: QWidget = editor
                label = ""
            elif isinstance(s.default, int):
                editor = QSpinBox()
                editor.setRange(0, MAX_NUMBER_SETTING)
                editor.setValue(int(value))
                row, label = editor, s.label
            elif s.name == "default_municipality":
                editor = QComboBox()
                editor.setEditable(True)
                editor.addItems(list(municipalities))
                editor.setEditText(value)
                row, label = editor, s.label
            else:
                editor = QLineEdit(value)
                row, label = editor, s.label
                if s.name in FILE_SETTINGS:
                    row = QWidget()
                    line = QHBoxLayout(row)
                    line.setContentsMargins(0, 0, 0, 0)
                    line.addWidget(editor, 1)
                    browse = QPushButton("参照…")
                    browse.clicked.connect(lambda _c=False, n=s.name, e=editor: self._browse(n, e))
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
            if isinstance(editor, QCheckBox):
                value = editor.isChecked()
            elif isinstance(editor, QComboBox):
                value = editor.currentText().strip()
            elif isinstance(editor, QSpinBox):
                value = editor.value()
            else:
                value = editor.text().strip()
            self._settings.set(name, value)
        super().accept()
