"""The audit log, read-only, newest first: who viewed or changed which case, made a letter, a backup …

A tab of the window: ``AuditView(store)``; ``refresh()`` reads the log again (the
tab calls it when shown) and checks the whole hash chain (store/audit_chain.py): the
label above the table says the log is intact, or at which entry it was altered. A
malformed row (an unreadable time, a wrong type) is shown with what is wrong, never fatal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from kokuho_desk.model.formatting import timestamp
from kokuho_desk.store import AuditEntry, Store

LIMIT = 2000
ACTION_LABELS = {
    "create": "新規登録",
    "update": "変更",
    "view": "閲覧",
    "log": "記録の追加",
    "close": "相談終了",
    "reopen": "再開",
    "delete": "削除",
    "next_actions": "期限の設定",
    "letter": "書類の作成",
    "export": "書き出し",
    "import": "取り込み",
    "stats_export": "統計の書き出し",
    "rescreen": "再判定",
    "backup": "バックアップ",
    "restore": "バックアップから復元",
    "passphrase": "パスフレーズの変更",
    "demo": "デモデータ",
    "undelete": "ごみ箱から元に戻す",
    "purge": "完全に削除（ごみ箱を空に）",
    "desk_rates": "料率の入力",
    "desk_rates_import": "料率の取り込み",
    "desk_rates_export": "料率の書き出し",
    "stats_desk": "相談窓口の設定（統計）",
}
# The parts of a case named by 「変更: …」 in the detail of a change (the case file's top-level keys).
PART_LABELS = {
    "format": "形式",
    "as_of": "相談日",
    "fiscal_year": "保険料の年度",
    "municipality": "市区町村",
    "contact": "連絡先",
    "notes": "メモ",
    "rates": "料率",
    "members": "世帯員と収入",
    "finances": "暮らし向き",
    "arrears": "滞納",
    "seizures": "差押え",
    "enforcement": "滞納処分",
    "insurance": "保険証",
    "medical": "医療",
    "notice": "保険料の通知",
    "hardship": "減免の理由",
    "topics": "相談内容",
    "log": "相談記録",
    "status": "状態",
    "outcome": "結果",
}
CHANGED = "変更: "  # how the store begins the detail of a change (repository._changed_fields)
COLUMNS = ("日時", "利用者", "操作", "ケース番号", "内容")


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def detail_text(action: str, detail: str | None) -> str:
    """The detail of an entry with the program's codes (case-file keys, letter kinds, check ids) in Japanese."""
    if not detail:
        return ""
    if detail.startswith(CHANGED):
        parts = detail.removeprefix(CHANGED).split("、")
        return "変更: " + "、".join(PART_LABELS.get(p, p) for p in parts)
    if action == "letter":
        from kokuho_desk.letters import list_letters

        kind, _sep, rest = detail.partition(" ")
        title = dict(list_letters()).get(kind)
        return f"{title}　{rest}".rstrip() if title else detail
    if action == "next_actions":
        from kokuho_desk.rules.engine import check_title

        try:
            return "判定" if detail == "checks" else check_title(detail)
        except (ImportError, LookupError, AttributeError):
            return detail
    if action == "log":
        from kokuho_desk.ui.case_editor.log import LOG_KIND_LABELS

        day, _sep, kind = detail.partition(" ")
        return f"{day} {LOG_KIND_LABELS[kind]}" if kind in LOG_KIND_LABELS else detail
    return detail


class AuditModel(QAbstractTableModel):
    def __init__(self, entries: list[AuditEntry] | None = None):
        super().__init__()
        self._entries = entries or []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self._entries[index.row()]
        at = timestamp(e.at, "（不明）")
        detail = f"【不正な記録】{e.problem} {e.detail or ''}" if e.problem else detail_text(e.action, e.detail)
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
        self.refresh_button = QPushButton("最新の状態にする")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel("操作の記録（新しい順。変更・削除はできません）"))
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
            "記録のつながりを確かめました。書き換えや削除はありません。" if broken is None else str(broken)
        )
        self.chain.setStyleSheet("" if broken is None else "color: #b00020; font-weight: bold")

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)
