"""Runtime hook: tell Qt where the bundled plugins are, without importing Qt.

It stands in for PyInstaller's PySide6 runtime hook, which imports PySide6.QtCore at every
start (to embed a qt.conf that PySide6's wheels already embed themselves) and so would make
`kokuho-desk check`, which never uses Qt, slower by the time it takes to load Qt.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6") if sys.platform == "win32" else os.path.join(sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
