"""Find and register the Japanese TrueType fonts the letters embed.

Search order: the font chosen in the settings or with ``--font`` → the IPAex fonts
shipped in resources/fonts → Debian's fonts-ipaexfont → Windows system fonts
(BIZ UD明朝/ゴシック, MS 明朝/ゴシック). reportlab embeds only TrueType outlines: a
CFF font (most .otf, Noto CJK .ttc) is refused, and the error says so in Japanese,
naming every file tried.

A character the font lacks (emoji, a 外字 from another PC) would print as an empty
box or crash the subsetter; :meth:`FontSet.displayable` replaces it with 〓, the
sign Japanese offices use for "a character that could not be printed", so the
reader sees that something must be written by hand.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from kokuho_desk import paths

MISSING_GLYPH = "〓"

# Characters that only modify the one before them; the fonts have no glyph for
# them and dropping them keeps the base character (葛 + IVS → 葛).
_INVISIBLE_CATEGORIES = {"Mn", "Me", "Cf"}

_DEBIAN = Path("/usr/share/fonts/opentype")
_WINDOWS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"

# (body = 明朝, heading = ゴシック) pairs, best first.
CANDIDATES: tuple[tuple[Path, Path], ...] = (
    (paths.FONTS / "ipaexm.ttf", paths.FONTS / "ipaexg.ttf"),
    (_DEBIAN / "ipaexfont-mincho" / "ipaexm.ttf", _DEBIAN / "ipaexfont-gothic" / "ipaexg.ttf"),
    (_WINDOWS / "BIZ-UDMinchoM.ttc", _WINDOWS / "BIZ-UDGothicR.ttc"),
    (_WINDOWS / "msmincho.ttc", _WINDOWS / "msgothic.ttc"),
)


class FontNotFoundError(RuntimeError):
    """No usable Japanese font; the message (Japanese) lists what was tried."""


@dataclass(frozen=True)
class FontSet:
    """The fonts a letter is printed in (明朝 for the body, ゴシック for headings) and the characters they have."""

    body: str  # registered reportlab font name for body text (明朝)
    heading: str  # for titles and headings (ゴシック); IPAex has no bold
    files: tuple[Path, Path]
    _chars: frozenset[int] = field(repr=False, default=frozenset())

    def has(self, ch: str) -> bool:
        return ord(ch) in self._chars

    def displayable(self, text: str) -> str:
        """The text with each character the fonts lack replaced by 〓 (and joiners,
        variation selectors and other invisible marks dropped)."""
        out = []
        for ch in text:
            if ch in "\n\t" or self.has(ch):
                out.append(ch)
            elif unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
                continue
            elif unicodedata.category(ch) == "Cc":
                out.append(" ")
            else:
                out.append(MISSING_GLYPH)
        return "".join(out)


def _register(name: str, path: Path) -> TTFont:
    font = TTFont(name, str(path), subfontIndex=0) if path.suffix.lower() == ".ttc" else TTFont(name, str(path))
    pdfmetrics.registerFont(font)
    return font


def _try_pair(body: Path, heading: Path, tried: list[str]) -> FontSet | None:
    fonts = []
    for role, path in (("Body", body), ("Heading", heading)):
        if not path.is_file():
            tried.append(f"{path}（ファイルがありません）")
            return None
        try:
            fonts.append(_register(f"KokuhoDesk{role}-{path.stem}", path))
        except (TTFError, OSError) as e:
            reason = "PostScript(CFF)形式のため埋め込めません" if "postscript" in str(e).lower() else str(e)
            tried.append(f"{path}（{reason}）")
            return None
    chars = set(fonts[0].face.charToGlyph) & set(fonts[1].face.charToGlyph)
    if ord("国") not in chars:
        tried.append(f"{body}（日本語の文字が入っていません）")
        return None
    return FontSet(fonts[0].fontName, fonts[1].fontName, (body, heading), frozenset(chars))


@cache
def load_fonts(font: str | None = None) -> FontSet:
    """:func:`find_fonts`, once per process."""
    return find_fonts(font)


def find_fonts(font: str | None = None, candidates: tuple[tuple[Path, Path], ...] = CANDIDATES) -> FontSet:
    """Register and return the fonts; ``font`` (a TTF/TTC path from the settings or
    ``--font``) is used for body and headings alike."""
    tried: list[str] = []
    if font:
        found = _try_pair(Path(font), Path(font), tried)
        if found is None:
            raise FontNotFoundError(
                f"指定された日本語フォントが使えません: {tried[0]}\n"
                "TrueType形式（.ttf、または TrueType の .ttc）のフォントを指定してください。"
            )
        return found
    for body, heading in candidates:
        found = _try_pair(body, heading, tried)
        if found is not None:
            return found
    raise FontNotFoundError(
        "日本語フォントが見つかりません。次の場所を探しました:\n"
        + "\n".join(f"  - {t}" for t in tried)
        + "\n設定または --font で TrueType 形式の日本語フォント（例: IPAex明朝 ipaexm.ttf）を指定してください。"
    )
