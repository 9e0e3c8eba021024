"""令和8年度 profiles of 政令指定都市 and 江戸川区 read in a transcription of their official pages: they
load with every part, say 要確認 (no published 計算例 was matched), and give the premium the rates imply.

The case: 45 years old (介護分), single, 給与収入 3,000,000円 in 2025 → 給与所得 3,000,000 × 0.7 − 80,000
= 2,020,000; 所得割の基礎 2,020,000 − 430,000 = 1,590,000; no 軽減 (2割 limit 430,000 + 570,000 = 1,000,000).
"""

import pytest

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.rules.municipality import load_profile

NEW = {
    "札幌市": ("料", "3方式"),
    "さいたま市": ("税", "2方式"),
    "京都市": ("料", "3方式"),
    "神戸市": ("料", "3方式"),
    "広島市": ("料", "3方式"),
    "福岡市": ("料", "3方式"),
    "江戸川区": ("料", "2方式"),
}


@pytest.mark.parametrize("name", NEW)
def test_profile_has_fy2026_only_with_every_part_and_is_unverified(name):
    """Ensure each new profile has FY2026 with the four parts and the FY2026 caps (67万・26万・17万・3万),
    is marked unverified (要確認), has no FY2025, and letters go to its own 市区長."""
    profile = load_profile(name)
    table = profile.rates_for(2026)
    assert (profile.kind, table.method) == NEW[name]
    assert table.status == "unverified" and profile.rates_for(2025) is None
    assert [table.parts[p].cap for p in ("medical", "support", "care", "child")] == [670000, 260000, 170000, 30000]
    assert profile.addressee == f"{name}長" and len(profile.codes) == 1


def _single45(municipality):
    return case_from_dict(
        {
            "format": "kokuho-desk/case-1",
            "as_of": "2026-12-04",
            "fiscal_year": 2026,
            "municipality": municipality,
            "members": [
                {
                    "relation": "head",
                    "birth_date": "1980-12-20",
                    "insured": True,
                    "income": {"declared": True, "salary": 3000000, "pension": 0, "business": 0, "other": 0},
                }
            ],
        }
    )


@pytest.mark.parametrize(
    "municipality, parts, total",
    [
        # 札幌市 (10円未満切捨て, 平等割あり): 医療 136,899 + 20,550 + 32,540 = 189,989 → 189,980;
        # 支援 40,704 + 6,330 + 10,010 = 57,044 → 57,040; 介護 37,047 + 6,020 + 7,550 = 50,617 → 50,610;
        # 子ども 4,611 + 1,100 + 1,000 = 6,711 → 6,710.
        ("札幌市", {"medical": 189980, "support": 57040, "care": 50610, "child": 6710}, 304340),
        # さいたま市 (税, 100円未満切捨て): 医療 121,476 + 43,300 = 164,776 → 164,700; 支援 43,407 + 14,900
        # = 58,307 → 58,300; 介護 37,683 + 16,100 = 53,783 → 53,700; 子ども 4,134 + 1,700 = 5,834 → 5,800.
        ("さいたま市", {"medical": 164700, "support": 58300, "care": 53700, "child": 5800}, 282500),
        # 広島市: 医療 130,062 + 31,228 + 30,403 = 191,693; 支援 41,976 + 10,342 + 10,069 = 62,387;
        # 介護 40,068 + 10,443 + 7,860 = 58,371; 子ども 4,293 + (1,072 + 56) + 1,044 = 6,465.
        ("広島市", {"medical": 191693, "support": 62387, "care": 58371, "child": 6465}, 318916),
        # 江戸川区 (2方式): 医療 124,497 + 48,900 = 173,397; 支援 45,156 + 17,400 = 62,556;
        # 介護 38,955 + 17,400 = 56,355; 子ども 4,293 + 1,870 = 6,163.
        ("江戸川区", {"medical": 173397, "support": 62556, "care": 56355, "child": 6163}, 298471),
    ],
)
def test_premium_from_the_transcribed_rates_says_review(municipality, parts, total):
    """Ensure the premium is the hand-computed one (rates × 1,590,000, floored, plus 均等割・平等割, then the
    profile's rounding unit) and is marked for review, since the rates are unverified."""
    premium = run_checks(_single45(municipality)).premium
    assert premium.reduction == "なし"
    assert {p: r.total for p, r in premium.parts.items()} == parts
    assert premium.total == total and premium.needs_review
