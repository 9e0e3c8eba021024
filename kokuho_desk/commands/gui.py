"""`kokuho-desk` with no subcommand: the window.

Start-up is kept short (≤ 1.5 s to a usable window): only Qt, the store and the
model are imported here; the rules, the letters (reportlab) and the statistics are
imported when first used.
"""

from __future__ import annotations

import sys
from argparse import Namespace

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from kokuho_desk import APP_ID, APP_NAME, paths
from kokuho_desk.cli import EXIT_ERROR
from kokuho_desk.store import StoreError, open_store
from kokuho_desk.ui.main_window import MainWindow
from kokuho_desk.ui.settings import Settings, apply_text_size

# Japanese UI fonts in order of preference; the bundled IPAex Gothic if none is installed.
FONT_FAMILIES = ("IPAexGothic", "Yu Gothic UI", "Meiryo UI", "Meiryo", "Noto Sans CJK JP", "Hiragino Sans")
MIN_POINT_SIZE = 10.0


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
    app.setOrganizationName(APP_ID)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    settings = Settings()
    app.setFont(japanese_font(max(app.font().pointSizeF(), MIN_POINT_SIZE)))
    apply_text_size(app, settings.get("large_text"))
    try:
        store = open_store(args.db or settings.get("db_path") or None)
    except (StoreError, OSError) as e:
        QMessageBox.critical(None, APP_NAME, f"データベースを開けません。\n{e}")
        return app, None
    window = MainWindow(store, settings)
    app.aboutToQuit.connect(store.close)
    window.resize(app.primaryScreen().availableGeometry().size())
    window.showMaximized()
    return app, window


def run(args: Namespace) -> int:
    app, window = start(args)
    if window is None:
        return EXIT_ERROR
    return app.exec()
