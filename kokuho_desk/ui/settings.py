"""Every setting of the desk, declared once (name, default, label), stored with QSettings.

The core never reads these: the window passes plain values (the desk's name to the
letters, the font path, the database path) as arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QApplication

from kokuho_desk import APP_ID

LARGE_TEXT_SCALE = 1.25
GEOMETRY_KEY = "window/geometry"  # the main window's size and place (not a setting the user edits)


@dataclass(frozen=True)
class Setting:
    """A setting of the desk that the user can change, with its label and help in Japanese."""

    name: str
    default: Any
    label: str
    help: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("desk_name", "", "相談窓口の名前", "申請書の「代理人・同行者」欄と相談記録票に印刷されます"),
    Setting("desk_volunteer", "", "相談員の名前", "申請書の「代理人・同行者」欄と委任状の代理人に印刷されます"),
    Setting("desk_phone", "", "相談窓口の電話番号", "申請書の「代理人・同行者」欄と相談記録票に印刷されます"),
    Setting("desk_contact", "", "相談窓口の連絡先", "住所など。相談記録票に印刷されます"),
    Setting("default_municipality", "", "既定の市区町村", "新しいケースに最初から入る市区町村"),
    Setting("pdf_font", "", "書類のフォント", "日本語TTFフォントのファイル。空欄なら同梱のIPAexフォント"),
    Setting("large_text", False, "大きな文字で表示する", "画面の文字を1.25倍にします"),
    Setting("db_path", "", "データベースの場所", "空欄なら既定の場所。変更は次回の起動から有効です"),
    Setting("user_name", "", "利用者の名前", "操作記録（監査ログ）に残る名前"),
    Setting("lock_minutes", 10, "自動ロックまでの分数", "操作がないとこの分数で画面をロックします。0で無効"),
)
BY_NAME = {s.name: s for s in SETTINGS}


class AppSettings:
    """Typed access to SETTINGS over a QSettings store."""

    def __init__(self, qsettings: QSettings | None = None):
        self._q = qsettings if qsettings is not None else QSettings(APP_ID, APP_ID)

    def get(self, name: str) -> Any:
        setting = BY_NAME[name]
        raw = self._q.value(name, setting.default)
        if isinstance(setting.default, bool):
            return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
        if isinstance(setting.default, int):
            try:
                return int(str(raw))  # QSettings gives back what it stored: an int, or its text from the file
            except (TypeError, ValueError):
                return setting.default
        return raw if raw is not None else setting.default

    def set(self, name: str, value: Any) -> None:
        if name not in BY_NAME:
            raise KeyError(name)
        self._q.setValue(name, value)
        self._q.sync()

    def label(self, name: str) -> str:
        return BY_NAME[name].label

    def window_geometry(self) -> QByteArray | None:
        """The main window's geometry saved when it last closed (QWidget.saveGeometry), if any."""
        raw = self._q.value(GEOMETRY_KEY)
        return raw if isinstance(raw, QByteArray) and not raw.isEmpty() else None

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._q.setValue(GEOMETRY_KEY, geometry)
        self._q.sync()


def desk_info(settings: AppSettings):
    """The desk printed on the letters (a letters.DeskInfo), from the settings; the letters are
    imported only when a letter is made, as elsewhere in the window, to keep start-up quick."""
    from kokuho_desk.letters.context import DeskInfo

    return DeskInfo(
        name=settings.get("desk_name"),
        volunteer=settings.get("desk_volunteer"),
        phone=settings.get("desk_phone"),
        contact=settings.get("desk_contact"),
    )


def apply_text_size(app: QApplication, large: bool) -> None:
    """Scale the application font for the large-text mode (from the size it started with)."""
    base = app.property("base_point_size")
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty("base_point_size", base)
    font = app.font()
    font.setPointSizeF(base * (LARGE_TEXT_SCALE if large else 1.0))
    app.setFont(font)
