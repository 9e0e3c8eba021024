"""The statistics view: charts of the desk's own counts, the desk's identity and the export.

The charts count the cases of the local store by fiscal year (they never leave the machine
and show no name: the presentation mode only enlarges them and hides the controls, for a
projector at a meeting); 「統計を書き出す」 writes the protected count tables of the quarters
that have ended (stats/export.py). Charts are drawn with QPainter (QtCharts is not in the
essentials wheel); each can be saved as a PNG.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kokuho_desk.model.formatting import number
from kokuho_desk.model.wareki import fiscal_year_label
from kokuho_desk.stats.counted import counted_batches, decode
from kokuho_desk.stats.export import ExportError, audit_detail, export_desk
from kokuho_desk.stats.output import OutputError
from kokuho_desk.stats.package import write_stats_file
from kokuho_desk.stats.policy import InvalidK, load_policy
from kokuho_desk.stats.tables import RELIEF_COLUMNS, tables
from kokuho_desk.store import Store, StoreError, open_store

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

    def row_height(self) -> int:
        """ROW_HEIGHT, or more for a larger font (the presentation mode)."""
        return max(ROW_HEIGHT, QFontMetrics(self.font()).height() + 6)

    def sizeHint(self) -> QSize:
        return QSize(420, PADDING * 3 + self.row_height() * (max(len(self.rows), 1) + 1))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        row_height = self.row_height()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        title_font = QFont(self.font())
        title_font.setBold(True)
        p.setFont(title_font)
        p.drawText(
            QRectF(PADDING, PADDING, self.width() - 2 * PADDING, row_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.title,
        )
        p.setFont(self.font())
        metrics = QFontMetrics(self.font())
        if not self.rows:
            p.drawText(
                QRectF(PADDING, PADDING + row_height, self.width(), row_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                "データがありません",
            )
            return
        label_w = min(max(metrics.horizontalAdvance(label) for label, _n in self.rows) + 2 * PADDING, self.width() // 2)
        count_w = metrics.horizontalAdvance(number(max(n for _l, n in self.rows))) + PADDING
        bar_w = max(self.width() - label_w - count_w - 3 * PADDING, 1)
        top = max(n for _l, n in self.rows) or 1
        for i, (label, n) in enumerate(self.rows):
            y = PADDING * 2 + row_height * (i + 1)
            p.setPen(self.palette().text().color())
            p.drawText(
                QRectF(PADDING, y, label_w - PADDING, row_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - PADDING),
            )
            w = bar_w * n / top
            p.fillRect(QRectF(PADDING + label_w, y + 3, w, row_height - 6), BAR_COLOR)
            p.drawText(
                QRectF(PADDING + label_w + w + 4, y, count_w, row_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                number(n),
            )
        p.end()


CHARTS = {  # chart → (table, title)
    "insurance": ("insurance", "資格の状態（10割負担＝特別療養費）"),
    "certificate": ("certificate", "資格確認書の交付が必要か（判定）"),
    "seizure": ("seizure_asset", "差押え（財産別）"),
    "protected": ("seizure_protected", "差押禁止額に触れているか"),
    "burden": ("burden", "保険料の負担率（保険料÷収入）"),
}
OUTCOMES = "outcomes"


class StatsView(QWidget):
    """Charts of the desk's cases, the desk's identity and the export; ``store`` is a Store or a path."""

    def __init__(self, store: Store | str | Path, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self._own_store = not isinstance(store, Store)
        self.store: Store = store if isinstance(store, Store) else open_store(store)
        self.today = today
        self.policy = load_policy()
        self.counts: dict[int, Counter] = {}  # fiscal year → (table, column) → households
        self.last_export: Path | None = None

        self.summary = QLabel()
        self.year_box = QComboBox()
        self.presentation = QCheckBox("発表用の表示")
        self.presentation.setToolTip("操作ボタンを隠し、グラフを大きく表示します（名前は表示されません）")
        self.charts = {name: BarChart(title) for name, (_t, title) in CHARTS.items()}
        self.charts[OUTCOMES] = BarChart("救済：判定→申請→結果（全制度の延べ数）")
        self.save_chart = QComboBox()
        self.save_chart.addItems([c.title for c in self.charts.values()])
        self.save_button = QPushButton("グラフを画像で保存")
        self.desk_id = QLineEdit()
        self.desk_name = QLineEdit()
        self.desk_button = QPushButton("相談窓口を保存")
        self.k_box = QSpinBox()
        self.k_box.setRange(self.policy.k_min, 100)
        self.k_box.setValue(self.policy.k_default)
        self.k_box.setToolTip("公表する件数は 0 か この数以上になります（小さい数は秘匿します）")
        self.refresh_button = QPushButton("再集計")
        self.export_button = QPushButton("統計を書き出す")
        self.status = QLabel()
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel("年度"))
        top.addWidget(self.year_box)
        top.addWidget(self.presentation)
        self.controls = QWidget()
        bar = QHBoxLayout(self.controls)
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (
            QLabel("相談窓口のID"),
            self.desk_id,
            QLabel("名前"),
            self.desk_name,
            self.desk_button,
            QLabel("k"),
            self.k_box,
            self.refresh_button,
            self.export_button,
            self.save_chart,
            self.save_button,
        ):
            bar.addWidget(widget)
        self.board = QWidget()
        grid = QGridLayout(self.board)
        for i, chart in enumerate(self.charts.values()):
            grid.addWidget(chart, i // 2, i % 2)
        grid.setRowStretch(grid.rowCount(), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.board)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.controls)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)

        desk_id, desk_name, _key = self.store.desk_identity()
        self.desk_id.setText(desk_id or "")
        self.desk_name.setText(desk_name or "")
        self.year_box.currentIndexChanged.connect(self._show)
        self.presentation.toggled.connect(self._present)
        self.desk_button.clicked.connect(self.save_desk)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.save_button.clicked.connect(self.save_png)
        self.refresh()

    def refresh(self) -> None:
        """Count the store's cases again, by fiscal year of the first consultation."""
        counts: dict[int, Counter] = {}
        for texts in counted_batches(self.store, self.policy):  # a part at a time: memory stays flat
            for text, n in texts.items():
                period, _area, cells = decode(text)
                year = counts.setdefault(period.fiscal_year, Counter())
                for cell in cells:
                    year[cell] += n
        self.counts = counts
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for fy in sorted(counts, reverse=True):
            self.year_box.addItem(fiscal_year_label(fy), fy)
        self.year_box.blockSignals(False)
        self._show()

    def _show(self) -> None:
        fy = self.year_box.currentData()
        counts = self.counts.get(fy, Counter())
        by_id = {t.id: t for t in tables(self.policy)}
        for name, (table, _title) in CHARTS.items():
            self.charts[name].set_rows([(label, counts[(table, code)]) for code, label in by_id[table].columns])
        outcomes: Counter[str] = Counter()
        for (table, column), n in counts.items():
            if table.startswith("relief_"):
                outcomes[column] += n
        self.charts[OUTCOMES].set_rows([(label, outcomes[code]) for code, label in RELIEF_COLUMNS])
        cases = sum(n for (t, _c), n in counts.items() if t == "insurance")
        self.summary.setText(
            "{year}：相談 {cases}世帯・10割負担 {special}世帯・差押え {seized}世帯".format(
                year=self.year_box.currentText() or "—",
                cases=number(cases),
                special=number(counts[("insurance", "special_care")]),
                seized=number(sum(n for (t, _c), n in counts.items() if t == "seizure_asset")),
            )
        )

    def _present(self, on: bool) -> None:
        self.controls.setVisible(not on)
        self.status.setVisible(not on)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * (1.5 if on else 1))
        for chart in self.charts.values():
            chart.setFont(font)
            chart.updateGeometry()

    def save_desk(self) -> None:
        desk_id, name = self.desk_id.text().strip(), self.desk_name.text().strip()
        if not desk_id or not name:
            self.status.setText("相談窓口のIDと名前を両方入力してください")
            return
        self.store.set_desk_identity(desk_id, name)
        self.status.setText(f"相談窓口を保存しました: {name}（ID {desk_id}）")

    def save_png(self) -> None:
        chart = list(self.charts.values())[self.save_chart.currentIndex()]
        name, _filter = QFileDialog.getSaveFileName(self, "グラフを画像で保存", f"{chart.title}.png", "PNG画像 (*.png)")
        if name and not chart.grab().save(str(Path(name).with_suffix(".png")), "PNG"):
            self.status.setText(f"画像を保存できませんでした: {name}")

    def export(self) -> None:
        """Ask for a file and write the protected tables of the quarters that have ended there."""
        name, _filter = QFileDialog.getSaveFileName(
            self, "統計を書き出す", "kokuho-desk-stats.zip", "統計ファイル (*.zip)"
        )
        if not name:
            return
        out = Path(name).with_suffix(".zip")
        try:
            f, entries = export_desk(self.store, today=self.today or date.today(), k=self.k_box.value())
            path = write_stats_file(f, out, self.policy)
            self.store.record_stats_export(f.export_id, entries, audit_detail(f, str(path)))
        except (ExportError, InvalidK, OutputError, StoreError) as e:
            self.status.setText(f"エラー: {e}")
            return
        self.status.setText(
            "書き出しました: {path}（{periods}、秘匿 {n}か所）".format(
                path=path, periods="、".join(f.periods), n=sum(f.hidden.values())
            )
        )
        self.last_export = path

    def closeEvent(self, event) -> None:
        if self._own_store:
            self.store.close()
        super().closeEvent(event)
