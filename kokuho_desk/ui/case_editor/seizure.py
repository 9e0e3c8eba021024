"""Tab 差押え: seizures (what, how much, from which pay) and the enforcement steps so far."""

from __future__ import annotations

from kokuho_desk.model.case import ENFORCEMENT_LABELS, SEIZURE_ASSET_LABELS
from kokuho_desk.ui.case_editor.fields import AmountField, CheckField, ChoiceField, CountField, DateField, TextField
from kokuho_desk.ui.case_editor.form import Form, Row, RowList
from kokuho_desk.ui.case_editor.page import Page
from kokuho_desk.ui.i18n import _


def _seizure_row() -> Row:
    row = Row(_("差押え"), _("この差押えを削除"))
    row.add(DateField("date", _("差押えの日")), 0, 0)
    row.add(ChoiceField("asset", _("差し押さえられた物"), [(k, _(v)) for k, v in SEIZURE_ASSET_LABELS.items()]), 0, 1)
    row.add(AmountField("amount", _("差押額")), 1, 0)
    row.add(AmountField("monthly_gross", _("支給額（月）")), 1, 1)
    row.add(AmountField("monthly_withholding.income_tax", _("所得税（月）")), 2, 0)
    row.add(AmountField("monthly_withholding.resident_tax", _("住民税（月）")), 2, 1)
    row.add(AmountField("monthly_withholding.social_insurance", _("社会保険料（月）")), 3, 0)
    row.add(CountField("dependents", _("生計を一にする親族")), 3, 1)
    row.add(CheckField("released", _("解除された")), 4, 0)
    return row


def _enforcement_row() -> Row:
    row = Row(_("滞納処分の経過"), _("削除"))
    row.add(DateField("date", _("日付")), 0, 0)
    row.add(ChoiceField("kind", _("種類"), [(k, _(v)) for k, v in ENFORCEMENT_LABELS.items()]), 0, 1)
    row.add(TextField("note", _("メモ")), 1, 0, span=2)
    return row


class SeizurePage(Page):
    def __init__(self, form: Form):
        super().__init__(form)
        self.seizures = self.rows(RowList("seizures", _("差押え"), _seizure_row,
                                           lambda: {"asset": "salary"}, _("＋ 差押えを追加")))
        self.enforcement = self.rows(RowList("enforcement", _("督促・催告・差押予告の経過"), _enforcement_row,
                                              lambda: {"kind": "reminder"}, _("＋ 経過を追加")))
        self.finish()
