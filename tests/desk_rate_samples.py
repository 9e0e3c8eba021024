"""A desk-entered rate table and a household to judge with it, shared by the desk-rate tests.

秩父市 has no bundled profile. The rates are made up for the tests (a volunteer would copy them from
the 納入通知書); the household is one self-employed person of 30 (no 介護分) in FY2026 (令和8年度):

  事業所得 2,430,000円 − 基礎控除 430,000円 = 旧ただし書き所得 2,000,000円
  軽減判定所得 2,430,000円 > 2割の基準額 (430,000 + 570,000 × 1 = 1,000,000円) → 軽減なし
  医療分   2,000,000 × 7.5% = 150,000 + 均等割 27,000 + 平等割 20,000 = 197,000円
  支援金分 2,000,000 × 2.5% =  50,000 + 均等割  9,000 + 平等割  7,000 =  66,000円
  子ども分 2,000,000 × 0.3% =   6,000 + 均等割 1,500 + 18歳以上均等割 100 = 7,600円
  (each under its cap; 100円未満切捨て changes none) → 合計 270,600円
"""

from datetime import date

from kokuho_desk.model.case import Case, Income, Member
from kokuho_desk.rules.desk_rates import DeskRate

CHICHIBU_TOTAL = 270_600

CHICHIBU_YEAR = {
    "method": "3方式",
    "rounding": 100,
    "medical": {"income_rate_percent": "7.5", "per_capita": 27000, "per_household": 20000, "cap": 660000},
    "support": {"income_rate_percent": "2.5", "per_capita": 9000, "per_household": 7000, "cap": 260000},
    "child": {
        "income_rate_percent": "0.3",
        "per_capita": 1500,
        "per_household": 0,
        "cap": 30000,
        "per_capita_adult_extra": 100,
    },
}
CHICHIBU = DeskRate("秩父市", 2026, "料", CHICHIBU_YEAR, "通知書から")


def household(municipality: str = "秩父市", fiscal_year: int | None = None, rates: dict | None = None) -> Case:
    head = Member(
        relation="head",
        name="架空 一郎",
        kana="カクウ イチロウ",
        birth_date=date(1996, 5, 1),
        income=Income(declared=True, business=2_430_000),
    )
    return Case(
        as_of=date(2026, 12, 4), fiscal_year=fiscal_year, municipality=municipality, members=[head], rates=rates
    )
