"""The consultation desk in one window: the case list and deadlines on the left, the open case on the right.

The window only moves data: it reads and saves cases through the store (on the UI
thread, one case at a time), has the editor validate them, and hands the checks and
the letters to ``operations`` (off the UI thread). The list reads through its own
StoreReader thread.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from kokuho_desk import APP_NAME
from kokuho_desk.model.case import Case
from kokuho_desk.rules import desk_rates
from kokuho_desk.rules.overview import overview as case_overview
from kokuho_desk.store import CaseNotFound, Store, StoreError
from kokuho_desk.store.db import DatabaseError
from kokuho_desk.store.repository import CaseChanged
from kokuho_desk.ui import operations
from kokuho_desk.ui.application import application
from kokuho_desk.ui.ask import choose, confirm
from kokuho_desk.ui.case_browser import CaseBrowser
from kokuho_desk.ui.case_editor import CaseEditor
from kokuho_desk.ui.case_editor.editor import validate
from kokuho_desk.ui.case_editor.fields import Field
from kokuho_desk.ui.case_list import STATUS_LABELS, CaseListModel
from kokuho_desk.ui.case_overview import CaseOverview
from kokuho_desk.ui.checks_panel import ChecksPanel
from kokuho_desk.ui.deadlines_view import DeadlinesView
from kokuho_desk.ui.elided_label import ElidedLabel
from kokuho_desk.ui.lock import IdleLock
from kokuho_desk.ui.rate_entry import RateEntryDialog
from kokuho_desk.ui.settings import AppSettings, apply_text_size, desk_info
from kokuho_desk.ui.store_reader import CaseQuery, StoreReader

SIDEBAR_WIDTH = 430
CHECKS_SOURCE = "checks"  # the store's deadline source for next actions found by the checks
CONSULTATION_RECORD = "consultation-record"  # the letter kind of the 相談記録票 (tied to no check)


class MainWindow(QMainWindow):
    def __init__(self, store: Store, settings: AppSettings, *, today: Callable[[], date] = date.today):
        super().__init__()
        self.store = store
        self.settings = settings
        self._today = today
        self.case_id: int | None = None
        self.case_version: int | None = None  # the version the open case was read at (a save elsewhere is caught)
        self._geometry_restored = False
        self.report = None  # the CheckReport shown, for the letters
        self.municipalities: list[str] = []
        self.setWindowTitle(f"{APP_NAME} — {store.path.name}")

        desk_rates.install(store.desk_rates())  # the rates this desk entered, for every judgement
        self.reader = StoreReader(store.path, self)
        self.cases = CaseListModel(self.reader, today=today, parent=self)
        self.browser = CaseBrowser(self.cases)
        self.deadlines = DeadlinesView(self.reader, today=today)
        self.sidebar = QTabWidget()
        self.sidebar.addTab(self.browser, "ケース一覧")
        self.sidebar.addTab(self.deadlines, "今週の期限")

        self.editor = CaseEditor(today=today)
        self.checks = ChecksPanel(label_for=self.editor.field_label)
        self.editor.tabs.addTab(self.checks, "判定・書類")
        self.overview = CaseOverview(today)
        self.editor.tabs.insertTab(0, self.overview, "概要")  # the tab a case opens on
        self._report_fresh = False  # self.report judged the case as the editor shows it now
        self.title = ElidedLabel()
        self.title.setStyleSheet("font-size: 120%; font-weight: bold")
        self.save_button = QPushButton("保存")
        self.check_button = QPushButton("判定する")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.check_button)
        head.addWidget(self.save_button)
        case_page = QWidget()
        case_box = QVBoxLayout(case_page)
        case_box.setContentsMargins(6, 6, 6, 0)
        case_box.addLayout(head)
        case_box.addWidget(self.editor, 1)

        self.welcome = QLabel(
            "左の一覧からケースを選ぶか、「＋ 新しいケース」を押してください。\n\n"
            "Ctrl+N 新しいケース　Ctrl+F 検索　Ctrl+S 保存　F5 判定"
        )
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(case_page)
        self.case_page = case_page
        self.stats: QWidget | None = None
        self.audit: QWidget | None = None
        self.trash: QWidget | None = None
        self.idle_lock: IdleLock | None = None  # set by the app's start-up (commands/gui.py: install_idle_lock)

        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([SIDEBAR_WIDTH, 1000])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self._make_actions()

        self.browser.case_chosen.connect(self.open_case)
        self.browser.new_case_requested.connect(self.new_case)
        self.deadlines.case_chosen.connect(self.open_case)
        self.editor.modified_changed.connect(self._update_title)
        self.editor.form.changed.connect(self._update_title)  # the heading follows the name as it is typed
        self.editor.form.changed.connect(self._mark_stale)
        self.editor.tabs.currentChanged.connect(self._tab_changed)
        self.overview.action_done.connect(self._action_done)
        self.save_button.clicked.connect(self.save)
        self.check_button.clicked.connect(self.run_checks)
        self.checks.field_requested.connect(self.editor.focus_field)
        self.checks.letter_requested.connect(self.make_letter)
        self.checks.rates_requested.connect(self.enter_rates)
        self.editor.log.record_button.clicked.connect(lambda: self.make_letter(CONSULTATION_RECORD))
        self.cases.failed.connect(lambda message: self.statusBar().showMessage(message))

        self.cases.set_query(CaseQuery())
        self.deadlines.refresh()
        QTimer.singleShot(0, self._load_municipalities)

    # --- building -------------------------------------------------------------------------

    def show_stats(self) -> None:
        """The statistics page, built on first use (it reads every case)."""
        if not self.may_leave_case():
            return
        if self.stats is None:
            from kokuho_desk.ui.stats_view import StatsView

            self.stats = StatsView(self.store)
            self.pages.addWidget(self.stats)
        self.pages.setCurrentWidget(self.stats)

    def show_audit(self) -> None:
        """The audit log (who opened, printed, exported what), newest first; read-only."""
        if not self.may_leave_case():
            return
        if self.audit is None:
            from kokuho_desk.ui.audit_view import AuditView

            self.audit = AuditView(self.store)
            self.pages.addWidget(self.audit)
        self.pages.setCurrentWidget(self.audit)

    def show_trash(self) -> None:
        """ごみ箱: deleted cases, to bring back or remove for good."""
        if not self.may_leave_case():
            return
        if self.trash is None:
            from kokuho_desk.ui.trash_view import TrashView

            self.trash = TrashView(self.store)
            self.trash.changed.connect(self._cases_changed)
            self.pages.addWidget(self.trash)
        self.pages.setCurrentWidget(self.trash)

    def _make_actions(self) -> None:
        toolbar = QToolBar("操作")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        menu = self.menuBar()
        file_menu = menu.addMenu("ファイル(&F)")
        case_menu = menu.addMenu("ケース(&C)")
        view_menu = menu.addMenu("表示(&V)")

        def action(text: str, slot, shortcut=None, menu_=None, on_toolbar=False) -> QAction:
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            if menu_ is not None:
                menu_.addAction(a)
            if on_toolbar:
                toolbar.addAction(a)
            self.addAction(a)
            return a

        self.new_action = action("新しいケース", self.new_case, QKeySequence.StandardKey.New, case_menu, True)
        self.save_action = action("保存", self.save, QKeySequence.StandardKey.Save, case_menu, True)
        self.check_action = action("判定する", self.run_checks, "F5", case_menu, True)
        action("記録を追加", self.add_log_entry, "Ctrl+L", case_menu)
        case_menu.addSeparator()
        self.delete_action = action("このケースを削除", self.delete_case, None, case_menu)
        action("検索", self.focus_search, QKeySequence.StandardKey.Find, view_menu)
        action("今週の期限", lambda: self.sidebar.setCurrentWidget(self.deadlines), "Ctrl+D", view_menu, True)
        if importlib.util.find_spec("kokuho_desk.ui.stats_view") is not None:
            action("統計", self.show_stats, "Ctrl+T", view_menu, True)
        action("操作記録", self.show_audit, None, view_menu)
        action("ごみ箱", self.show_trash, None, view_menu)
        action("設定", self.open_settings, "Ctrl+,", file_menu, True)
        self.passphrase_action = action("パスフレーズを変更する", self.change_passphrase, None, file_menu)
        file_menu.addSeparator()
        action("終了", self.close, QKeySequence.StandardKey.Quit, file_menu)
        for i in range(self.editor.tabs.count()):
            action(self.editor.tabs.tabText(i), lambda _c=False, i=i: self._show_tab(i), f"Alt+{i + 1}", view_menu)

    def _load_municipalities(self) -> None:
        from kokuho_desk.rules.municipality import list_profiles

        names = [p.name for p in list_profiles()]
        self.municipalities = names
        self.browser.set_municipalities(names)
        self.editor.household.municipality.set_suggestions(names)

    # --- cases ----------------------------------------------------------------------------

    def _update_title(self) -> None:
        if self.pages.currentWidget() is not self.case_page:
            return
        name = self.editor.head_name() or "（氏名未入力）"
        title = "新しいケース" + f"　{name}" if self.case_id is None else f"#{self.case_id}　{name}"
        if self.editor.is_modified:
            title += "　" + "（未保存）"
        self.title.setText(title)
        self.save_button.setEnabled(self.editor.is_modified or self.case_id is None)

    def _show_case_page(self) -> None:
        self.statusBar().clearMessage()
        self.pages.setCurrentWidget(self.case_page)
        self._update_title()
        self._refresh_overview()

    # --- the overview and stale verdicts ----------------------------------------------------

    def _mark_stale(self) -> None:
        """Any edit makes the verdicts on screen 「古い判定」 at once."""
        if self.report is not None and self._report_fresh:
            self._report_fresh = False
            self.checks.mark_stale()

    def _tab_changed(self, index: int) -> None:
        if self.editor.tabs.widget(index) is self.overview:
            self._refresh_overview()

    def _refresh_overview(self) -> None:
        if self.pages.currentWidget() is not self.case_page:
            return
        case, _errors = validate(*self.editor.gather())
        if case is None:
            self.overview.show_overview(None)
            return
        report = self.report if self._report_fresh else None
        last = (
            self.store.last_judgement(self.case_id)
            if self.case_id is not None and not self.editor.is_modified
            else None
        )
        self.overview.show_overview(case_overview(case, report), last, judged_now=report is not None)

    def _action_done(self, action) -> None:
        """A step ticked off in 概要 stays in the log as 済み (saved with the case)."""
        if action.log_index is not None:
            done = self.editor.form.target(f"log[{action.log_index}].done")
            assert isinstance(done, Field)  # the overview was built from this form's log
            done.set_value(True)
        else:
            log = self.editor.log.log
            log.add_row(
                {
                    "date": self._today().isoformat(),
                    "kind": "check",
                    "note": "済み",
                    "next_action": action.text,
                    "due_date": action.due.isoformat() if action.due else None,
                    "done": True,
                }
            )
            log.changed.emit()
        self.statusBar().showMessage(f"「{action.text}」を済みとして相談記録に残しました。保存してください。")
        self._refresh_overview()

    def may_leave_case(self) -> bool:
        """The unsaved-changes guard: True when the open case may be left (saved, discarded or unchanged)."""
        if self.pages.currentWidget() is not self.case_page or not self.editor.is_modified:
            return True
        answer = choose(self, "このケースには保存していない変更があります。保存しますか？", "保存する", "保存しない")
        if answer == 0:
            return self.save()
        return answer == 1

    def new_case(self) -> None:
        if not self.may_leave_case():
            return
        self.case_id = None
        self.editor.new_case(self.settings.get("default_municipality") or None)
        self.checks.clear()
        self.report = None
        self._report_fresh = False
        self._show_case_page()
        self.editor.focus_field("members[0].name")

    def open_case(self, case_id: int) -> None:
        if case_id == self.case_id and self.pages.currentWidget() is self.case_page:
            return
        if not self.may_leave_case():
            if self.case_id is not None:
                self.browser.select_case(self.case_id)
            return
        try:
            case, version = self.store.get_with_version(case_id)
            self.store.record_view(case_id)  # the audit keeps every opening of a client's case
        except CaseNotFound as e:
            self.statusBar().showMessage(str(e))
            return
        except StoreError as e:  # e.g. another program kept the database busy past the busy timeout
            QMessageBox.warning(
                self, APP_NAME, f"ケースを開けませんでした。少し待ってからもう一度開いてください。\n{e}"
            )
            return
        self.case_id, self.case_version = case_id, version
        self.editor.load_case(case)
        self.checks.clear()
        self.report = None
        self._report_fresh = False
        self._show_case_page()

    def save(self) -> bool:
        """Validate and store the open case in one transaction; False (nothing written) if it has errors."""
        case = self.editor.current_case(for_saving=True)
        if case is None:
            self.statusBar().showMessage("入力に誤りがあります。赤い欄を直してください。保存していません。")
            return False
        if self.case_id is None and not self._not_a_second_case(case):
            return False
        try:
            if self.case_id is None:
                self.case_id, self.case_version = self.store.create(case), 1
            else:
                self.case_version = self.store.update(self.case_id, case, expected_version=self.case_version)
        except CaseChanged:
            return self._save_changed_elsewhere(case)
        except (StoreError, ValueError) as e:
            QMessageBox.critical(self, APP_NAME, f"保存できませんでした。入力した内容は画面に残っています。\n{e}")
            return False
        self.editor.mark_saved(case)
        self._update_title()
        self.statusBar().showMessage(f"保存しました（#{self.case_id}）", 5000)
        self.cases.refresh()
        self.deadlines.refresh()
        return True

    def _save_changed_elsewhere(self, case: Case) -> bool:
        """The open case was saved elsewhere since it was opened: reload it, or overwrite with what the window
        shows (log entries added elsewhere are kept either way: the log is append-only), or cancel."""
        assert self.case_id is not None  # only a stored case can have been saved elsewhere
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            APP_NAME,
            (
                "このケースは、開いた後に別の画面またはコマンドで変更されています。\n"
                "「読み込み直す」と画面の変更は捨てて保存済みの内容を表示します。\n"
                "「上書きする」と画面の内容で保存します（記録の欄に追加された記録は残ります）。"
            ),
            parent=self,
        )
        reload = box.addButton("読み込み直す", QMessageBox.ButtonRole.DestructiveRole)
        overwrite = box.addButton("上書きする", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("キャンセル", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is overwrite:
            try:
                self.case_version = self.store.update(self.case_id, case)
            except (StoreError, ValueError) as e:
                QMessageBox.critical(self, APP_NAME, f"保存できませんでした。入力した内容は画面に残っています。\n{e}")
                return False
        elif box.clickedButton() is not reload:
            return False
        stored, self.case_version = self.store.get_with_version(self.case_id)
        self.editor.load_case(stored)
        self._update_title()
        self.cases.refresh()
        self.deadlines.refresh()
        return box.clickedButton() is overwrite

    def delete_case(self) -> None:
        """Move the open case to the trash (ごみ箱), after asking; it can be brought back from there."""
        if self.pages.currentWidget() is not self.case_page:
            return
        if self.case_id is None:
            self.statusBar().showMessage("まだ保存していないケースです。削除するものはありません。", 5000)
            return
        name = self.editor.head_name() or "（氏名なし）"
        if not confirm(
            self,
            (
                f"ケース #{self.case_id}「{name}」を削除しますか？\nごみ箱に移します（「表示」→「ごみ箱」から元に戻せます）。"
            ),
            "削除する",
        ):
            return
        try:
            self.store.delete(self.case_id)
        except (CaseNotFound, StoreError) as e:
            QMessageBox.warning(self, APP_NAME, str(e))
            return
        self.statusBar().showMessage(f"ケース #{self.case_id} をごみ箱に移しました", 5000)
        self.case_id = None
        self.editor.new_case()  # nothing unsaved is left behind to ask about
        self.report = None
        self._report_fresh = False
        self.pages.setCurrentWidget(self.welcome)
        self._cases_changed()

    def _cases_changed(self) -> None:
        self.cases.refresh()
        self.deadlines.refresh()

    def _not_a_second_case(self, case: Case) -> bool:
        """Before a new case is first saved: if the store has a case of the same 世帯主 (same ふりがな and
        birth date, any status), ask. True: save it anyway; False: not saved (cancelled, or the
        existing case was opened instead)."""
        head = case.head
        if not head.kana or head.birth_date is None:
            return True
        same = self.store.same_person(head.kana, head.birth_date)
        if not same:
            return True
        first = same[0]
        status = STATUS_LABELS.get(first.status, first.status)
        answer = choose(
            self,
            "同じ方のケースがあるようです（#{id} {name}、{status}）。開きますか？".format(
                id=first.id, name=first.head_name or "", status=status
            ),
            "開く",
            "このまま保存",
        )
        if answer == 0:
            self.editor.new_case()  # the new one is dropped: the client's case is the one to go on with
            self.open_case(first.id)
            self.statusBar().showMessage(f"入力中の新しいケースは保存せず、#{first.id} を開きました", 8000)
        return answer == 1

    def add_log_entry(self) -> None:
        if self.pages.currentWidget() is self.case_page:
            self.editor.add_log_entry()

    def focus_search(self) -> None:
        self.sidebar.setCurrentWidget(self.browser)
        self.browser.search.setFocus()
        self.browser.search.selectAll()

    def _show_tab(self, index: int) -> None:
        if self.pages.currentWidget() is self.case_page:
            self.editor.tabs.setCurrentIndex(index)
            self.editor.tabs.currentWidget().setFocus()

    # --- checks and letters -----------------------------------------------------------------

    def run_checks(self) -> operations.Operation | None:
        """Run every check on what the editor shows (valid input only), off the UI thread."""
        if self.pages.currentWidget() is not self.case_page:
            return None
        case = self.editor.current_case()
        if case is None:
            self.statusBar().showMessage("入力に誤りがあります。直してから判定してください。")
            return None
        self.check_button.setEnabled(False)
        self.checks.show_running()
        case_id = self.case_id
        return operations.run_in_background(
            self,
            lambda: _checks_with_letters(case),
            on_success=lambda result: self._checks_done(case_id, *result),
            on_failure=self._checks_failed,
        )

    def _checks_done(self, case_id: int | None, report, letters: dict[str, tuple[str, str]], statement: str) -> None:
        self.check_button.setEnabled(True)
        self.report = report
        self._report_fresh = True
        self.checks.show_report(report, letters, statement)
        self._refresh_overview()
        self.editor.tabs.setCurrentWidget(self.checks)
        if case_id is not None and case_id == self.case_id and not self.editor.is_modified:
            done = {e.next_action for e in report.case.log if e.done}
            actions = [a for check in report.checks for a in check.next_actions if a.action not in done]
            self.store.set_next_actions(case_id, actions, CHECKS_SOURCE)
            # The verdicts as shown: rescreen compares against them, statistics count them.
            from kokuho_desk.stats.counted import record_judged

            record_judged(self.store, [(case_id, report.case, report.judgement())])
            self.deadlines.refresh()
            self.cases.refresh()

    def _checks_failed(self, error: Exception) -> None:
        self.check_button.setEnabled(True)
        self.checks.clear()
        QMessageBox.warning(self, APP_NAME, f"判定できませんでした。\n{error}")

    def enter_rates(self) -> RateEntryDialog | None:
        """The rate entry form for the municipality and fiscal year of the open case; judged again once saved."""
        case = self.editor.current_case()
        if case is None:
            self.statusBar().showMessage("入力に誤りがあります。直してから料率を入力してください。")
            return None
        self.rate_entry = RateEntryDialog(self.store, case.municipality or "", case.effective_fiscal_year, self)
        self.rate_entry.accepted.connect(self._rates_entered)
        self.rate_entry.open()
        return self.rate_entry

    def _rates_entered(self) -> None:
        desk_rates.install(self.store.desk_rates())
        self.statusBar().showMessage("料率を保存しました。判定し直します。", 5000)
        self.run_checks()

    def make_letter(self, kind: str) -> operations.Operation | None:
        """Make letter ``kind`` for the case as the editor shows it now (off the UI thread) and show it
        for printing. A case changed since its last judgement is judged again first, so the letter
        never carries an old judgement; a letter its check does not support is made only if the
        desk says so."""
        case = self.editor.current_case()
        if case is None:
            self.statusBar().showMessage("入力に誤りがあります。直してから書類を作ってください。")
            return None
        if self.report is not None and self.report.case == case:
            return self._make_letter_for(kind, case, self.report)
        case_id = self.case_id
        tab = self.editor.tabs.currentWidget()  # the desk stays where it asked for the letter
        self.statusBar().showMessage("入力した内容で判定し直しています…")

        def judged(result) -> None:
            self._checks_done(case_id, *result)
            self.editor.tabs.setCurrentWidget(tab)
            self._make_letter_for(kind, case, result[0])

        return operations.run_in_background(
            self, lambda: _checks_with_letters(case), on_success=judged, on_failure=self._checks_failed
        )

    def confirm_letter(self, warning: str) -> bool:
        answer = QMessageBox.question(
            self,
            APP_NAME,
            warning + "\n\n" + "このまま書類を作りますか？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _make_letter_for(self, kind: str, case: Case, report) -> operations.Operation | None:
        from kokuho_desk.letters import verdict_warning

        warning = verdict_warning(kind, report)
        if warning and not self.confirm_letter(warning):
            self.statusBar().clearMessage()
            return None
        desk = desk_info(self.settings)
        font = self.settings.get("pdf_font") or None
        today = self._today()
        self.statusBar().showMessage("書類を作っています…")

        def make() -> bytes:
            from kokuho_desk.letters import make_letter

            return make_letter(kind, case, report, today=today, desk=desk, font=font)

        return operations.run_in_background(
            self,
            make,
            on_success=lambda pdf: self._letter_done(kind, pdf),
            on_failure=self._letter_failed,
        )

    def _letter_failed(self, error: Exception) -> None:
        QMessageBox.warning(self, APP_NAME, f"書類を作れませんでした。\n{error}")

    def _letter_done(self, kind: str, pdf: bytes) -> None:
        from kokuho_desk.ui.letter_preview import LetterPreview

        self.statusBar().clearMessage()
        if self.case_id is not None:
            self.store.audit("letter", self.case_id, kind)
        self.letter_preview = LetterPreview(pdf, suggested_name=f"{kind}.pdf", parent=self)
        self.letter_preview.show()

    # --- settings and closing -------------------------------------------------------------

    def open_settings(self) -> None:
        from kokuho_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self, self.municipalities)
        if dialog.exec():
            self.apply_settings()

    def apply_settings(self) -> None:
        """What the settings change on screen, at once: the text size (the list re-sizes its columns
        and the side pane widens to keep them in view) and the idle lock's minutes."""
        apply_text_size(application(), self.settings.get("large_text"))
        for widget in self.findChildren(QWidget):
            if widget.styleSheet():  # Qt does not pass a new font into a widget under a style sheet
                widget.setStyleSheet(widget.styleSheet())
        QApplication.sendPostedEvents()  # the font change reaches every widget before the widths are read
        splitter = self.centralWidget()
        assert isinstance(splitter, QSplitter)  # set in __init__
        sizes = splitter.sizes()
        needed = self.browser.needed_width()
        if sizes[0] < needed:
            splitter.setSizes([needed, max(sum(sizes) - needed, 1)])
        if self.idle_lock is not None:
            self.idle_lock.set_minutes(self.settings.get("lock_minutes"))

    def change_passphrase(self) -> bool:
        """Ask the passphrase in use, then the new one twice; re-encrypt the database and make a backup
        under the new one (older backups keep the passphrase they were made with). True if changed."""
        from kokuho_desk.ui.passphrase_dialog import PassphraseDialog

        if not self.store.encrypted:
            QMessageBox.information(self, APP_NAME, "このデータベースは暗号化されていません。")
            return False
        old: list[str] = []

        def check_old(passphrase: str) -> str | None:
            if not self.store.check_passphrase(passphrase):
                return "パスフレーズが違います。"
            old.append(passphrase)
            return None

        def change(new: str) -> str | None:
            if new == old[0]:
                return "今のパスフレーズと同じです。別のものにしてください。"
            operations.wait_for_all()
            self.reader.release()  # re-encrypting needs the only connection to the file
            try:
                self.store.change_passphrase(old[0], new)
            except (StoreError, DatabaseError) as e:  # e.g. the file is busy: nothing was changed
                return f"パスフレーズを変更できませんでした（{e}）"
            return None

        if not PassphraseDialog(
            check_old,
            new=False,
            parent=self,
            prompt="パスフレーズを変更します。今のパスフレーズを入力してください。",
        ).exec():
            return False
        if not PassphraseDialog(
            change,
            new=True,
            parent=self,
            prompt=(
                "新しいパスフレーズを二回入力してください。"
                "忘れると記録を読めなくなります。紙に書いて鍵のかかる場所に保管してください。"
            ),
        ).exec():
            return False
        try:
            self.store.backup("passphrase")
            done = (
                "パスフレーズを変更し、新しいパスフレーズでバックアップを作りました。"
                "それより前のバックアップは前のパスフレーズのままです。"
            )
        except StoreError as e:
            done = f"パスフレーズを変更しました。バックアップは作れませんでした: {e}"
        self._cases_changed()
        self.statusBar().showMessage(done, 15000)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        """On the first show, put the window where it was when it last closed (over the start-up size)."""
        if not self._geometry_restored:
            self._geometry_restored = True
            geometry = self.settings.window_geometry()
            if geometry is not None:
                self.restoreGeometry(geometry)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_leave_case():
            event.ignore()
            return
        self.settings.set_window_geometry(self.saveGeometry())
        operations.wait_for_all()
        self.reader.close()
        event.accept()


def _checks_with_letters(case: Case):
    """(report, {check id: (letter kind, title)}, 計算書 text) — pure work for the thread pool."""
    from kokuho_desk.letters import letter_for_check, list_letters
    from kokuho_desk.rules.engine import run_checks
    from kokuho_desk.rules.statement import render

    report = run_checks(case)
    titles = dict(list_letters())
    letters = {c.id: (kind, titles[kind]) for c in report.checks if (kind := letter_for_check(c))}
    return report, letters, render(report)
