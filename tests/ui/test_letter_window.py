"""Letters from the window: made from the case as it is now, and only after asking when the check
does not support them."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import QMessageBox

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.store import open_store
from tests.letters.helpers import CASE, pdf_text
from tests.ui.conftest import replace_text


def _open(make_window, db_path, data: dict):
    with open_store(db_path) as store:
        case_id = store.create(case_from_dict(data))
    window = make_window()
    window.open_case(case_id)
    return window


def _judge(qtbot, window):
    window.run_checks()
    qtbot.waitUntil(lambda: window.report is not None and len(window.checks.cards) > 0, timeout=20_000)


def _answer(monkeypatch, button):
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_window_asks_before_a_not_eligible_letter(qtbot, make_window, db_path, monkeypatch):
    """Ensure that for a case the 77条 check finds 非該当 (this year's income 5,000,000円 > last year's
    1,800,000円), the window asks before making the 減免申請書: No makes nothing, Yes makes the letter."""
    data = copy.deepcopy(CASE)
    data["finances"]["expected_annual_income"] = 5_000_000
    window = _open(make_window, db_path, data)
    _judge(qtbot, window)
    assert window.report.check("premium_relief").verdict == "not_eligible"

    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert window.make_letter("premium-relief") is None
    assert len(asked) == 1 and "非該当" in asked[0] and "このまま書類を作りますか" in asked[0]
    assert getattr(window, "letter_preview", None) is None

    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert window.make_letter("premium-relief") is not None
    qtbot.waitUntil(lambda: getattr(window, "letter_preview", None) is not None, timeout=20_000)
    assert "国民健康保険料減免申請書" in pdf_text(window.letter_preview.pdf)
    window.letter_preview.close()


def test_window_does_not_ask_for_a_supported_letter(qtbot, make_window, db_path, monkeypatch):
    """Ensure the seizure-release letter (差押禁止額 exceeded: 該当) is made without a question."""
    window = _open(make_window, db_path, copy.deepcopy(CASE))
    _judge(qtbot, window)
    assert window.report.check("seizure_limit").verdict in ("eligible", "likely")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    window.make_letter("seizure-release")
    qtbot.waitUntil(lambda: getattr(window, "letter_preview", None) is not None, timeout=20_000)
    assert asked == []
    window.letter_preview.close()


def test_letter_after_editing_uses_the_new_figures(qtbot, make_window, db_path, monkeypatch):
    """Ensure a letter made after editing the judged case carries the new figures: the rent changed
    from 42,000円 to 55,000円 after 判定 prints as 55,000円 and 42,000円 is gone; the window has
    judged the edited case again (its report is of the case now shown)."""
    window = _open(make_window, db_path, copy.deepcopy(CASE))
    _judge(qtbot, window)
    old_report = window.report
    replace_text(window.editor.form.target("finances.monthly_rent").input, "55000")
    assert window.editor.is_modified
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.make_letter("enforcement-suspension")
    qtbot.waitUntil(lambda: getattr(window, "letter_preview", None) is not None, timeout=20_000)
    text = pdf_text(window.letter_preview.pdf)
    assert "55,000円" in text
    assert "42,000円" not in text
    assert window.report is not old_report and window.report.case.finances.monthly_rent == 55_000
    window.letter_preview.close()


def test_desk_settings_print_in_the_helper_block(qtbot, make_window, db_path, settings, monkeypatch):
    """Ensure the desk name, volunteer and phone from the app settings print in the 代理人・同行者 block."""
    settings.set("desk_name", "北区くらしと健康の相談会")
    settings.set("desk_volunteer", "中村 一郎")
    settings.set("desk_phone", "06-0000-0000")
    window = _open(make_window, db_path, copy.deepcopy(CASE))
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.make_letter("copayment-relief")
    qtbot.waitUntil(lambda: getattr(window, "letter_preview", None) is not None, timeout=20_000)
    text = pdf_text(window.letter_preview.pdf)
    assert "代理人・同行者" in text
    assert "北区くらしと健康の相談会" in text and "中村一郎" in text and "06-0000-0000" in text
    window.letter_preview.close()


def test_power_of_attorney_from_the_checks_panel(qtbot, make_window, db_path, settings, monkeypatch):
    """Ensure the 委任状 button makes the 委任状 naming the volunteer as 代理人, without a question."""
    settings.set("desk_volunteer", "中村 一郎")
    window = _open(make_window, db_path, copy.deepcopy(CASE))
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    window.checks.proxy_button.click()
    qtbot.waitUntil(lambda: getattr(window, "letter_preview", None) is not None, timeout=20_000)
    text = pdf_text(window.letter_preview.pdf)
    assert asked == []
    assert "委任状" in text and "代理人（委任を受ける者）" in text and "中村一郎" in text
    window.letter_preview.close()
