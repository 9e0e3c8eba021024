"""What a volunteer types the way it stands on the client's papers is taken, through the real window."""

from __future__ import annotations

from kokuho_desk.store import open_store
from tests.ui.conftest import type_text
from tests.ui.test_main_window import field, type_household


def test_full_width_phone_triangle_loss_and_8_digit_date_are_saved(qtbot, make_window, db_path):
    """Ensure ０６－１２３４－５６７８, a business loss as ▲30万 (as 確定申告書 print it), 8万5千円 and
    a 離職日 typed as 20250630 save, and come back in their canonical form."""
    window = make_window()
    window.new_case()
    type_household(window)
    type_text(field(window, "contact.phone").input, "０６－１２３４－５６７８")
    type_text(field(window, "members[0].income.business").input, "▲30万")
    type_text(field(window, "finances.savings").input, "8万5千円")
    assert window.save(), window.editor.banner.text()
    with open_store(db_path) as store:
        case = store.get(window.case_id)
    assert case.contact.phone == "06-1234-5678"
    assert case.members[0].income.business == -300_000
    assert case.finances.savings == 85_000


def test_a_blank_case_is_refused_with_every_missing_field_linked(qtbot, make_window, db_path):
    """Ensure 保存 of a blank new case writes nothing and lists the 世帯主's 氏名 and the 市区町村,
    each by its Japanese name, each a link that puts the cursor in that field."""
    window = make_window()
    window.new_case()
    assert not window.save()
    banner = window.editor.banner.text()
    assert "入力に誤りが2件" in banner
    assert "世帯員1: 氏名" in banner and "市区町村" in banner
    with open_store(db_path) as store:
        assert store.count(status=None) == 0
    window.editor.banner.linkActivated.emit("municipality")
    assert window.focusWidget() in (field(window, "municipality").input, field(window, "municipality").input.lineEdit())


def test_the_heading_follows_the_name_and_a_100_character_name_keeps_the_window_on_screen(qtbot, make_window):
    """Ensure the heading shows the name as it is typed, and a 100-character name is shortened with
    「…」 so that the window stays within 1366 px and 保存 / 判定する stay visible."""
    window = make_window()
    window.resize(1366, 768)
    window.show()
    window.new_case()
    type_text(field(window, "members[0].name").input, "山田 太郎")
    assert "山田 太郎" in window.title.text() and "氏名未入力" not in window.title.text()
    long_name = "寿限無" * 33 + "助"
    field(window, "members[0].name").input.setText(long_name)
    qtbot.wait(50)
    assert window.width() <= 1366
    assert window.title.shown_text().endswith("…")
    for button in (window.save_button, window.check_button):
        right = button.mapTo(window, button.rect().topRight()).x()
        assert 0 < right <= window.width(), button.text()
