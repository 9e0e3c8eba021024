"""The one place that finds the project's data folders (resources/, forms/).

Works from a source checkout, from an installed wheel (the folders are then not
inside the package, so the checkout layout is tried first), and from a
PyInstaller bundle (sys._MEIPASS).
"""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


ROOT = _root()
RESOURCES = ROOT / "resources"
FORMS = ROOT / "forms"
SCHEMA = RESOURCES / "schema"
RULES = RESOURCES / "rules"
MUNICIPALITIES = RESOURCES / "municipalities"
MASTER = RESOURCES / "master"  # every municipality of Japan (docs/municipalities.md)
FONTS = RESOURCES / "fonts"
