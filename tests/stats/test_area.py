"""The area of a case: municipality, or prefecture from the municipality or the address."""

import pytest

from kokuho_desk.stats.area import municipality_of, prefecture_of


@pytest.mark.parametrize(
    "municipality, address, prefecture",
    [
        ("大阪府統一", "兵庫県神戸市", "大阪府"),
        ("大阪市", "大阪府大阪市北区1-2-3", "大阪府"),
        ("防府市", "　山口県防府市", "山口県"),
        ("京都市", "京都府京都市", "京都府"),
        ("大阪市", "大阪市北区", "大阪府"),
        ("zushi", None, "神奈川県"),
        ("特別区", "", "東京都"),
        ("見本町", "大阪市北区", "不明"),
        (None, None, "不明"),
    ],
)
def test_prefecture_from_municipality_else_address(municipality, address, prefecture):
    """Ensure the prefecture is read from the municipality's profile or name first, then the address, else 不明."""
    assert prefecture_of(municipality, address) == prefecture


@pytest.mark.parametrize(
    "field, name",
    [
        ("大阪市", "大阪市"),
        ("大阪府大阪市北区", "大阪市北区"),
        ("北海道虻田郡洞爺湖町", "虻田郡洞爺湖町"),
        ("大阪府統一", None),
        ("東京都", None),
        ("osaka-city", "大阪市"),
        ("港区", "港区"),
        ("山田さん宅 090-0000-0000", None),
        ("ZQX市", None),
        (None, None),
    ],
)
def test_only_municipality_names_are_kept(field, name):
    """Ensure a municipality (a profile's name when one is named) is kept without its prefecture, nothing else."""
    assert municipality_of(field) == name
