"""The running application, typed as what it is: ``QApplication.instance()`` is typed as the core
QCoreApplication, while the window always runs inside a QApplication (commands/gui.py makes it)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "the window needs a QApplication"
    return app
