"""料率を入力する: a volunteer enters the rates of a municipality without a profile, the premium
appears, and it is still there after a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kokuho_desk.rules import desk_rates
from kokuho_desk.store import open_store
from tests.desk_rate_samples import CHICHIBU_TOTAL, CHICHIBU_YEAR, household
from tests.ui.conftest import replace_text, type_text

# What the volunteer types, as typed (full-width digits, 「％」, 「円」 and commas).
TYPED = {
    "medical": {
        "income_rate_percent": "７．５％",
        "per_capita": "２７，０００円",
        "per_household": "20000",
        "cap": "66万円",
    },
    "support": {"income_rate_percent": "2.5%", "per_capita": "9,000", "per_household": "７０００", "cap": "260,000"},
    "child": {
        "income_rate_percent": "0.3",
        "per_capita": "1500",
        "per_household": "０",
        "per_capita_adult_extra": "１００",
        "cap": "30000",
    },
}


def _judge(qtbot, window):
    op = window.run_checks()
    with qtbot.waitSignal(op.finished, timeout=20_000):
        pass
    return window.report.premium


def test_enter_rates_save_judge_restart(qtbot, make_window, db_path):
    """Ensure the rates typed for 秩父市 FY2026 are stored (audited) and give the premium 270,600円
    (hand computation in tests/desk_rate_samples.py), labelled as desk-entered, and the same after
    the window and the database are closed and opened again. A bad box is refused first, naming it."""
    desk_rates.install([])
    with open_store(db_path) as store:
        case_id = store.create(household())
    window = make_window()
    window.open_case(case_id)
    premium = _judge(qtbot, window)
    assert premium.total is None
    assert window.checks.rates_row.isVisible()

    qtbot.mouseClick(window.checks.rates_button, Qt.MouseButton.LeftButton)
    dialog = window.rate_entry
    qtbot.waitUntil(dialog.isVisible)
    assert (dialog.municipality.text(), dialog.year.value(), dialog.year_label.text()) == ("秩父市", 2026, "令和8年度")
    assert dialog.source.text() == "通知書から"
    dialog.included["care"].setChecked(False)  # 30歳の世帯: 介護納付金分はかからない
    dialog.rounding.setCurrentIndex(dialog.rounding.findData(100))
    for part, boxes in TYPED.items():
        for key, text in boxes.items():
            if text:
                type_text(dialog.boxes[part][key], text)
    replace_text(dialog.boxes["medical"]["income_rate_percent"], "七・五")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text().startswith("医療分の所得割率: ")
    assert dialog.isVisible()
    with open_store(db_path) as store:
        assert store.desk_rates() == []

    dialog.boxes["medical"]["income_rate_percent"].clear()
    type_text(dialog.boxes["medical"]["income_rate_percent"], "７．５％")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "" and not dialog.isVisible()
    qtbot.waitUntil(lambda: window.report is not None and window.report.premium.total is not None, timeout=20_000)
    assert window.report.premium.total == CHICHIBU_TOTAL
    statement = window.checks.statement.toPlainText()
    assert "相談窓口で入力した料率（通知書から）" in statement and "合計 270,600円" in statement
    assert not window.checks.rates_row.isVisible()
    with open_store(db_path) as store:
        (stored,) = store.desk_rates()
        assert stored.year == CHICHIBU_YEAR and stored.source == "通知書から"
        assert [e.detail for e in store.audit_log() if e.action == "desk_rates"] == [
            "秩父市 2026年度 相談窓口で入力した料率（通知書から）"
        ]
    window.close()

    desk_rates.install([])  # forget what this process knew: the new window must read the database
    again = make_window()
    again.open_case(case_id)
    assert _judge(qtbot, again).total == CHICHIBU_TOTAL
    assert "相談窓口で入力した料率（通知書から）" in again.checks.statement.toPlainText()
