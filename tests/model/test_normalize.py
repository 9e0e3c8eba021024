"""Input normalisation: amounts, names, postal codes."""

import pytest

from kokuho_desk.model.normalize import InputError, normalize_name, normalize_postal_code, parse_amount


@pytest.mark.parametrize("text, expected", [
    ("１２３，４５６円", 123456),
    ("123,456", 123456),
    ("¥3,000", 3000),
    ("￥３０００", 3000),
    ("12万", 120000),
    ("12万3000円", 123000),
    ("1.5万円", 15000),
    (" 98000 ", 98000),
    (0, 0),
    (1_000_000_000, 1_000_000_000),
])
def test_parse_amount(text, expected):
    """Ensure amounts typed with full-width digits, commas, 円 and 万 become whole yen."""
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text, fragment", [
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
])
def test_parse_amount_refuses(text, fragment):
    """Ensure negative, absurd and unreadable amounts are refused in Japanese."""
    with pytest.raises(InputError) as e:
        parse_amount(text)
    assert fragment in str(e.value)


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
