"""概要: the tab a case opens on. What to do now (soonest deadline first, each with a 済み box),
the notice against our premium in one sentence, the household, arrears with their 時効, enforcement,
the insurance card and the verdicts last shown. It lays out kokuho_desk.rules.overview; ticking an
action asks the window to record it in the log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kokuho_desk.model.formatting import yen
from kokuho_desk.model.judgement import StoredJudgement
from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.rules.engine import check_title
from kokuho_desk.rules.overview import Action, Overview
from kokuho_desk.rules.result import VERDICT_LABELS
from kokuho_desk.ui.checks_panel import VERDICT_ORDER

OVERDUE_STYLE = "color: #b71c1c"
DONE_STYLE = "color: #777"


def _text(text: str, style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


def _heading(text: str) -> QLabel:
    label = _text(text, "font-weight: bold; font-size: 110%; margin-top: 8px")
    return label


def verdict_summary(judgement: StoredJudgement, judged_at: datetime) -> list[str]:
    """The verdicts last shown, by verdict, 該当 first (titles shortened to before their 「（」)."""
    by_verdict: dict[str, list[str]] = {}
    for check_id, verdict in judgement.judgement.verdicts.items():
        by_verdict.setdefault(verdict, []).append(check_title(check_id).split("（")[0])
    lines = [f"前回の判定（{format_wareki(judged_at.date())}）"]
    for verdict in VERDICT_ORDER:
        if by_verdict.get(verdict):
            lines.append(f"{VERDICT_LABELS[verdict]}: " + "、".join(by_verdict[verdict]))
    return lines


class CaseOverview(QScrollArea):
    action_done = Signal(object)  # the Action ticked off

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.action_boxes: list[QCheckBox] = []
        self.show_overview(None)

    def show_overview(
        self, overview: Overview | None, last: tuple[StoredJudgement, datetime] | None = None, judged_now: bool = False
    ) -> None:
        """Lay out ``overview`` (None: the case has errors to fix first); ``last`` is the judgement
        the store keeps, shown until the case is judged again in this window."""
        body = QWidget()
        box = QVBoxLayout(body)
        self.action_boxes = []
        if overview is None:
            box.addWidget(_text("入力に誤りがあるため、概要を表示できません。赤い欄を直してください。"))
        else:
            self._lay_out(box, overview, None if judged_now else last)
        box.addStretch(1)
        self.setWidget(body)

    def _lay_out(self, box: QVBoxLayout, o: Overview, last: tuple[StoredJudgement, datetime] | None) -> None:
        box.addWidget(_heading("いますること"))
        if not o.actions:
            box.addWidget(_text("予定はありません。「判定する」（F5）で、使える制度と期限を調べます。"))
        for action in o.actions:
            box.addWidget(self._action_box(action))
        box.addWidget(_heading("通知書と計算"))
        box.addWidget(_text(o.notice or "通知書の保険料を入力して判定すると、ここで比べます。"))
        box.addWidget(_heading("世帯"))
        box.addWidget(_text("\n".join(o.household)))
        box.addWidget(_heading("滞納"))
        if o.arrears:
            lines = [
                f"{a.year}　{yen(a.amount, '金額不明')}" + ("　（時効で消滅）" if a.expired else "") for a in o.arrears
            ]
            lines.append(f"合計 {yen(o.arrears_total)}")
            box.addWidget(_text("\n".join(lines)))
        else:
            box.addWidget(_text("滞納の記録はありません"))
        box.addWidget(_heading("差押え・督促"))
        box.addWidget(_text("\n".join(o.enforcement) or "記録はありません"))
        box.addWidget(_heading("保険証"))
        box.addWidget(_text(o.insurance))
        if last is not None:
            box.addWidget(_heading("判定"))
            box.addWidget(_text("\n".join(verdict_summary(*last))))

    def _action_box(self, action: Action) -> QCheckBox:
        due = f"（期限 {format_wareki(action.due)}）" if action.due else ""
        check = QCheckBox(action.text + due)
        check.setChecked(action.done)
        if action.done:
            check.setEnabled(False)
            check.setStyleSheet(DONE_STYLE)
        elif action.due is not None and action.due < self._today():
            check.setStyleSheet(OVERDUE_STYLE)

        def ticked(on: bool, a: Action = action) -> None:
            if on:
                self.action_done.emit(a)

        check.toggled.connect(ticked)
        self.action_boxes.append(check)
        return check
