"""A new case for a client who already has one (same ふりがな and birth date, any status) warns first."""

from __future__ import annotations

from kokuho_desk.store import open_store
from tests.ui.conftest import type_text
from tests.ui.test_delete import answer_modal
from tests.ui.test_main_window import field


def _type_client(window, kana):
    window.new_case()
    type_text(field(window, "members[0].name").input, "山田 太郎")
    type_text(field(window, "members[0].kana").input, kana)
    type_text(field(window, "members[0].birth_date").input, "昭和45年5月1日")
    type_text(field(window, "municipality").input.lineEdit(), "大阪市")


def test_a_second_case_of_the_same_client_warns_and_offers_the_first(qtbot, make_window, db_path):
    """Ensure saving a new case whose head reads like a closed case's head (やまだ　たろう = ヤマダ タロウ) and
    was born the same day asks 「同じ方のケースがあるようです（#1 山田 太郎、終了）。開きますか？」: キャンセル saves
    nothing, 開く opens #1, このまま保存 makes a second case."""
    window = make_window()
    _type_client(window, "ヤマダ タロウ")
    assert window.save()
    first = window.case_id
    window.store.close_case(first, "減免決定")

    asked: list[str] = []
    _type_client(window, "やまだ　たろう")
    answer_modal(qtbot, "キャンセル", asked)
    assert not window.save()
    assert asked == [f"同じ方のケースがあるようです（#{first} 山田 太郎、終了）。開きますか？"]
    assert window.case_id is None and window.editor.is_modified

    answer_modal(qtbot, "開く", asked)
    assert not window.save()
    assert window.case_id == first and not window.editor.is_modified
    assert field(window, "members[0].kana").text() == "ヤマダ タロウ"

    _type_client(window, "やまだ　たろう")
    answer_modal(qtbot, "このまま保存", asked)
    assert window.save()
    assert window.case_id != first and len(asked) == 3
    with open_store(db_path) as store:
        assert store.count(status=None) == 2


def test_a_different_birth_date_saves_without_asking(qtbot, make_window):
    """Ensure a namesake born on another day is saved at once (no question)."""
    window = make_window()
    _type_client(window, "ヤマダ タロウ")
    assert window.save()
    window.new_case()
    type_text(field(window, "members[0].name").input, "山田 太郎")
    type_text(field(window, "members[0].kana").input, "ヤマダ タロウ")
    type_text(field(window, "members[0].birth_date").input, "昭和46年5月1日")
    type_text(field(window, "municipality").input.lineEdit(), "大阪市")
    assert window.save()
