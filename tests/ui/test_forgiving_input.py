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
