"""Qt's own texts in Japanese: the OK / キャンセル of a dialog and the 元に戻す / コピー of a
right-click menu come from the catalogue PySide6 ships. Our own texts are written in Japanese
where they are shown; there is no catalogue of ours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator


def install_qt_japanese(app: QCoreApplication) -> bool:
    """Load the Japanese catalogue PySide6 ships for Qt's own texts. False if it is missing."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_ja", folder):
        return False
    return app.installTranslator(translator)
