"""Tab 世帯・収入: the consultation, the contact, the members with their income, the finances."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QPushButton

from kokuho_desk.model.case import RELATION_LABELS
from kokuho_desk.model.normalize import InputError
from kokuho_desk.ui import postal
from kokuho_desk.ui.case_editor.fields import (
    AmountField,
    CheckField,
    ChoiceField,
    CodeField,
    DateField,
    Field,
    Kept,
    PresenceField,
    TextField,
    WordsField,
    YearField,
    tristate,
)
from kokuho_desk.ui.case_editor.form import Details, EditorForm, Row, RowList
from kokuho_desk.ui.case_editor.municipality_field import MunicipalityField
from kokuho_desk.ui.case_editor.page import Page

GRADES = ["1級地-1", "1級地-2", "2級地-1", "2級地-2", "3級地-1", "3級地-2"]


def reason_code_hint(on: date) -> str:
    """The 離職理由コード the 非自発的失業者 reduction takes on ``on``, from the rules data."""
    from kokuho_desk.rules.params import parameter  # read with the first member row, not at start-up

    codes = parameter("unemployment.reason_codes").at(on).value
    return "軽減の対象: {codes}（雇用保険受給資格者証の「離職理由」欄）".format(codes="・".join(codes))


def _member_row(today: date) -> Row:
    row = Row("世帯員", "この人を削除")
    row.add(ChoiceField("relation", "続柄", [(k, v) for k, v in RELATION_LABELS.items()]), 0, 0)
    row.add(DateField("birth_date", "生年月日"), 0, 1)
    row.add(TextField("name", "氏名"), 1, 0)
    row.add(TextField("kana", "ふりがな"), 1, 1)
    row.add(tristate("income.declared", "所得の申告"), 2, 0)
    row.add(CheckField("insured", "国保に加入"), 2, 1)
    row.add(AmountField("income.salary", "給与収入（年）"), 3, 0)
    row.add(AmountField("income.pension", "年金収入（年）"), 3, 1)
    row.add(AmountField("income.business", "事業所得（年）", signed=True), 4, 0)
    row.add(AmountField("income.other", "その他の所得"), 4, 1)
    row.add(TextField("disability", "障害者手帳等", placeholder="例: 身体2級"), 5, 0)
    unemployed = row.add(PresenceField("unemployment", "失業した（会社都合などで離職）"), 5, 1)
    more = row.details("詳しく（失業・出産・国保の加入日など）", 6)
    separation = more.add(DateField("unemployment.separation_date", "離職日"), 0, 0)
    code = more.add(CodeField("unemployment.reason_code", "離職理由コード", placeholder="例: 11"), 0, 1)
    code.set_hint(reason_code_hint(today))
    _tie_unemployment(unemployed, more, [separation, code])
    more.add(DateField("childbirth.expected_date", "出産予定日"), 1, 0)
    more.add(CheckField("childbirth.multiple", "多胎（双子など）", unchecked=None), 1, 1)
    more.add(DateField("joined_date", "国保の加入日"), 2, 0)
    more.add(DateField("left_date", "国保の喪失日"), 2, 1)
    more.add(tristate("income.family_employee", "給与は事業専従者給与"), 3, 0)
    more.add(CheckField("late_elderly_transferred", "後期高齢者医療へ移った"), 3, 1)
    more.add(CheckField("public_medical_aid", "公費負担医療を受けている"), 4, 0)
    more.add(CheckField("foreign_resident", "外国籍"), 4, 1)
    return row


def _tie_unemployment(tick: PresenceField, more: Details, details: list[Field]) -> None:
    """「失業した」 opens 「詳しく」 where 離職日 and 離職理由コード go; typing one of them ticks it;
    untying it clears them (they are in view: the fold is open)."""
    more.opened_by(tick)

    def typed() -> None:
        if any(not d.is_blank() for d in details):
            tick.set_value(Kept())

    def untied(on: bool) -> None:
        if not on:
            for d in details:
                d.set_value(None)

    for f in details:
        f.changed.connect(typed)
    tick.input.toggled.connect(untied)


class HouseholdPage(Page):
    def __init__(self, form: EditorForm, municipalities: list[str], today: Callable[[], date]):
        super().__init__(form)
        s = self.section("相談")
        s.add(DateField("as_of", "相談日"), 0, 0)
        s.add(YearField("fiscal_year", "保険料の年度"), 0, 1)
        self.municipality = s.add(MunicipalityField("municipality", "市区町村", municipalities), 1, 0)
        form.add(self.municipality.code)  # 全国地方公共団体コード of the municipality picked
        s.add(WordsField("topics", "相談内容", placeholder="例: 滞納、差押え（、で区切る）"), 1, 1)

        s = self.section("連絡先")
        self.postal_code = s.add(TextField("contact.postal_code", "郵便番号", placeholder="530-0001"), 0, 0)
        self.phone = s.add(TextField("contact.phone", "電話", placeholder="06-1234-5678"), 0, 1)
        self.address = s.add(TextField("contact.address", "住所"), 1, 0, span=2)
        if postal.available():
            self.lookup_button = QPushButton("住所を検索")
            self.lookup_button.setAutoDefault(False)
            self.lookup_button.setToolTip("郵便番号から住所を入れます")
            self.lookup_button.clicked.connect(self.lookup_address)
            self.postal_code.row.addWidget(self.lookup_button)
            self.postal_code.left.connect(self._postal_code_left)

        self.members = self.rows(
            RowList(
                "members",
                "世帯員と収入（前年）",
                lambda: _member_row(today()),
                lambda: {"relation": "spouse", "insured": True},
                "＋ 世帯員を追加",
            )
        )

        s = self.section("暮らし向き（今）")
        s.add(AmountField("finances.monthly_income", "世帯の月収入"), 0, 0)
        s.add(AmountField("finances.monthly_rent", "家賃（月）"), 0, 1)
        s.add(AmountField("finances.savings", "預貯金"), 1, 0)
        s.add(AmountField("finances.monthly_expenses", "医療費など必要な支出（月）"), 1, 1)
        s.add(AmountField("finances.expected_annual_income", "今年の所得見込み"), 2, 0)
        s.add(ChoiceField("finances.grade", "級地", [(None, "不明")] + [(g, g) for g in GRADES]), 2, 1)

        s = self.section("メモ")
        s.add(TextField("notes", "メモ", multiline=True), 0, 0, span=2)
        self.finish()

    def _postal_code_left(self) -> None:
        if not self.address.value():
            self.lookup_address()

    def lookup_address(self) -> None:
        """Fill 住所 from 郵便番号 (offline); the old address is replaced only if it was empty."""
        code = self.postal_code.text()
        if not code.strip():
            return
        try:
            found = postal.lookup_address(code)
        except InputError as e:
            self.postal_code.set_error(str(e))
            return
        if found is None:
            self.postal_code.set_error("この郵便番号は見つかりません")
            return
        self.postal_code.set_error(None)
        current = self.address.text().strip()
        if not current:
            self.address.set_value(found)
        elif not current.startswith(found):
            self.address.set_error(f"郵便番号の住所は「{found}」です")
