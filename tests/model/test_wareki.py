"""和暦: parsing what volunteers type and formatting what letters print."""

from datetime import date

import pytest

from kokuho_desk.model.wareki import WarekiError, fiscal_year_label, format_wareki, parse_date, parse_era_year


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-04-01", date(2025, 4, 1)),
        ("2025/4/1", date(2025, 4, 1)),
        ("2025年4月1日", date(2025, 4, 1)),
        ("令和7年4月1日", date(2025, 4, 1)),
        ("R7.4.1", date(2025, 4, 1)),
        ("r7/4/1", date(2025, 4, 1)),
        ("令7.4.1", date(2025, 4, 1)),
        ("昭和25年3月1日", date(1950, 3, 1)),
        ("S25.3.1", date(1950, 3, 1)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和七年十月十七日", date(2025, 10, 17)),
        ("令和７年１０月１７日", date(2025, 10, 17)),
        ("２０２５－０４－０１", date(2025, 4, 1)),
        (" 平成 31 年 4 月 30 日 ", date(2019, 4, 30)),
        ("大正15年12月24日", date(1926, 12, 24)),
        ("20250630", date(2025, 6, 30)),
        ("２０２５０６３０", date(2025, 6, 30)),
    ],
)
def test_parse_date_accepts_what_volunteers_type(text, expected):
    """Ensure every common way of writing a date is read to the right day."""
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("令和7年2月30日", "存在しない日付"),
        ("2025-13-01", "存在しない日付"),
        ("平成31年5月1日", "期間外"),
        ("昭和64年1月8日", "期間外"),
        ("令和1年4月30日", "期間外"),
        ("令和0年4月1日", "という年はありません"),
        ("きのう", "日付として読めません"),
        ("", "空です"),
        ("平成元年", "日付として読めません"),
        ("20251332", "存在しない日付"),
        ("2025063", "日付として読めません"),
    ],
)
def test_parse_date_refuses_impossible_dates(text, fragment):
    """Ensure impossible or out-of-era dates are refused with a Japanese reason."""
    with pytest.raises(WarekiError) as e:
        parse_date(text)
    assert fragment in str(e.value)


def test_parse_era_year():
    """Ensure fiscal years can be typed in 和暦, 元年 included."""
    assert parse_era_year("令和7年度") == 2025
    assert parse_era_year("平成元年") == 1989
    assert parse_era_year("R8") == 2026
    assert parse_era_year("２０２４年") == 2024


def test_format_wareki():
    """Ensure letters print 令和7年11月23日 and 令和元年 for the first year."""
    assert format_wareki(date(2025, 11, 23)) == "令和7年11月23日"
    assert format_wareki(date(2019, 5, 1)) == "令和元年5月1日"
    assert format_wareki(date(2019, 4, 30)) == "平成31年4月30日"
    assert format_wareki(date(1950, 3, 1)) == "昭和25年3月1日"
    assert fiscal_year_label(2025) == "令和7年度"


def test_format_before_meiji_falls_back_to_the_western_year():
    """Ensure formatting never raises: a date before 明治 prints with its western year."""
    assert format_wareki(date(1, 1, 1)) == "1年1月1日"


def test_an_iso_date_reads_as_the_general_path_reads_it():
    """Ensure 2025-04-01 (read without a regex) gives what the general reading gives the same text with
    a leading space (a date, or the same Japanese message) — valid days, impossible ones, odd digits."""
    from datetime import timedelta

    texts = [(date(1900, 1, 1) + timedelta(days=n)).isoformat() for n in range(0, 73_000, 97)]
    texts += ["2025-02-29", "2024-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "0000-01-01", "9999-12-31"]
    texts += ["2025--4-01", "2025-4--01", "２０２５-04-01", "2025-0４-01", "2025_04_01"]
    for text in texts:
        outcomes = []
        for written in (text, " " + text):
            try:
                outcomes.append(parse_date(written))
            except WarekiError as e:
                outcomes.append(str(e).replace(f"「 {text}」", f"「{text}」"))
        assert outcomes[0] == outcomes[1], text
