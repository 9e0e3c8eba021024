"""Tab 差押え: seizures (what, how much, from which pay) and the enforcement steps so far."""

from __future__ import annotations

from kokuho_desk.model.case import ENFORCEMENT_LABELS, SEIZURE_ASSET_LABELS
from kokuho_desk.ui.case_editor.fields import AmountField, CheckField, ChoiceField, CountField, DateField, TextField
from kokuho_desk.ui.case_editor.form import EditorForm, Row, RowList
from kokuho_desk.ui.case_editor.page import Page

PAY_PERIOD_LABELS = {
    "month": "月ごと",
    "week": "週ごと",
    "day": "日ごと（日数も入力）",
    "two_months": "2か月ごと（年金）",
}
PENSION_KIND_LABELS = {"old_age": "老齢年金", "disability": "障害年金", "survivor": "遺族年金"}
DEPOSIT_SOURCE_LABELS = {
    "salary": "給与",
    "pension": "年金",
    "benefit": "手当・給付金",
    "other": "その他",
}


def _seizure_row() -> Row:
    row = Row("差押え", "この差押えを削除")
    row.add(DateField("date", "差押えの日"), 0, 0)
    row.add(ChoiceField("asset", "差し押さえられた物", [(k, v) for k, v in SEIZURE_ASSET_LABELS.items()]), 0, 1)
    row.add(AmountField("amount", "差押額"), 1, 0)
    row.add(AmountField("monthly_gross", "支給額（月）"), 1, 1)
    row.add(AmountField("monthly_withholding.income_tax", "所得税（月）"), 2, 0)
    row.add(AmountField("monthly_withholding.resident_tax", "住民税（月）"), 2, 1)
    row.add(AmountField("monthly_withholding.social_insurance", "社会保険料（月）"), 3, 0)
    row.add(CountField("dependents", "生計を一にする親族"), 3, 1)
    row.add(CheckField("released", "解除された"), 4, 0)
    more = row.details("詳しく（支給の単位・賞与・年金の種類・預金の入金元・取立て・承諾）", 5)
    more.add(ChoiceField("pay_period", "支給の単位", [(k, v) for k, v in PAY_PERIOD_LABELS.items()]), 0, 0)
    more.add(CountField("period_days", "支給期間の日数"), 0, 1)
    more.add(CheckField("bonus", "賞与の差押え"), 1, 0)
    more.add(
        ChoiceField("pension_kind", "年金の種類", [(None, "不明")] + [(k, v) for k, v in PENSION_KIND_LABELS.items()]),
        1,
        1,
    )
    more.add(
        ChoiceField(
            "deposit_source",
            "預金の入金元",
            [(None, "不明")] + [(k, v) for k, v in DEPOSIT_SOURCE_LABELS.items()],
        ),
        2,
        0,
    )
    more.add(DateField("deposit_credit_date", "入金された日"), 2, 1)
    more.add(DateField("collected_date", "取り立てられた日（預金・売掛金など）"), 3, 0)
    more.add(CheckField("retirement_allowance", "退職金の差押え"), 3, 1)
    more.add(CountField("service_years", "勤続年数（退職金）"), 4, 0)
    more.add(CheckField("consent", "禁止額を超える差押えを承諾した"), 4, 1)
    return row


def _enforcement_row() -> Row:
    row = Row("滞納処分の経過", "削除")
    row.add(DateField("date", "日付"), 0, 0)
    row.add(ChoiceField("kind", "種類", [(k, v) for k, v in ENFORCEMENT_LABELS.items()]), 0, 1)
    row.add(TextField("note", "メモ"), 1, 0, span=2)
    return row


class SeizurePage(Page):
    def __init__(self, form: EditorForm):
        super().__init__(form)
        self.seizures = self.rows(
            RowList("seizures", "差押え", _seizure_row, lambda: {"asset": "salary"}, "＋ 差押えを追加")
        )
        self.enforcement = self.rows(
            RowList(
                "enforcement",
                "督促・催告・差押予告の経過",
                _enforcement_row,
                lambda: {"kind": "reminder"},
                "＋ 経過を追加",
            )
        )
        self.finish()
