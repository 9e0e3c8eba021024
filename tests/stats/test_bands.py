"""Generalisation hierarchies: exact values to the policy's bands."""

import pytest

from kokuho_desk.stats.bands import bands_for
from kokuho_desk.stats.policy import load_policy


@pytest.fixture
def bands(policy):
    return bands_for(policy)


@pytest.mark.parametrize("age, band", [(None, "不明"), (0, "20歳未満"), (19, "20歳未満"), (20, "20〜29歳"),
                                       (39, "30〜39歳"), (79, "70〜79歳"), (80, "80歳以上"), (104, "80歳以上")])
def test_age_bands_are_ten_years_with_top_and_bottom_coding(bands, age, band):
    """Ensure ages fall into 10-year bands, with the young and the very old in one band each."""
    assert bands.age(age) == band


@pytest.mark.parametrize("size, band", [(1, "1人"), (2, "2人"), (3, "3〜4人"), (4, "3〜4人"), (5, "5人以上"), (11, "5人以上")])
def test_household_bands(bands, size, band):
    """Ensure household sizes map to the declared bands, the last one open."""
    assert bands.household(size) == band


@pytest.mark.parametrize("yen, band", [(None, "不明"), (0, "収入なし"), (1, "100万円未満"), (999_999, "100万円未満"),
                                       (1_000_000, "100〜200万円"), (4_999_999, "300〜500万円"),
                                       (5_000_000, "500万円以上")])
def test_income_bands_never_show_the_amount(bands, yen, band):
    """Ensure incomes become half-open 万円 bands and unknown stays 不明."""
    assert bands.income(yen) == band


def test_undeclared_income_is_its_own_band(bands):
    """Ensure a household with an undeclared member is 未申告 whatever the amounts."""
    assert bands.income(3_000_000, declared=False) == "未申告"


@pytest.mark.parametrize("yen, band", [(None, "不明"), (0, "なし"), (99_999, "10万円未満"), (100_000, "10〜30万円"),
                                       (1_000_000, "100万円以上")])
def test_arrears_bands(bands, yen, band):
    """Ensure arrears totals map to the declared bands."""
    assert bands.arrears(yen) == band


def test_policy_declares_the_figures_once():
    """Ensure the policy file gives k = 5, a minimum k and quasi-identifiers that are record fields."""
    from kokuho_desk.stats.record import Record

    policy = load_policy()
    assert policy.k_default == 5 and 2 <= policy.k_min <= policy.k_default
    assert set(policy.quasi_identifiers) <= set(Record._fields)
    assert any(c.relief for c in policy.outcomes) and policy.topics
