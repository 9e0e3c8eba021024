"""The statistics view: bar charts of the desk's own cases and the anonymised export.

The charts count every case of the local store (they never leave the machine, so
nothing is suppressed); the button 「統計を書き出す」 writes the anonymised export
(k-anonymous rows, JSON + CSV) that goes to the regional and national 社保協.
Charts are drawn with QPainter (QtCharts is deprecated upstream and not in the
essentials wheel). Store calls stay on the UI thread; judging the cases (the rules
engine) and writing the export run in the background (ui/operations.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFileDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpinBox, QVBoxLayout, QWidget,
)

from kokuho_desk.model.case import Case
from kokuho_desk.stats.aggregate import aggregate
from kokuho_desk.stats.anonymize import rows_with_masked_cells
from kokuho_desk.stats.document import Document, audit_detail, write_document
from kokuho_desk.stats.export import Judge, export_cases
from kokuho_desk.stats.policy import load_policy
from kokuho_desk.stats.record import record_of
from kokuho_desk.stats.verdicts import StoredJudge
from kokuho_desk.store import Store, open_store
from kokuho_desk.ui.i18n import _
from kokuho_desk.ui.operations import run_in_background

BAR_COLOR = QColor("#3b6ea5")
ROW_HEIGHT = 22
PADDING = 8


class BarChart(QWidget):
    """A titled horizontal bar chart: one row per (label, count), the count at the bar's end."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.rows: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_rows(self, rows: list[tuple[str, int]]) -> None:
        self.rows = rows
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, PADDING * 3 + ROW_HEIGHT * (max(len(self.rows), 1) + 1))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 — Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        title_font = QFont(self.font())
        title_font.setBold(True)
        p.setFont(title_font)
        p.drawText(QRectF(PADDING, PADDING, self.width() - 2 * PADDING, ROW_HEIGHT),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(self.font())
        metrics = QFontMetrics(self.font())
        if not self.rows:
            p.drawText(QRectF(PADDING, PADDING + ROW_HEIGHT, self.width(), ROW_HEIGHT),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _("データがありません"))
            return
        label_w = min(max(metrics.horizontalAdvance(label) for label, _n in self.rows) + 2 * PADDING, self.width() // 2)
        count_w = metrics.horizontalAdvance(f"{max(n for _l, n in self.rows):,}") + PADDING
        bar_w = max(self.width() - label_w - count_w - 3 * PADDING, 1)
        top = max(n for _l, n in self.rows) or 1
        for i, (label, n) in enumerate(self.rows):
            y = PADDING * 2 + ROW_HEIGHT * (i + 1)
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(PADDING, y, label_w - PADDING, ROW_HEIGHT),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - PADDING))
            w = bar_w * n / top
            p.fillRect(QRectF(PADDING + label_w, y + 3, w, ROW_HEIGHT - 6), BAR_COLOR)
            p.drawText(QRectF(PADDING + label_w + w + 4, y, count_w, ROW_HEIGHT),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{n:,}")
        p.end()


def chart_rows(aggregates: dict[str, Any]) -> dict[str, list[tuple[str, int]]]:
    """The rows of each chart from the aggregate tables (pure; the view only draws them)."""
    return {
        "month": [(t["label"], t["count"]) for t in aggregates["by_month"]],
        "verdict": [(t["label"], t["counts"]["eligible"] + t["counts"]["likely"]) for t in aggregates["by_verdict"]],
        "enforcement": [(t["label"], t["count"]) for t in aggregates["by_enforcement"]],
    }


class StatsView(QWidget):
    """Charts of the desk's cases and the export button; ``store`` is a Store or a database path."""

    def __init__(self, store: Store | str | Path, parent: QWidget | None = None, *,
                 desk_id: str | None = None, judge: Judge | None = None):
        super().__init__(parent)
        self._own_store = not isinstance(store, Store)
        self.store = open_store(store) if self._own_store else store
        self.desk_id = desk_id
        self.judge = judge  # None: the verdicts the store keeps, judging (and keeping) the others
        self.policy = load_policy()
        self.aggregates: dict[str, Any] | None = None
        self.last_export: Path | None = None

        self.summary = QLabel(_("集計しています…"))
        self.charts = {"month": BarChart(_("月別の相談件数")),
                       "verdict": BarChart(_("判定別（該当・該当の可能性あり）の件数")),
                       "enforcement": BarChart(_("督促・差押え等の件数"))}
        self.k_box = QSpinBox()
        self.k_box.setRange(self.policy.k_min, 100)
        self.k_box.setValue(self.policy.k_default)
        self.k_box.setToolTip(_("同じ年齢・世帯人数・地域・収入の組み合わせがこの数に満たない行は書き出しません"))
        self.refresh_button = QPushButton(_("再集計"))
        self.export_button = QPushButton(_("統計を書き出す"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(QLabel(_("k（最小の組み合わせ数）")))
        bar.addWidget(self.k_box)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        grid = QGridLayout()
        grid.addWidget(self.charts["month"], 0, 0, 2, 1)
        grid.addWidget(self.charts["verdict"], 0, 1)
        grid.addWidget(self.charts["enforcement"], 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.refresh()

    def _cases(self) -> tuple[list[Case], Judge]:
        pairs = self.store.all_cases()
        judge = self.judge or StoredJudge(pairs, self.store.judgements())
        return [case for _id, case in pairs], judge

    def _keep(self, judge: Judge) -> None:
        if isinstance(judge, StoredJudge):
            judge.keep(self.store)

    def _busy(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy)

    def _run(self, fn: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        self._busy(True)

        def done(result: Any) -> None:
            self._busy(False)
            on_success(result)

        def failed(error: Exception) -> None:
            self._busy(False)
            self.status.setText(_("エラー: {}").format(error))

        run_in_background(self, fn, on_success=done, on_failure=failed)

    def refresh(self) -> None:
        """Count the store's cases again (judging runs in the background)."""
        (cases, judge), policy = self._cases(), self.policy
        self._run(lambda: (aggregate([record_of(c, judge(c), policy) for c in cases], policy), judge), self._show)

    def _show(self, result: tuple[dict[str, Any], Judge]) -> None:
        aggregates, judge = result
        self._keep(judge)
        self.aggregates = aggregates
        for name, rows in chart_rows(aggregates).items():
            self.charts[name].set_rows(rows)
        special_care = next(t["count"] for t in aggregates["by_insurance"] if t["key"] == "special_care")
        self.summary.setText(_("相談 {cases:,}件・救済の成果 {reliefs:,}件・10割負担 {special:,}件").format(
            cases=aggregates["cases"], reliefs=aggregates["reliefs"]["total"], special=special_care))

    def export(self) -> None:
        """Ask for a file and write the anonymised export there (JSON and, next to it, CSV)."""
        name, _filter = QFileDialog.getSaveFileName(self, _("統計を書き出す"), "kokuho-desk-stats.json",
                                                    _("統計ファイル (*.json)"))
        if not name:
            return
        out = Path(name).with_suffix(".json")
        (cases, judge), k, desk_id = self._cases(), self.k_box.value(), self.desk_id

        def work() -> tuple[Document, tuple[Path, Path], Judge]:
            doc = export_cases(cases, judge=judge, k=k, desk_id=desk_id)
            return doc, write_document(doc, out), judge

        self._run(work, self._exported)

    def _exported(self, result: tuple[Document, tuple[Path, Path], Judge]) -> None:
        doc, (json_path, csv_file), judge = result
        self._keep(judge)
        meta = doc.metadata
        self.store.audit("stats_export", detail=audit_detail(doc, json_path))
        masked = rows_with_masked_cells(doc.rows, self.policy.cell_suppression)
        self.status.setText(_("書き出しました: {json} と {csv}（{n:,}件、うち一部の項目を秘匿 {m:,}件、"
                              "k={k} に満たず削除 {s:,}件）").format(
            json=json_path, csv=csv_file.name, n=meta["cases_exported"], m=masked, k=meta["k"], s=meta["suppressed"]))
        self.last_export = json_path

    def closeEvent(self, event) -> None:  # noqa: N802 — Qt's name
        if self._own_store:
            self.store.close()
        super().closeEvent(event)
