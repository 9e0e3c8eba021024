"""A case's rate profile and 最低生活費 through the master list of municipalities (docs/municipalities.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules import minimum_living
from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.municipality import ProfileError, load_profile_file, profile_for_case

TOKYO = "東京都特別区"


def _case(municipality=None, address=None, **extra):
    data = {
        "as_of": "2025-06-01",
        "fiscal_year": 2025,
        "members": [
            {
                "name": "見本 一郎",
                "relation": "head",
                "birth_date": "1960-05-10",
                "insured": True,
                "income": {"declared": True, "salary": 2000000, "pension": 0, "business": 0, "other": 0},
            }
        ],
        **extra,
    }
    if municipality:
        data["municipality"] = municipality
    if address:
        data["contact"] = {"address": address}
    return data


def test_kita_ku_in_sakai_never_takes_tokyo_rates_cli(tmp_path):
    """Acceptance: `check --json` of 北区 with a 大阪府堺市北区 address does not use the 東京都特別区 table:
    the premium says 堺市's rates are missing, or uses a 堺市 profile if one is shipped."""
    path = tmp_path / "case.json"
    path.write_text(json.dumps(_case("北区", "大阪府堺市北区百舌鳥赤畑町1丁"), ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "kokuho_desk", "check", str(path), "--json"], capture_output=True, check=False
    )
    assert out.returncode == 0, out.stderr.decode()
    premium = json.loads(out.stdout)["premium"]
    if premium["total"] is None:  # no 堺市 profile: it says so instead of taking 東京都北区's table
        assert premium["rates"] is None and "rates" in premium["missing"]
        assert any("自治体「大阪府堺市」の料率" in r for r in premium["reasons"])
    else:
        assert TOKYO not in premium["rates"] and ("堺市" in premium["rates"] or "大阪府" in premium["rates"])


def test_kita_ku_in_tokyo_takes_tokyo_rates():
    """Ensure 北区 with a 東京都北区 address finds 東京都北区's own profile, which follows the 特別区
    基準保険料率 (and so its letters go to 北区長)."""
    case = case_from_dict(_case("北区", "東京都北区赤羽1-1"))
    profile = profile_for_case(case)
    assert profile.id == "tokyo-kita" and profile.addressee == "北区長"
    assert "特別区" in profile.rates_for(2025).source or TOKYO in profile.rates_for(2025).origin


def test_ambiguous_name_asks_instead_of_a_premium():
    """Ensure 北区 without an address gives no premium but the question which 北区."""
    from kokuho_desk.rules.premium import premium

    result = premium(CheckContext.for_case(case_from_dict(_case("北区"))))
    assert result.total is None
    assert any(
        r.startswith("北区は") and "東京都" in r and "堺市" in r and "住所か都道府県を入れてください" in r
        for r in result.reasons
    )


@pytest.mark.parametrize(
    "name, expected",
    [
        ("大阪府統一", "大阪府統一"),
        ("osaka-pref", "大阪府統一"),
        ("東京都特別区", TOKYO),
        ("特別区", TOKYO),
        ("tokyo-23", TOKYO),
        ("大阪市", "大阪市"),
        ("大阪府大阪市", "大阪市"),
        ("大阪市北区", "大阪市"),
        ("防府市", "防府市"),
        ("逗子市", "逗子市"),
    ],
)
def test_old_profile_names_still_work(name, expected):
    """Ensure the profile ids, names and aliases of existing case files still find their profile."""
    assert profile_for_case(case_from_dict(_case(name))).name == expected


def test_code_wins_over_the_name():
    """Ensure the case's municipality_code decides: 府中市 with 広島県's code is not 東京都府中市."""
    case = case_from_dict(_case("府中市", municipality_code="342084"))
    with pytest.raises(ProfileError, match="広島県府中市"):
        profile_for_case(case)
    assert profile_for_case(case_from_dict(_case(municipality_code="271004"))).name == "大阪市"


def test_the_code_finds_the_municipality_s_own_profile_over_a_group_or_foreign_name():
    """Ensure a case with 堺市's code uses 堺市's own profile (which follows 大阪府統一, so letters go
    to 堺市長) even when its 市区町村 still reads 大阪府統一 or names another prefecture's group."""
    for name in ("大阪府統一", "東京都特別区", "大阪市"):
        profile = profile_for_case(case_from_dict(_case(name, municipality_code="271403")))
        assert profile.name == "堺市" and profile.addressee == "堺市長", name


def test_a_group_profile_is_never_lent_to_a_municipality_without_one():
    """Ensure 「東京都特別区」 with the code of a 東京都 city (八王子市, 武蔵野市: not 特別区, no profile) raises
    ProfileError naming the place instead of silently using the 特別区基準保険料率."""
    for code, place in (("132012", "東京都八王子市"), ("132039", "東京都武蔵野市")):
        case = case_from_dict(_case(TOKYO, municipality_code=code))
        with pytest.raises(ProfileError, match=f"自治体「{place}」の料率プロファイルがありません"):
            profile_for_case(case)


