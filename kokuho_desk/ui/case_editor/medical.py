"""Tab 医療・保険証: the insurance card the household holds and its medical needs."""

from __future__ import annotations

from kokuho_desk.model.case import INSURANCE_LABELS
from kokuho_desk.ui.case_editor.fields import AmountField, ChoiceField, DateField, TextField, tristate
from kokuho_desk.ui.case_editor.form import EditorForm
from kokuho_desk.ui.case_editor.page import Page
from kokuho_desk.ui.i18n import _


class MedicalPage(Page):
    def __init__(self, form: EditorForm):
        super().__init__(form)
        s = self.section(_("保険証"))
        s.add(
            ChoiceField(
                "insurance.status",
                _("いま使えるもの"),
                [(None, _("不明"))] + [(k, _(v)) for k, v in INSURANCE_LABELS.items()],
            ),
            0,
            0,
        )
        s.add(DateField("insurance.certificate_expiry", _("資格確認書の有効期限")), 0, 1)
        s.add(DateField("insurance.special_care_since", _("特別療養費になった日")), 1, 0)
        s.add(TextField("insurance.number", _("被保険者記号・番号")), 1, 1)

        s = self.section(_("医療"))
        s.add(tristate("medical.needs_care", _("治療が必要")), 0, 0)
        s.add(AmountField("medical.monthly_cost", _("医療費の見込み（月・10割）")), 0, 1)
        s.add(tristate("medical.inpatient", _("入院")), 1, 0)
        s.add(tristate("medical.outpatient", _("通院")), 1, 1)
        s.add(TextField("medical.patient", _("治療が必要な人")), 2, 0)
        s.add(DateField("medical.since", _("いつから")), 2, 1)
        s.add(TextField("medical.institution", _("医療機関")), 3, 0, span=2)
        s.add(TextField("medical.note", _("病状・受診のメモ"), multiline=True), 4, 0, span=2)
        self.finish()
