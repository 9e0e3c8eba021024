"""Tab 保険料・滞納: the premium notice, the arrears by year, why the household cannot pay."""

from __future__ import annotations

from kokuho_desk.model.case import HARDSHIP_LABELS
from kokuho_desk.ui.case_editor.fields import (
    AmountField,
    ChoiceField,
    DateField,
    DateListField,
    MultiChoiceField,
    TextField,
    YearField,
)
from kokuho_desk.ui.case_editor.form import EditorForm, Row, RowList
from kokuho_desk.ui.case_editor.page import Page

NOTICE_PART_LABELS = {
    "medical": "医療分",
    "support": "後期高齢者支援金分",
    "care": "介護分",
    "child": "子ども・子育て支援金分",
}


def _arrear_row() -> Row:
    row = Row("滞納", "この年度を削除")
    row.add(YearField("fiscal_year", "年度"), 0, 0)
    row.add(ChoiceField("kind", "区分", [("料", "保険料"), ("税", "保険税")]), 0, 1)
    row.add(AmountField("amount", "滞納額"), 1, 0)
    row.add(AmountField("late_fee", "延滞金"), 1, 1)
    row.add(DateField("due_date", "納期限"), 2, 0)
    row.add(DateField("demand_date", "督促状の日付"), 2, 1)
    more = row.details("詳しく（分納誓約・一部納付）", 3)
    more.add(DateListField("acknowledgements", "分納誓約・一部納付の日", "＋ 日付を追加"), 0, 0)
    return row


class PremiumPage(Page):
    def __init__(self, form: EditorForm):
        super().__init__(form)
        s = self.section("保険料の決定通知書")
        s.add(YearField("notice.fiscal_year", "年度"), 0, 0)
        s.add(AmountField("notice.total", "年額"), 0, 1)
        s.add(DateField("notice.next_due_date", "次の納期限"), 1, 0)
        parts = s.details("詳しく（医療分・支援金分などの内訳）", 2)
        for i, (key, label) in enumerate(NOTICE_PART_LABELS.items()):
            parts.add(AmountField(f"notice.parts.{key}", label), i // 2, i % 2)

        self.arrears = self.rows(
            RowList("arrears", "滞納（年度ごと）", _arrear_row, lambda: {"kind": "料"}, "＋ 滞納の年度を追加")
        )

        s = self.section("納められない事情")
        s.add(
            MultiChoiceField("hardship.reasons", "理由", [(k, v) for k, v in HARDSHIP_LABELS.items()]),
            0,
            0,
            span=2,
        )
        s.add(DateField("hardship.since", "いつから"), 1, 0)
        s.add(TextField("hardship.description", "事情の説明", multiline=True), 2, 0, span=2)
        self.finish()
