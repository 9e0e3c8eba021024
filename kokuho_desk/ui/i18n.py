"""The UI's languages: Qt's own Japanese texts (dialog buttons, context menus) and the
``_("…")`` helper around every visible string of ours.

Source strings are Japanese. Catalogues are gettext ``.mo`` files under
resources/i18n/<lang>/LC_MESSAGES/kokuho_desk.mo (extract with
``pybabel extract -k _ -k N_ kokuho_desk/ui``, compile with ``pybabel compile``);
without a catalogue the Japanese text is shown as is. Labels that come from the
core (RELATION_LABELS …) are marked where they are declared and translated here
when shown.
"""

from __future__ import annotations

import gettext

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from kokuho_desk import paths

DOMAIN = "kokuho_desk"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def install(language: str | None) -> None:
    """Use the catalogue for ``language`` (e.g. "en"); None or "ja" shows the source text."""
    global _translation
    if not language or language.startswith("ja"):
        _translation = gettext.NullTranslations()
        return
    _translation = gettext.translation(DOMAIN, localedir=paths.RESOURCES / "i18n", languages=[language], fallback=True)


def install_qt_japanese(app: QCoreApplication) -> bool:
    """Load the Japanese catalogue PySide6 ships for Qt's own texts, so the OK / Cancel of a
    dialog and the 元に戻す / コピー of a right-click menu are Japanese. False if it is missing."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_ja", folder):
        return False
    return app.installTranslator(translator)


def _(text: str) -> str:
    return _translation.gettext(text)


def N_(text: str) -> str:
    """Mark a string for extraction where it is declared; translate it with _() when shown."""
    return text
