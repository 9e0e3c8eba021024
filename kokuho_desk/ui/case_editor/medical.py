"""Tab 医療・保険証: the insurance card the household holds and its medical needs."""

from __future__ import annotations

from kokuho_desk.model.case import INSURANCE_LABELS
from kokuho_desk.ui.case_editor.fields import AmountField, ChoiceField, DateField, TextField, tristate
from kokuho_desk.ui.case_editor.form import EditorForm
from kokuho_desk.ui.case_editor.page import Page


class MedicalPage(Page):
    def __init__(self, form: EditorForm):
        super().__init__(form)
        s = self.section("保険証")
        s.add(
            ChoiceField(
                "insurance.status",
                "いま使えるもの",
                [(None, "不明")] + [(k, v) for k, v in INSURANCE_LABELS.items()],
            ),
            0,
            0,
        )
        s.add(DateField("insurance.certificate_expiry", "資格確認書の有効期限"), 0, 1)
        s.add(DateField("insurance.special_care_since", "特別療養費になった日"), 1, 0)
        s.add(TextField("insurance.number", "被保険者記号・番号"), 1, 1)

        s = self.section("医療")
        s.add(tristate("medical.needs_care", "治療が必要"), 0, 0)
        s.add(AmountField("medical.monthly_cost", "医療費の見込み（月・10割）"), 0, 1)
        s.add(tristate("medical.inpatient", "入院"), 1, 0)
        s.add(tristate("medical.outpatient", "通院"), 1, 1)
        s.add(TextField("medical.patient", "治療が必要な人"), 2, 0)
        s.add(DateField("medical.since", "いつから"), 2, 1)
        s.add(TextField("medical.institution", "医療機関"), 3, 0, span=2)
        s.add(TextField("medical.note", "病状・受診のメモ", multiline=True), 4, 0, span=2)
        self.finish()
