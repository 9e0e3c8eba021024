"""Finding the Japanese font, and the clear errors when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from kokuho_desk import paths
from kokuho_desk.letters.fonts import FontNotFoundError, find_fonts

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_bundled_fonts_come_first():
    """Ensure the IPAex fonts shipped in resources/fonts are used before any system font."""
    fonts = find_fonts()
    assert fonts.files == (paths.FONTS / "ipaexm.ttf", paths.FONTS / "ipaexg.ttf")
    assert fonts.has("国") and fonts.has("〓") and not fonts.has("😀")


def test_bundled_fonts_ship_with_their_license():
    """Ensure the IPA Font License travels with the bundled fonts."""
    text = (paths.FONTS / "IPA_Font_License_Agreement_v1.0.txt").read_text(encoding="utf-8")
    assert "IPAフォントライセンスv1.0" in text and "IPA Font License Agreement v1.0" in text


def test_chosen_font_is_used_for_everything():
    """Ensure a font chosen in the settings (or with --font) sets body and headings."""
    path = str(paths.FONTS / "ipaexg.ttf")
    fonts = find_fonts(path)
    assert fonts.files == (Path(path), Path(path))


def test_missing_chosen_font_is_a_japanese_error(tmp_path):
    """Ensure a chosen font file that does not exist gives a Japanese error naming it."""
    with pytest.raises(FontNotFoundError, match="指定された日本語フォントが使えません.*ファイルがありません"):
        find_fonts(str(tmp_path / "none.ttf"))


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")
def test_font_without_japanese_is_refused():
    """Ensure a TrueType font without Japanese characters is refused, not used to print tofu."""
    with pytest.raises(FontNotFoundError, match="日本語の文字が入っていません"):
        find_fonts(str(DEJAVU))


def test_not_a_font_is_refused(tmp_path):
    """Ensure a file that is not a font gives the Japanese error, not a traceback."""
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(FontNotFoundError, match="TrueType形式"):
        find_fonts(str(bad))


def test_no_font_anywhere_lists_what_was_tried(tmp_path):
    """Ensure that when no candidate exists the error lists every path tried and how to fix it."""
    candidates = ((tmp_path / "a.ttf", tmp_path / "b.ttf"), (tmp_path / "BIZ-UDMinchoM.ttc", tmp_path / "c.ttc"))
    with pytest.raises(FontNotFoundError) as err:
        find_fonts(None, candidates)
    message = str(err.value)
    assert "日本語フォントが見つかりません" in message
    assert str(tmp_path / "a.ttf") in message and str(tmp_path / "BIZ-UDMinchoM.ttc") in message
    assert "--font" in message
