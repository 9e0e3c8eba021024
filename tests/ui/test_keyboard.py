"""The keyboard alone: Tab goes down each tab in reading order, members right after the fields
above them; delete buttons are not in the chain; Enter in a one-line field moves on like Tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import type_text
from tests.ui.test_main_window import field


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or getattr(widget, "text", lambda: "")() or type(widget).__name__


def tab_through(qtbot, start: QWidget, page: QWidget, last: QWidget) -> list[str]:
    """The labels of the widgets Tab visits from ``start`` to ``last`` (or until it leaves ``page``)."""
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    names = [_name(start)]
    for _ in range(200):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is None or not page.isAncestorOf(now) or now is start:
            break
        names.append(_name(now))
        if now is last:
            break
    return names


MEMBER = [
    "続柄",
    "生年月日",
    "氏名",
    "ふりがな",
    "所得の申告",
    "国保に加入",
    "給与収入（年）",
    "年金収入（年）",
    "事業所得（年）",
    "その他の所得",
    "障害者手帳等",
    "失業した（会社都合などで離職）",
    "詳しく（失業・出産・国保の加入日など）",
]


def test_household_tab_order_is_top_to_bottom_with_members_in_place(qtbot, make_window):
    """Ensure Tab in 世帯・収入 visits 相談 → 連絡先 → each member in order → 追加 → 暮らし向き → メモ, and skips
    the 「この人を削除」 buttons."""
    window = make_window()
    window.new_case()
    household = window.editor.household
    household.members.add_new()
    qtbot.waitUntil(household.members.rows[1].isVisible)
    type_text(field(window, "members[1].name").input, "山田 花子")
    chain = tab_through(qtbot, field(window, "as_of").input, household, field(window, "notes").input)
    lookup = ["住所を検索"] if hasattr(household, "lookup_button") else []
    assert chain == [
        "相談日",
        "保険料の年度",
        "市区町村",
        "相談内容",
        "郵便番号",
        *lookup,
        "電話",
        "住所",
        *MEMBER,
        *MEMBER,
        "＋ 世帯員を追加",
        "世帯の月収入",
        "家賃（月）",
        "預貯金",
        "医療費など必要な支出（月）",
        "今年の所得見込み",
        "級地",
        "メモ",
    ]
    assert "この人を削除" not in chain


def test_enter_in_a_one_line_field_moves_to_the_next(qtbot, make_window):
    """Ensure Enter after typing the name puts the cursor in ふりがな (the next field), as Tab would."""
    window = make_window()
    window.new_case()
    name = field(window, "members[0].name").input
    type_text(name, "山田 太郎")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is field(window, "members[0].kana").input
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Enter)
    assert QApplication.focusWidget() is field(window, "members[0].income.declared").input


def test_premium_tab_order_puts_an_added_arrear_before_the_hardship(qtbot, make_window):
    """Ensure in 保険料・滞納 an arrear added after the case was opened is tabbed through right after the
    notice and before 「＋ 滞納の年度を追加」 and 納められない事情 (not at the end of the page)."""
    window = make_window()
    window.new_case()
    premium = window.editor.premium
    window.editor.tabs.setCurrentWidget(premium)
    premium.arrears.add_new()
    qtbot.waitUntil(premium.arrears.rows[0].isVisible)
    chain = tab_through(
        qtbot, field(window, "notice.fiscal_year").input, premium, field(window, "hardship.description").input
    )
    arrear = ["年度", "区分", "滞納額", "延滞金", "納期限", "督促状の日付", "詳しく（分納誓約・一部納付）"]
    assert chain[:4] == ["年度", "年額", "次の納期限", "詳しく（医療分・支援金分などの内訳）"]
    assert chain[4:12] == [*arrear, "＋ 滞納の年度を追加"]
    assert chain[-2:] == ["いつから", "事情の説明"]
    assert "この年度を削除" not in chain