def test_profile_code_key(tmp_path):
    """Ensure a profile may carry its 全国地方公共団体コード, and a wrong one names the field."""
    text = (
        'id = "{id}"\nname = "和泉市"\nkind = "料"\naddressee = "和泉市長"\ncode = "{code}"\n'
        'sources = ["x"]\n[years.2025]\nfollows = "osaka-pref"\nstatus = "verified"\nsource = "x"\n'
    )
    good = tmp_path / "izumi.toml"
    good.write_text(text.format(id="izumi", code="27219"), encoding="utf-8")
    assert load_profile_file(good).codes == ("272191",)
    bad = tmp_path / "bad.toml"
    bad.write_text(text.format(id="bad", code="272190"), encoding="utf-8")
    with pytest.raises(ProfileError, match="bad.toml: code: .*検査数字"):
        load_profile_file(bad)


def _minimum_living(**case):
    ctx = CheckContext.for_case(case_from_dict(case))
    trace = Trace(ctx)
    ml, missing, gap = minimum_living.for_case(ctx, trace)
    assert not missing and gap is None
    return ml, trace


def _two_persons(**extra):
    return {
        "as_of": "2026-06-01",
        "members": [
            {"relation": "head", "birth_date": "1970-04-01"},
            {"relation": "spouse", "birth_date": "1972-04-01"},
        ],
        "finances": {"monthly_rent": 80000},
        **extra,
    }


def test_housing_capped_in_sakai():
    """Acceptance: rent 80,000円, a 2-person household in 堺市 (no profile, no finances.grade).

    堺市 is a 指定都市 with its own 住宅扶助 限度額 (社援発0414第9号 別表; 堺市「住居確保給付金（転居費用
    補助）」2025-04-14: 単身 38,000 / 2人 46,000 / 3〜5人 49,000 / 6人 53,000 / 7人 59,000円): the 2-person
    ceiling is 46,000円, so 住宅扶助 = min(80,000, 46,000) = 46,000円, not the whole rent; the 級地 is the
    master's 1級地-1 (MHLW kyuchi.3010.pdf).
    """
    ml, trace = _minimum_living(**_two_persons(municipality="堺市"))
    assert (ml.grade, ml.housing_ceiling, ml.housing) == ("1級地-1", 46000, 46000)
    assert not any("家賃を全額" in n for n in ml.notes)
    assert any("kyuchi.3010.pdf" in s for s in trace.sources())


def test_housing_capped_in_izumi_by_the_prefecture_row():
    """Rent 80,000円, 2 persons in 和泉市 (大阪府, 1級地-2; no city row): the 大阪府 row for the 1級地 group
    applies (社援発0414第9号 別表 大阪府 1級地: 39,000 / 47,000 / 51,000 / 55,000 / 61,000円) →
    住宅扶助 = min(80,000, 47,000) = 47,000円."""
    ml, _ = _minimum_living(**_two_persons(municipality="大阪府和泉市"))
    assert (ml.grade, ml.housing_ceiling, ml.housing) == ("1級地-2", 47000, 47000)


def test_housing_under_the_osaka_group_profile_uses_the_code():
    """Ensure a case on the 大阪府統一 profile (no ceiling of its own) with 和泉市's code is capped at
    和泉市's 47,000円 (2 persons) instead of counting the whole 80,000円 rent."""
    ml, _ = _minimum_living(**_two_persons(municipality="大阪府統一", municipality_code="272191"))
    assert ml.housing == 47000


def test_case_grade_still_wins():
    """Ensure finances.grade, when given, is used for the 生活扶助 over the master's 級地."""
    case = _two_persons(municipality="堺市")
    case["finances"]["grade"] = "2級地-1"
    ml, _ = _minimum_living(**case)
    assert ml.grade == "2級地-1" and ml.housing == 46000


def test_winter_zone_from_the_master_prefecture():
    """Ensure the 冬季加算 zone follows the municipality's prefecture: 札幌市 (北海道, I区) in January,
    1 person: 12,780円 (室蘭市 / limo, minimum-living.md §3)."""
    ml, _ = _minimum_living(
        as_of="2027-01-10",
        municipality="札幌市",
        members=[{"relation": "head", "birth_date": "1970-04-01"}],
        finances={"monthly_rent": 30000},
    )
    assert ml.winter == 12780 and ml.month == date(2027, 1, 10)
    assert ml.housing == 30000 and ml.housing_ceiling == 36000  # 札幌市 単身 36,000円
