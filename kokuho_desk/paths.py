"""The one place that finds the project's data folders (resources/, forms/).

Works from a source checkout, from an installed wheel (the folders are then not
inside the package, so the checkout layout is tried first), and from a
PyInstaller bundle (sys._MEIPASS).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kokuho_desk import APP_ID


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


def cache_dir() -> Path:
    """Where data derived from resources/ is kept (parsed_cache.py): $KOKUHO_DESK_CACHE_DIR, else the
    user's cache folder of the system. Safe to delete; never inside the resources (read-only in a
    bundle). Found without platformdirs, whose import costs every `check` several milliseconds."""
    override = os.environ.get("KOKUHO_DESK_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return (Path(local) if local else Path.home() / "AppData" / "Local") / APP_ID / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_ID
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP_ID  # XDG Base Directory
