"""relief.floor_times (⌊yen × ratio⌋ in integers) gives the yen Decimal gives, for every ratio the law
data and the settings hold and for any ratio a municipality may write."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from hypothesis import given
from hypothesis import strategies as st

from kokuho_desk.rules.params import load_all
from kokuho_desk.rules.relief import floor_times


def _decimal_floor(amount: int, ratio: str | int) -> int:
    """The former computation: Decimal's product, floored."""
    return int((amount * Decimal(ratio)).to_integral_value(ROUND_FLOOR))


def _law_ratios() -> set[str]:
    """Every decimal string of the law data (逓減率, 0.855, setting defaults, …)."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            try:
                Decimal(value)
            except ArithmeticError:
                return
            found.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for parameter in load_all().values():
        for v in parameter.values:
            walk(v.value)
    return found


LAW_RATIOS = sorted(_law_ratios())
AMOUNTS = st.integers(min_value=0, max_value=10**12)  # yen: far beyond any 最低生活費 or savings


def test_the_law_data_has_ratios_to_compare():
    """Ensure the scan finds the 逓減率 and the 2020 ratio (a scan that found nothing would pass vacuously)."""
    assert {"0.87", "0.855", "0.5683", "1.0"} <= set(LAW_RATIOS)


@given(AMOUNTS, st.sampled_from(LAW_RATIOS))
def test_same_as_decimal_for_the_law_ratios(amount, ratio):
    """Ensure ⌊amount × ratio⌋ equals Decimal's for each ratio in resources/rules."""
    assert floor_times(amount, ratio) == _decimal_floor(amount, ratio)


@given(AMOUNTS, st.decimals(min_value=0, max_value=100, places=4, allow_nan=False, allow_infinity=False))
def test_same_as_decimal_for_any_setting(amount, ratio):
    """Ensure a municipality's ratio or months with up to 4 places ("1.3", "0.25") floor alike."""
    assert floor_times(amount, str(ratio)) == _decimal_floor(amount, str(ratio))


@given(AMOUNTS, st.integers(min_value=0, max_value=120))
def test_same_as_decimal_for_whole_numbers(amount, months):
    """Ensure a whole number of the data (3 months) counts alike."""
    assert floor_times(amount, months) == _decimal_floor(amount, months)
