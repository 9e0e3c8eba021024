"""The 差押え tab: a pension paid every two months and a collected seizure are stored and reach the checks."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from tests.ui.conftest import type_text
from tests.ui.test_case_details import stored
from tests.ui.test_main_window import field


def test_two_month_pension_choice_is_saved(qtbot, make_window, db_path):
    """Ensure 「2か月ごと（年金）」 is offered, saved as pay_period two_months, with a 取立ての日."""
    window = make_window()
    window.new_case()
    type_text(field(window, "members[0].name").input, "佐藤 花子")
    type_text(field(window, "municipality").input.lineEdit(), "大阪市")
    window.editor.seizure.seizures.add_new()
    row = window.editor.seizure.seizures.rows[0]
    qtbot.mouseClick(row.folds[0].toggle, Qt.MouseButton.LeftButton)
    combo = field(window, "seizures[0].pay_period").input
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "2か月ごと（年金）" in labels
    combo.setCurrentIndex(labels.index("2か月ごと（年金）"))
    type_text(field(window, "seizures[0].collected_date").input, "R7.2.15")
    assert window.save()
    seizure = stored(db_path, window.case_id).seizures[0]
    assert (seizure.pay_period, seizure.collected_date) == ("two_months", date(2025, 2, 15))
