"""Tab 相談記録: the dated consultation log with next actions and due dates, the case status, and the
button for the 相談記録票."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QPushButton

from kokuho_desk.model.case import RELIEF_DECISION_LABELS
from kokuho_desk.stats.labels import check_label
from kokuho_desk.stats.policy import load_policy
from kokuho_desk.ui.case_editor.fields import AmountField, CheckField, ChoiceField, DateField, TextField
from kokuho_desk.ui.case_editor.form import EditorForm, Row, RowList
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


def _relief_row() -> Row:
    """One relief pursued: which, applied when, what was decided when, the amount (counted by the statistics)."""
    row = Row(_("申請"), _("この申請を削除"))
    reliefs = [(r, check_label(r)) for r in load_policy().relief_tables]
    row.add(ChoiceField("relief", _("救済の種類"), reliefs), 0, 0)
    row.add(DateField("applied", _("申請日")), 0, 1)
    decisions = [(None, _("未決定")), *((d, _(label)) for d, label in RELIEF_DECISION_LABELS.items())]
    row.add(ChoiceField("decision", _("結果"), decisions), 1, 0)
    row.add(DateField("decided", _("決定日")), 1, 1)
    row.add(AmountField("amount", _("減免などの額（分かれば）")), 2, 0)
    return row


class LogPage(Page):
    def __init__(self, form: EditorForm, today: Callable[[], date]):
        super().__init__(form)
        self.record_button = QPushButton(_("相談記録票を作る"))
        self.record_button.setToolTip(_("世帯の状況と相談の記録を1枚の書類にします"))
        self.buttons(self.record_button)
        self.log = self.rows(
            RowList(
                "log",
                _("相談記録"),
                _log_row,
                lambda: {"date": today().isoformat(), "kind": "note"},
                _("＋ 記録を追加"),
            )
        )
        s = self.section(_("ケースの状態"))
        s.add(ChoiceField("status", _("状態"), [(k, _(v)) for k, v in STATUS_LABELS.items()]), 0, 0)
        s.add(TextField("outcome", _("結果")), 0, 1)
        self.reliefs = self.rows(
            RowList(
                "reliefs",
                _("申請と結果（統計に数えます）"),
                _relief_row,
                lambda: {"relief": load_policy().relief_tables[0]},
                _("＋ 申請を追加"),
            )
        )
        self.finish()
