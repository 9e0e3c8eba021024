"""User text prints as written: markup, entities, emoji, 外字 and very long names."""

from __future__ import annotations

import pytest

from kokuho_desk.letters import make_letter
from kokuho_desk.letters.context import BLANK
from kokuho_desk.letters.fonts import MISSING_GLYPH, load_fonts
from kokuho_desk.letters.render import markup
from kokuho_desk.model.casefile import case_from_dict
from tests.letters.helpers import TODAY, pdf_text, squash

NAMES = {
    "tag": "山田<b>太郎</b>",
    "ampersand": "A&B商店 山田",
    "entity": "&lt;実体&gt;山田",
    "image": "<img src='/etc/passwd'/>山田",
    "font": "<font size=40>巨大</font>",
    "lt": "x <y> z",
    "emoji": "山田😀太郎",
    "long": "寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処に住む処藪ら柑子の藪柑子パイポパイポパイポのシューリンガンシューリンガンのグーリンダイグーリンダイのポンポコピー",
}


def _case(case_dict, name: str):
    case_dict["members"][0]["name"] = name
    case_dict["contact"]["address"] = name + "\u3000" + "大阪市北区" * 8
    return case_from_dict(case_dict)


@pytest.mark.parametrize("key", ["tag", "ampersand", "entity", "image", "font", "lt", "long"])
@pytest.mark.parametrize("kind", ["copayment-relief", "consultation-record"])
def test_name_prints_as_written(case_dict, report, key, kind):
    """Ensure a name with markup, entities or 100 characters prints literally and does not crash."""
    name = NAMES[key][:100]
    pdf = make_letter(kind, _case(case_dict, name), report, today=TODAY)
    assert squash(name) in pdf_text(pdf)


def test_emoji_becomes_visible_fallback(case_dict, report):
    """Ensure a character the font lacks prints as 〓, not as an empty box or a crash."""
    pdf = make_letter("copayment-relief", _case(case_dict, NAMES["emoji"]), report, today=TODAY)
    assert f"山田{MISSING_GLYPH}太郎" in pdf_text(pdf)


def test_rare_kanji_and_halfwidth_kana_print(case_dict, report):
    """Ensure 髙﨑, ①, 半角ｶﾀｶﾅ and 〒 (in the font) print unchanged."""
    pdf = make_letter("certificate", _case(case_dict, "髙﨑 ①ｶﾀｶﾅ"), report, today=TODAY)
    assert "髙﨑①ｶﾀｶﾅ" in pdf_text(pdf)


def test_markup_escapes_and_keeps_fullwidth_space():
    """Ensure markup() escapes user text, keeps U+3000 as an entity and turns BLANK into a line."""
    fonts = load_fonts()
    assert markup("<b>&</b>", fonts) == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert markup("\u3000字下げ", fonts) == "&#x3000;字下げ"
    assert markup(f"氏名{BLANK}様", fonts) == "氏名" + "＿" * 10 + "様"


def test_fallback_drops_joiners_and_variation_selectors():
    """Ensure ZWJ and variation selectors vanish and each unprintable character becomes one 〓."""
    fonts = load_fonts()
    assert fonts.displayable("葛\U000e0100城") == "葛城"
    assert fonts.displayable("👨\u200d👩\u200d👧") == MISSING_GLYPH * 3
    assert fonts.displayable("a\x07b") == "a b"


def test_private_use_character_is_not_a_blank(case_dict, report):
    """Ensure a 外字 in the private-use area prints as 〓 rather than being read as a blank line."""
    pdf = make_letter("certificate", _case(case_dict, "山\ue000田"), report, today=TODAY)
    assert f"山{MISSING_GLYPH}田" in pdf_text(pdf)
