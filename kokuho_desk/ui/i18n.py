"""The one translation helper of the UI: ``_("…")`` around every visible string.

Source strings are Japanese. Catalogues are gettext ``.mo`` files under
resources/i18n/<lang>/LC_MESSAGES/kokuho_desk.mo (extract with
``pybabel extract -k _ -k N_ kokuho_desk/ui``, compile with ``pybabel compile``);
without a catalogue the Japanese text is shown as is. Labels that come from the
core (RELATION_LABELS …) are marked where they are declared and translated here
when shown.
"""

from __future__ import annotations

import gettext

from kokuho_desk import paths

DOMAIN = "kokuho_desk"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def install(language: str | None) -> None:
    """Use the catalogue for ``language`` (e.g. "en"); None or "ja" shows the source text."""
    global _translation
    if not language or language.startswith("ja"):
        _translation = gettext.NullTranslations()
        return
    _translation = gettext.translation(DOMAIN, localedir=paths.RESOURCES / "i18n",
                                       languages=[language], fallback=True)


def _(text: str) -> str:
    return _translation.gettext(text)


def N_(text: str) -> str:
    """Mark a string for extraction where it is declared; translate it with _() when shown."""
    return text
