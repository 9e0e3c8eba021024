"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 did not, and crashed the app."""

import gc
import sys

from PySide6.QtWidgets import QCheckBox, QWidget


def test_qt_calls_do_not_drain_none_or_bool_references(qtbot):
    """Ensure a thousand Qt setter and getter calls leave None's and True's reference counts whole.

    PySide6 6.12.0 dropped one reference to None per void call: on Python 3.11, where None
    is not immortal, opening ~45 cases in the window aborted the interpreter.
    """
    box, widget = QCheckBox(), QWidget()
    qtbot.addWidget(box)
    qtbot.addWidget(widget)
    gc.collect()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(1000):
        box.setChecked(True)
        widget.setVisible(False)
        box.isChecked()
    gc.collect()
    assert sys.getrefcount(None) - none_before > -50
    assert sys.getrefcount(True) - true_before > -50
