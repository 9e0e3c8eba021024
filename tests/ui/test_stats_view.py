"""The statistics view: charts of a real store's counts by fiscal year, desk identity, export."""

import zipfile
from datetime import date

import pytest

from kokuho_desk.model.case import ReliefOutcome
from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.store import open_store
from kokuho_desk.ui.stats_view import StatsView
from tests.stats.builders import make_case


@pytest.fixture
def db_path(tmp_path):
    """A real store: 6 cases first seen in April 2026 (salary seized), 3 in May 2026 (10割負担, not seized)."""
    path = tmp_path / "cases.db"
    with open_store(path, user="相談員A") as store:
        for i in range(6):
            store.create(make_case(i, as_of=date(2026, 6, 1), first_log=date(2026, 4, 3)))
        for i in range(6, 9):
            store.create(
                make_case(i, as_of=date(2026, 6, 1), first_log=date(2026, 5, 3), seized=None, insurance="special_care")
            )
    return path


@pytest.fixture
def view(qtbot, db_path):
    widget = StatsView(db_path, today=date(2026, 12, 4))
    qtbot.addWidget(widget)
    return widget


def test_charts_show_the_counts_of_the_fiscal_year(view):
    """Ensure the charts and the summary count the store's households of 令和8年度."""
    assert view.year_box.currentText() == "令和8年度"
    insurance = dict(view.charts["insurance"].rows)
    assert (insurance["資格確認書"], insurance["特別療養費（10割負担）"]) == (6, 3)
    assert dict(view.charts["seizure"].rows)["給与"] == 6
    assert view.summary.text() == "令和8年度：相談 9世帯・10割負担 3世帯・差押え 6世帯"
    assert "ZQXMARK" not in view.summary.text()


def test_export_needs_the_desk_then_writes_the_zip(qtbot, view, tmp_path, monkeypatch):
    """Ensure export is refused until the desk is saved, then writes the zip and records it."""
    out = tmp_path / "統計.zip"
    monkeypatch.setattr("kokuho_desk.ui.stats_view.QFileDialog.getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    view.export_button.click()
    assert "相談窓口のIDと名前" in view.status.text() and not out.exists()
    view.desk_id.setText("kita")
    view.desk_name.setText("北相談会")
    view.desk_button.click()
    view.export_button.click()
    assert view.last_export == out and zipfile.is_zipfile(out)
    assert view.store.audit_log()[0].action == "stats_export"


def test_presentation_mode_hides_the_controls_and_a_chart_saves_as_png(view, tmp_path, monkeypatch):
    """Ensure the presentation mode hides the desk fields and buttons, and a chart is saved as a PNG."""
    view.presentation.setChecked(True)
    assert view.controls.isHidden()
    out = tmp_path / "chart.png"
    monkeypatch.setattr("kokuho_desk.ui.stats_view.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    view.save_button.click()
    assert out.read_bytes().startswith(b"\x89PNG")


def test_the_case_editor_records_a_relief_outcome(qtbot):
    """Ensure a relief added in the editor (applied, partly granted, amount) reaches the case file."""
    from kokuho_desk.ui.case_editor.editor import CaseEditor

    editor = CaseEditor(today=lambda: date(2026, 6, 1))
    qtbot.addWidget(editor)
    editor.log.reliefs.add_button.click()
    (row,) = editor.log.reliefs.rows
    fields = {f.key: f for f in row.fields}
    fields["relief"].set_value("premium_relief")
    fields["applied"].set_value("令和8年5月1日")
    fields["decision"].set_value("partly")
    fields["decided"].set_value("2026-05-20")
    fields["amount"].set_value("3万円")
    data, _errors = editor.gather()
    (relief,) = case_from_dict(
        {"as_of": "2026-06-01", "members": [{"relation": "head"}], "reliefs": data["reliefs"]}
    ).reliefs
    assert relief == ReliefOutcome("premium_relief", date(2026, 5, 1), "partly", date(2026, 5, 20), 30_000)
