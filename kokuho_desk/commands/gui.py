"""`kokuho-desk` with no subcommand: the window.

Start-up is kept short (≤ 1.5 s to a usable window): only Qt, the store and the
model are imported here; the rules, the letters (reportlab) and the statistics are
imported when first used.
"""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from kokuho_desk import APP_ID, APP_NAME, paths
from kokuho_desk.cli import EXIT_ERROR
from kokuho_desk.store import Store, StoreError, default_db_path, open_store
from kokuho_desk.ui.desk_dialog import ask_desk_at_first_run
from kokuho_desk.ui.i18n import install_qt_japanese
from kokuho_desk.ui.lock import install_idle_lock
from kokuho_desk.ui.main_window import MainWindow
from kokuho_desk.ui.operations import run_in_background
from kokuho_desk.ui.passphrase_dialog import unlock_store
from kokuho_desk.ui.settings import AppSettings, apply_text_size

# Japanese UI fonts in order of preference; the bundled IPAex Gothic if none is installed.
FONT_FAMILIES = ("IPAexGothic", "Yu Gothic UI", "Meiryo UI", "Meiryo", "Noto Sans CJK JP", "Hiragino Sans")
MIN_POINT_SIZE = 10.0
# How often the running window asks whether the daily backup is due.
BACKUP_CHECK_MS = 60 * 60 * 1000


def japanese_font(point_size: float) -> QFont:
    installed = set(QFontDatabase.families())
    family = next((f for f in FONT_FAMILIES if f in installed), None)
    if family is None:
        font_id = QFontDatabase.addApplicationFont(str(paths.FONTS / "ipaexg.ttf"))
        family = (QFontDatabase.applicationFontFamilies(font_id) or [""])[0]
    font = QFont(family)
    font.setPointSizeF(point_size)
    return font


def start(args: Namespace) -> tuple[QApplication, MainWindow | None]:
    """Create the application and show the window on the database ``args.db`` (or the configured one)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # the window needs a QApplication (instance() is typed as the core one)
    app.setOrganizationName(APP_ID)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    install_qt_japanese(app)
    settings = AppSettings()
    app.setFont(japanese_font(max(app.font().pointSizeF(), MIN_POINT_SIZE)))
    apply_text_size(app, settings.get("large_text"))
    path = Path(args.db or settings.get("db_path") or default_db_path())
    user = settings.get("user_name") or None
    try:
        passphrase = getattr(args, "passphrase", None)  # the demo's, printed on the terminal
        store = open_store(path, user=user, passphrase=passphrase) if passphrase else unlock_store(path, user=user)
    except (StoreError, OSError) as e:
        QMessageBox.critical(None, APP_NAME, f"データベースを開けません。\n{e}")
        return app, None
    if store is None:  # the passphrase dialog was cancelled
        return app, None
    window = MainWindow(store, settings)

    def lock() -> None:
        window.reader.release()
        store.lock()

    window.idle_lock = install_idle_lock(window, store.unlock, settings.get("lock_minutes"), on_lock=lock)
    _schedule_backups(window, store)
    app.aboutToQuit.connect(store.close)
    window.resize(app.primaryScreen().availableGeometry().size())
    window.showMaximized()
    QTimer.singleShot(0, lambda: ask_desk_at_first_run(store, settings, window))  # first start: which desk
    return app, window


def _schedule_backups(window: MainWindow, store: Store) -> None:
    """A backup at the start of every session and a daily one while the window stays open,
    each made off the UI thread on its own connection (the store's is the UI thread's)."""

    def backup(reason: str) -> None:
        if (
            window.idle_lock is not None and window.idle_lock.locked
        ):  # the passphrase is forgotten while locked; the next hour's check makes it
            return

        def make() -> None:
            with open_store(store.path, user=store.user) as own:
                if reason == "start":
                    own.backup(reason)
                else:
                    own.backup_if_due()

        run_in_background(
            window,
            make,
            on_success=lambda _result: None,
            on_failure=lambda e: window.statusBar().showMessage(f"バックアップを作れませんでした: {e}"),
        )

    QTimer.singleShot(0, lambda: backup("start"))
    timer = QTimer(window)
    timer.timeout.connect(lambda: backup("daily"))
    timer.start(BACKUP_CHECK_MS)


def run(args: Namespace) -> int:
    app, window = start(args)
    if window is None:
        return EXIT_ERROR
    return app.exec()
