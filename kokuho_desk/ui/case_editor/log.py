"""Tab 相談記録: the dated consultation log with next actions and due dates, the case status, and the
button for the 相談記録票."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QPushButton

from kokuho_desk.ui.case_editor.fields import CheckField, ChoiceField, DateField, TextField
from kokuho_desk.ui.case_editor.form import Form, Row, RowList
from kokuho_desk.ui.case_editor.page import Page
from kokuho_desk.ui.i18n import N_, _

LOG_KIND_LABELS = {"note": N_("相談"), "letter": N_("書類"), "check": N_("判定"), "deadline": N_("期限")}
STATUS_LABELS = {"open": N_("対応中"), "closed": N_("終了")}


def _log_row() -> Row:
    row = Row(_("記録"), _("この記録を削除"))
    row.add(DateField("date", _("日付")), 0, 0)
    row.add(ChoiceField("kind", _("種別"), [(k, _(v)) for k, v in LOG_KIND_LABELS.items()]), 0, 1)
    row.add(TextField("note", _("内容"), multiline=True), 1, 0, span=2)
    row.add(TextField("next_action", _("次にすること")), 2, 0)
    row.add(DateField("due_date", _("期限")), 2, 1)
    row.add(CheckField("done", _("済み")), 3, 0)
    return row


class LogPage(Page):
    def __init__(self, form: Form, today: Callable[[], date]):
        super().__init__(form)
        self.record_button = QPushButton(_("相談記録票を作る"))
        self.record_button.setToolTip(_("世帯の状況と相談の記録を1枚の書類にします"))
        self.buttons(self.record_button)
        self.log = self.rows(RowList("log", _("相談記録"), _log_row,
                                      lambda: {"date": today().isoformat(), "kind": "note"}, _("＋ 記録を追加")))
        s = self.section(_("ケースの状態"))
        s.add(ChoiceField("status", _("状態"), [(k, _(v)) for k, v in STATUS_LABELS.items()]), 0, 0)
        s.add(TextField("outcome", _("結果")), 0, 1)
        self.finish()
