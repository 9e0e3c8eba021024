"""At the first start on a database: which desk this is. The name prints on the letters'
代理人・同行者 block and the 相談記録票; the ID and name go into every statistics file, so a
regional office can merge the desks' files (both can be changed later: 設定, and the statistics page)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kokuho_desk.model.normalize import nfkc
from kokuho_desk.store import Store
from kokuho_desk.ui.settings import AppSettings


class DeskDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("相談窓口の登録")
        intro = QLabel(
            "はじめに、この相談窓口のことを入れてください。名前は申請書の「代理人・同行者」欄と"
            "相談記録票に印刷されます。IDは統計のファイルに入り、地域の事務局が窓口ごとの集計を"
            "まとめるときに使います（事務局と決めた記号。例: osaka-kita-01）。あとで「設定」と"
            "「統計」の画面で変えられます。"
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(settings.get("desk_name"))
        self.desk_id = QLineEdit()
        self.volunteer = QLineEdit(settings.get("desk_volunteer"))
        self.phone = QLineEdit(settings.get("desk_phone"))
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setStyleSheet("color: #b71c1c")
        form = QFormLayout()
        form.addRow("相談窓口の名前（必須）", self.name)
        form.addRow("統計で使う窓口のID（必須）", self.desk_id)
        form.addRow("相談員の名前", self.volunteer)
        form.addRow("窓口の電話番号", self.phone)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("あとで")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def values(self) -> tuple[str, str, str, str]:
        name, desk_id, volunteer, phone = (
            nfkc(w.text()).strip() for w in (self.name, self.desk_id, self.volunteer, self.phone)
        )
        return name, desk_id, volunteer, phone

    def _accept(self) -> None:
        name, desk_id, _volunteer, _phone = self.values()
        missing = [label for label, v in (("相談窓口の名前", name), ("窓口のID", desk_id)) if not v]
        if missing:
            self.error.setText("入力してください: {fields}".format(fields="、".join(missing)))
            return
        self.accept()


def ask_desk_at_first_run(store: Store, settings: AppSettings, parent: QWidget | None = None) -> bool:
    """Ask which desk this is when the database has none yet; True when it was saved."""
    _id, name, _key = store.desk_identity()
    if name:
        return False
    dialog = DeskDialog(settings, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    name, desk_id, volunteer, phone = dialog.values()
    store.set_desk_identity(desk_id, name)
    for key, value in (("desk_name", name), ("desk_volunteer", volunteer), ("desk_phone", phone)):
        settings.set(key, value)
    return True
