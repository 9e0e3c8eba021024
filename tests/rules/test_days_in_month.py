"""relief.days_in_month gives the days of every month as the standard library's calendar does."""

import calendar

from kokuho_desk.rules.relief import days_in_month


def test_days_in_month_is_calendars_over_four_centuries():
    """Ensure every month from 1900 to 2299 (leap years by 4, 100 and 400) has calendar.monthrange's days."""
    for year in range(1900, 2300):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)
    assert (days_in_month(2000, 2), days_in_month(2100, 2), days_in_month(2028, 2)) == (29, 28, 29)
