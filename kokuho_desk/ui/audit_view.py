"""The audit log, read-only, newest first: who viewed or changed which case, made a letter, a backup …

A tab of the window: ``AuditView(store)``; ``refresh()`` reads the log again (the
tab calls it when shown) and checks the whole hash chain (store/audit_chain.py): the
label above the table says the log is intact, or at which entry it was altered. A
malformed row (an unreadable time, a wrong type) is shown with what is wrong, never fatal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from kokuho_desk.store import AuditEntry, Store
from kokuho_desk.ui.i18n import N_, _

LIMIT = 2000
ACTION_LABELS = {
    "create": N_("新規登録"),
    "update": N_("変更"),
    "view": N_("閲覧"),
    "log": N_("記録の追加"),
    "close": N_("相談終了"),
    "reopen": N_("再開"),
    "delete": N_("削除"),
    "next_actions": N_("期限の設定"),
    "letter": N_("書類の作成"),
    "export": N_("書き出し"),
    "import": N_("取り込み"),
    "stats_export": N_("統計の書き出し"),
    "rescreen": N_("再判定"),
    "backup": N_("バックアップ"),
    "restore": N_("バックアップから復元"),
    "passphrase": N_("パスフレーズの変更"),
    "demo": N_("デモデータ"),
    "undelete": N_("ごみ箱から元に戻す"),
    "purge": N_("完全に削除（ごみ箱を空に）"),
    "desk_rates": N_("料率の入力"),
    "desk_rates_import": N_("料率の取り込み"),
    "desk_rates_export": N_("料率の書き出し"),
    "stats_desk": N_("相談窓口の設定（統計）"),
}
# The parts of a case named by 「変更: …」 in the detail of a change (the case file's top-level keys).
PART_LABELS = {
    "format": N_("形式"),
    "as_of": N_("相談日"),
    "fiscal_year": N_("保険料の年度"),
    "municipality": N_("市区町村"),
    "contact": N_("連絡先"),
    "notes": N_("メモ"),
    "rates": N_("料率"),
    "members": N_("世帯員と収入"),
    "finances": N_("暮らし向き"),
    "arrears": N_("滞納"),
    "seizures": N_("差押え"),
    "enforcement": N_("滞納処分"),
    "insurance": N_("保険証"),
    "medical": N_("医療"),
    "notice": N_("保険料の通知"),
    "hardship": N_("減免の理由"),
    "topics": N_("相談内容"),
    "log": N_("相談記録"),
    "status": N_("状態"),
    "outcome": N_("結果"),
}
CHANGED = "変更: "  # how the store begins the detail of a change (repository._changed_fields)
COLUMNS = (N_("日時"), N_("利用者"), N_("操作"), N_("ケース番号"), N_("内容"))


def action_label(action: str) -> str:
    return _(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def detail_text(action: str, detail: str | None) -> str:
    """The detail of an entry with the program's codes (case-file keys, letter kinds, check ids) in Japanese."""
    if not detail:
        return ""
    if detail.startswith(CHANGED):
        parts = detail.removeprefix(CHANGED).split("、")
        return _("変更: ") + "、".join(_(PART_LABELS[p]) if p in PART_LABELS else p for p in parts)
    if action == "letter":
        from kokuho_desk.letters import list_letters

        kind, _sep, rest = detail.partition(" ")
        title = dict(list_letters()).get(kind)
        return f"{title}　{rest}".rstrip() if title else detail
    if action == "next_actions":
        from kokuho_desk.rules.engine import check_title

        try:
            return _("判定") if detail == "checks" else check_title(detail)
        except (ImportError, LookupError, AttributeError):
            return detail
    if action == "log":
        from kokuho_desk.ui.case_editor.log import LOG_KIND_LABELS

        day, _sep, kind = detail.partition(" ")
        return f"{day} {_(LOG_KIND_LABELS[kind])}" if kind in LOG_KIND_LABELS else detail
    return detail


class AuditModel(QAbstractTableModel):
    def __init__(self, entries: list[AuditEntry] | None = None):
        super().__init__()
        self._entries = entries or []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self._entries[index.row()]
        at = e.at.strftime("%Y-%m-%d %H:%M:%S") if e.at is not None else _("（不明）")
        detail = f"{_('【不正な記録】')}{e.problem} {e.detail or ''}" if e.problem else detail_text(e.action, e.detail)
        return (at, e.user or "", action_label(e.action), "" if e.case_id is None else str(e.case_id), detail)[
            index.column()
        ]


class AuditView(QWidget):
    """The newest LIMIT audit entries of the store, read-only."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.model = AuditModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.refresh_button = QPushButton(_("最新の状態にする"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("操作の記録（新しい順。変更・削除はできません）")))
        top.addStretch()
        top.addWidget(self.refresh_button)
        self.chain = QLabel()
        self.chain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.chain)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_entries(self.store.audit_log(limit=LIMIT))
        self.table.resizeColumnsToContents()
        broken = self.store.verify_audit_chain()
        self.chain.setText(
            _("記録のつながりを確かめました。書き換えや削除はありません。") if broken is None else str(broken)
        )
        self.chain.setStyleSheet("" if broken is None else "color: #b00020; font-weight: bold")

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)
