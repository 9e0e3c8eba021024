"""Input normalisation: amounts, names, postal codes."""

import pytest

from kokuho_desk.model.normalize import InputError, normalize_name, normalize_phone, normalize_postal_code, parse_amount


@pytest.mark.parametrize(
    "text, expected",
    [
        ("１２３，４５６円", 123456),
        ("123,456", 123456),
        ("¥3,000", 3000),
        ("￥３０００", 3000),
        ("12万", 120000),
        ("12万3000円", 123000),
        ("1.5万円", 15000),
        ("8万5千円", 85000),
        ("５千円", 5000),
        ("1万2千300円", 12300),
        (" 98000 ", 98000),
        (0, 0),
        (1_000_000_000, 1_000_000_000),
    ],
)
def test_parse_amount(text, expected):
    """Ensure amounts typed with full-width digits, commas, 円 and 万 become whole yen."""
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("-5", "マイナス"),
        ("－５０００円", "マイナス"),
        (1_000_000_001, "10億円"),
        ("12.5", "読めません"),
        ("abc", "読めません"),
        ("", "空"),
        (True, "真偽値"),
        (3.5, "1円単位"),
        (float("inf"), "Infinity"),
        (float("nan"), "NaN"),
    ],
)
def test_parse_amount_refuses(text, fragment):
    """Ensure negative, absurd and unreadable amounts are refused in Japanese."""
    with pytest.raises(InputError) as e:
        parse_amount(text)
    assert fragment in str(e.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("▲300,000", -300000),
        ("△30万", -300000),
        ("-30万", -300000),
        ("−8万5千円", -85000),
        ("▲５０００円", -5000),
    ],
)
def test_parse_amount_reads_a_loss(text, expected):
    """Ensure a business loss written with ▲ / △ (as on 確定申告書) or a minus sign is negative."""
    assert parse_amount(text, allow_negative=True) == expected


@pytest.mark.parametrize("text", ["▲300,000", "△30万"])
def test_a_loss_is_refused_where_amounts_cannot_be_negative(text):
    """Ensure ▲ is read as a minus and refused where a negative makes no sense (savings, rent)."""
    with pytest.raises(InputError, match="マイナス"):
        parse_amount(text)


@pytest.mark.parametrize(
    "text, fragment", [("8万15千", "1万円以上"), ("5千1000", "1千円以上"), ("1.2345千", "1円単位")]
)
def test_units_that_do_not_add_up_are_refused(text, fragment):
    """Ensure 8万15千 and the like are refused rather than guessed."""
    with pytest.raises(InputError, match=fragment):
        parse_amount(text)


def test_normalize_phone_takes_full_width_digits_and_dashes():
    """Ensure ０６－１２３４－５６７８ and 06ー1234ー5678 become 06-1234-5678; letters are refused."""
    assert normalize_phone("０６－１２３４－５６７８") == "06-1234-5678"
    assert normalize_phone("06ー1234ー5678") == "06-1234-5678"
    assert normalize_phone("(06) 1234 5678") == "(06) 1234 5678"
    with pytest.raises(InputError, match="電話番号"):
        normalize_phone("06-1234-abcd")


def test_normalize_name_folds_spaces_and_keeps_rare_kanji():
    """Ensure 全角 spaces fold to one space and 髙﨑 survive untouched."""
    assert normalize_name("  山田　　太郎 ") == "山田 太郎"
    assert normalize_name("髙﨑\u3000花子") == "髙﨑 花子"
    with pytest.raises(InputError):
        normalize_name("あ" * 101)


def test_normalize_postal_code():
    """Ensure 〒 and full-width postal codes become 530-0001."""
    assert normalize_postal_code("〒５３０ー０００１") == "530-0001"
    assert normalize_postal_code("5300001") == "530-0001"
    with pytest.raises(InputError):
        normalize_postal_code("53-0001")


def test_normalize_name_folds_every_kind_of_space_as_a_regex_of_spaces_would():
    """Ensure the spacing of a name is folded exactly as re.sub(r"[\\s\\u3000]+", " ", name).strip() folds
    it, for every character Python counts as a space and a few that it does not."""
    import re
    import sys

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() or re.fullmatch(r"\s", chr(c))]
    assert "\u3000" in spaces and "\u200b" not in spaces
    for s in [*spaces, "\u200b", "\ufeff", "・", "_"]:
        name = f"{s}山田{s}{s}太郎{s}"
        assert normalize_name(name) == re.sub(r"[\s\u3000]+", " ", name).strip()
