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

LOG_KIND_LABELS = {"note": "相談", "letter": "書類", "check": "判定", "deadline": "期限"}
STATUS_LABELS = {"open": "対応中", "closed": "終了"}


def _log_row() -> Row:
    row = Row("記録", "この記録を削除")
    row.add(DateField("date", "日付"), 0, 0)
    row.add(ChoiceField("kind", "種別", [(k, v) for k, v in LOG_KIND_LABELS.items()]), 0, 1)
    row.add(TextField("note", "内容", multiline=True), 1, 0, span=2)
    row.add(TextField("next_action", "次にすること"), 2, 0)
    row.add(DateField("due_date", "期限"), 2, 1)
    row.add(CheckField("done", "済み"), 3, 0)
    return row


def _relief_row() -> Row:
    """One relief pursued: which, applied when, what was decided when, the amount (counted by the statistics)."""
    row = Row("申請", "この申請を削除")
    reliefs = [(r, check_label(r)) for r in load_policy().relief_tables]
    row.add(ChoiceField("relief", "救済の種類", reliefs), 0, 0)
    row.add(DateField("applied", "申請日"), 0, 1)
    decisions = [(None, "未決定"), *((d, label) for d, label in RELIEF_DECISION_LABELS.items())]
    row.add(ChoiceField("decision", "結果", decisions), 1, 0)
    row.add(DateField("decided", "決定日"), 1, 1)
    row.add(AmountField("amount", "減免などの額（分かれば）"), 2, 0)
    return row


class LogPage(Page):
    def __init__(self, form: EditorForm, today: Callable[[], date]):
        super().__init__(form)
        self.record_button = QPushButton("相談記録票を作る")
        self.record_button.setToolTip("世帯の状況と相談の記録を1枚の書類にします")
        self.buttons(self.record_button)
        self.log = self.rows(
            RowList(
                "log",
                "相談記録",
                _log_row,
                lambda: {"date": today().isoformat(), "kind": "note"},
                "＋ 記録を追加",
            )
        )
        s = self.section("ケースの状態")
        s.add(ChoiceField("status", "状態", [(k, v) for k, v in STATUS_LABELS.items()]), 0, 0)
        s.add(TextField("outcome", "結果"), 0, 1)
        self.reliefs = self.rows(
            RowList(
                "reliefs",
                "申請と結果（統計に数えます）",
                _relief_row,
                lambda: {"relief": load_policy().relief_tables[0]},
                "＋ 申請を追加",
            )
        )
        self.finish()
