"""The statistics view: charts of a real store's counts, and the export button."""

import json
from datetime import date

import pytest

from kokuho_desk.store import open_store
from kokuho_desk.ui.stats_view import StatsView
from tests.stats.builders import fixed_judge, make_case


@pytest.fixture
def db_path(tmp_path):
    """A real store: 6 cases first seen in April (seized), 3 in May (not seized)."""
    path = tmp_path / "cases.db"
    with open_store(path, user="相談員A") as store:
        for i in range(6):
            store.create(make_case(i, first_log=date(2025, 4, 3)))
        for i in range(6, 9):
            store.create(make_case(i, first_log=date(2025, 5, 3), seized=None, insurance="special_care"))
    return path


@pytest.fixture
def view(qtbot, db_path):
    widget = StatsView(db_path, desk_id="テスト窓口", judge=fixed_judge)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.aggregates is not None, timeout=10_000)
    return widget


def test_charts_show_the_counts_of_the_store(view):
    """Ensure the month, verdict and enforcement charts and the summary show the store's counts."""
    assert view.charts["month"].rows == [("2025-04", 6), ("2025-05", 3)]
    verdicts = dict(view.charts["verdict"].rows)
    assert verdicts == {"一部負担金の減免": 9, "差押禁止額": 9}
    enforcement = dict(view.charts["enforcement"].rows)
    assert (enforcement["督促"], enforcement["差押え"], enforcement["催告"]) == (9, 6, 0)
    assert view.summary.text() == "相談 9件・救済の成果 9件・10割負担 3件"


def test_export_button_writes_the_anonymised_files(qtbot, view, tmp_path, monkeypatch):
    """Ensure the export button writes JSON and CSV at the chosen path and records it in the audit log."""
    out = tmp_path / "out" / "統計.json"
    monkeypatch.setattr("kokuho_desk.ui.stats_view.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(out), "統計ファイル (*.json)"))
    view.k_box.setValue(3)
    view.export_button.click()
    qtbot.waitUntil(lambda: view.last_export is not None, timeout=10_000)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["metadata"]["desk_id"] == "テスト窓口" and doc["metadata"]["k"] == 3
    assert doc["metadata"]["cases_exported"] == 9 and out.with_suffix(".csv").exists()
    assert "ZQXMARK" not in out.read_text(encoding="utf-8")
    assert "書き出しました" in view.status.text()
    assert view.store.audit_log()[0].action == "stats_export"


def test_cancelled_dialog_writes_nothing(view, tmp_path, monkeypatch):
    """Ensure cancelling the file dialog writes no file and leaves the view idle."""
    monkeypatch.setattr("kokuho_desk.ui.stats_view.QFileDialog.getSaveFileName", lambda *a, **k: ("", ""))
    view.export_button.click()
    assert view.last_export is None and view.export_button.isEnabled() and list(tmp_path.glob("*.json")) == []


def test_without_a_judge_the_view_judges_with_the_rules_and_keeps_the_judgements(qtbot, db_path):
    """Ensure the view's own judging (the rules engine) counts every case and the store keeps each judgement."""
    widget = StatsView(db_path, desk_id="テスト窓口")
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.aggregates is not None, timeout=30_000)
    assert widget.aggregates["cases"] == 9
    kept = widget.store.judgements()
    assert len(kept) == 9 and all(len(k.judgement.verdicts) == 13 for k in kept.values())
