"""What one case counts for: the columns of each table, from the case and its judgement."""

from datetime import date

from kokuho_desk.model.case import Member, Notice, ReliefOutcome
from kokuho_desk.model.judgement import VerdictSummary
from kokuho_desk.stats.tables import table_cells
from tests.stats.builders import make_case


def test_a_household_is_counted_in_one_column_of_each_table(policy):
    """Premium 95,000円 on an income of 1,000,000円 is 9.5 % (the seed's average): band 5〜10% (b1).
    The child born 2010-05-01 is 15 on 2026-04-01 (under 18) and pays no 均等割: band 0円.
    The notice asks 12,000円 more than the recomputation: band 1万〜5万円 (b1).
    Premium relief applied and partly granted; the reliefs judged eligible or likely but not applied
    (copayment relief, 療養の給付, the seizure beyond the protected amount) count as 未申請.
    防府市 is not under 大阪府's unified rates: no row in the unification table."""
    case = make_case(
        1, municipality="防府市", as_of=date(2026, 6, 1), salary=1_000_000, seized="pension", insurance="special_care"
    )
    case.members.append(Member(relation="child", birth_date=date(2010, 5, 1)))
    case.notice = Notice(fiscal_year=2026, total=107_000)
    case.reliefs = [ReliefOutcome("premium_relief", applied=date(2026, 5, 1), decision="partly")]
    judgement = VerdictSummary(
        "5割",
        {
            "certificate": "not_eligible",
            "special_care_benefit": "likely",
            "seizure_limit": "eligible",
            "copayment_relief": "likely",
            "premium_relief": "eligible",
        },
        {"premium_total": 95_000, "notice_difference": 12_000, "per_capita": [40_000, 0]},
    )
    cells = dict(table_cells(case, judgement, policy))
    assert cells == {
        "insurance": "special_care",
        "certificate": "not_eligible",
        "burden": "b1",
        "special_care": "likely",
        "seizure_asset": "pension",
        "seizure_protected": "eligible",
        "notice": "b1",
        "minors": "zero",
        "relief_premium_relief": "partly",
        "relief_copayment_relief": "not_applied",
        "relief_special_care_benefit": "not_applied",
        "relief_seizure_limit": "not_applied",
    }


def test_unknown_amounts_are_counted_as_unknown(policy):
    """No kept amounts (a judgement from before they were recorded): 不明, never a guess."""
    case = make_case(2, as_of=date(2026, 6, 1), seized=None, insurance=None)
    case.members.append(Member(relation="child", birth_date=date(2012, 1, 1)))
    case.notice = Notice(total=100_000)
    cells = dict(table_cells(case, VerdictSummary("なし", {}), policy))
    assert (cells["burden"], cells["notice"], cells["minors"], cells["insurance"]) == (
        "unknown",
        "unknown",
        "unknown",
        "unknown",
    )
    assert "seizure_asset" not in cells and not any(t.startswith("relief_") for t in cells)


def test_unification_compares_the_same_household_under_both_rates(policy):
    """大阪市, 令和8年度, one member aged 36 (no 介護分), salary 4,000,000円 (令和7年分):
    給与所得 4,000,000 − (4,000,000×20% + 440,000) = 2,760,000; 旧ただし書き所得 2,760,000 − 430,000 = 2,330,000;
    above every 軽減 line. Unified rates of 令和8年度 (osaka-pref.toml), 医療分 and 支援分 only (大阪市's
    令和4年度 rates have no 子ども分): 2,330,000×9.50% + 34,990 + 33,908 = 290,248; ×3.06% + 11,191 + 10,845
    = 93,334; together 383,582. 大阪市's own 令和4年度 rates (osaka-city.toml, its last year before the unification):
    ×8.59% + 27,488 + 28,175 = 255,810; ×2.87% + 8,967 + 9,191 = 85,029; together 340,839.
    The unification costs this household 42,743円 a year: band 3万〜5万円未満高い (b2).
    堺市 follows the unified rates but its own earlier rates are not in the data: 未登録.
    A 大阪市 case of 令和5年度 (before the unification), a 防府市 one and a household whose only member is 80
    (後期高齢者医療 from 75: no 国保 premium under either rates) are not in the table."""

    def cells(town, as_of=date(2026, 10, 1), birth=date(1990, 5, 17)):
        case = make_case(1, municipality=town, birth=birth, salary=4_000_000, as_of=as_of)
        return dict(table_cells(case, VerdictSummary("なし", {}), policy))

    assert cells("大阪市")["unification"] == "b2"
    assert cells("堺市")["unification"] == "no_own"
    assert "unification" not in cells("大阪市", date(2023, 10, 1))
    assert "unification" not in cells("防府市")
    assert "unification" not in cells("大阪市", birth=date(1946, 5, 17))
