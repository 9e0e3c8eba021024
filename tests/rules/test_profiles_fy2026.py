"""The bundled FY2026 (令和8年度) profiles: `check --json` prices a FY2026 case for 大阪市, 堺市 and
千代田区 with the 子ども・子育て支援納付金分, and every 大阪府 市町村 and 特別区 has its own profile."""

import json

import pytest

from kokuho_desk.cli import main
from kokuho_desk.rules.municipality import list_profiles, load_profile

OSAKA_MUNICIPALITIES = [
    "大阪市",
    "堺市",
    "岸和田市",
    "豊中市",
    "池田市",
    "吹田市",
    "泉大津市",
    "高槻市",
    "貝塚市",
    "守口市",
    "枚方市",
    "茨木市",
    "八尾市",
    "泉佐野市",
    "富田林市",
    "寝屋川市",
    "河内長野市",
    "松原市",
    "大東市",
    "和泉市",
    "箕面市",
    "柏原市",
    "羽曳野市",
    "門真市",
    "摂津市",
    "高石市",
    "藤井寺市",
    "東大阪市",
    "泉南市",
    "四條畷市",
    "交野市",
    "大阪狭山市",
    "阪南市",
    "島本町",
    "豊能町",
    "能勢町",
    "忠岡町",
    "熊取町",
    "田尻町",
    "岬町",
    "太子町",
    "河南町",
    "千早赤阪村",
]
WARDS_ON_THE_STANDARD = [
    "千代田区",
    "中央区",
    "港区",
    "新宿区",
    "文京区",
    "台東区",
    "墨田区",
    "江東区",
    "品川区",
    "大田区",
    "世田谷区",
    "渋谷区",
    "杉並区",
    "豊島区",
    "北区",
    "荒川区",
    "板橋区",
    "練馬区",
    "足立区",
    "葛飾区",
]


def _check(tmp_path, capsys, municipality: str) -> dict:
    case = {
        "format": "kokuho-desk/case-1",
        "as_of": "2026-12-04",
        "fiscal_year": 2026,
        "municipality": municipality,
        "members": [
            {
                "name": "見本 太郎",
                "relation": "head",
                "birth_date": "1981-07-01",
                "insured": True,
                "income": {"declared": True, "salary": 3000000, "pension": 0, "business": 0, "other": 0},
            }
        ],
    }
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["premium"]


@pytest.mark.parametrize("municipality", ["大阪市", "堺市"])
def test_check_json_osaka_fy2026_includes_the_child_part(tmp_path, capsys, municipality):
    """Ensure a 45-year-old with 給与収入 300万 in FY2026 is priced on 大阪府統一 令和8年度 with the child part.

    給与所得 300万 − (300万×30% + 8万) = 202万; 基礎控除後 159万.
    医療 159万×9.50% = 151,050 + 34,990 + 33,908 = 219,948; 支援 48,654 + 11,191 + 10,845 = 70,690;
    介護 41,340 + 18,682 = 60,022; 子ども 159万×0.28% = 4,452 + 1,745 + 96（18歳以上均等割）= 6,293;
    合計 356,953円.
    """
    premium = _check(tmp_path, capsys, municipality)
    assert {p: premium["parts"][p]["total"] for p in premium["parts"]} == {
        "medical": 219948,
        "support": 70690,
        "care": 60022,
        "child": 6293,
    }
    assert premium["total"] == 356953
    assert premium["rates"] == f"{municipality} 令和8年度"


def test_check_json_chiyoda_fy2026_includes_the_child_part(tmp_path, capsys):
    """Ensure 千代田区 FY2026 is priced on the 特別区 基準保険料率 with the child part; the
    year is unverified for 千代田区 (its own 介護分 until FY2025), so the result says 要確認.

    基礎控除後 159万: 医療 159万×7.51% = 119,409 + 47,600 = 167,009; 支援 44,520 + 17,600 = 62,120;
    介護 159万×2.43% = 38,637 + 17,800 = 56,437; 子ども 4,293 + 1,800 + 73 = 6,166; 合計 291,732円.
    """
    premium = _check(tmp_path, capsys, "千代田区")
    assert premium["parts"]["child"]["total"] == 6166
    assert premium["total"] == 291732
    assert premium["rates"] == "千代田区 令和8年度" and premium["needs_review"] is True


def test_every_osaka_municipality_has_its_own_profile_on_the_unified_rates():
    """Ensure each of the 43 大阪府 市町村 resolves (also as 「大阪府…」) to its own profile: 保険料, its own
    市町村長, and FY2024–FY2026 on the same rate table as 大阪府統一."""
    unified = load_profile("osaka-pref")
    for name in OSAKA_MUNICIPALITIES:
        profile = load_profile(f"大阪府{name}")
        assert profile.id != "osaka-pref" and profile.kind == "料"
        assert profile.addressee == f"{name}長"
        for fy in (2024, 2025, 2026):
            assert profile.rates_for(fy).parts == unified.rates_for(fy).parts, (name, fy)
    assert len({load_profile(f"大阪府{n}").id for n in OSAKA_MUNICIPALITIES}) == 43


def test_each_ward_has_its_own_profile_and_the_group_lists_no_ward():
    """Ensure the 20 wards on the 特別区 基準保険料率 follow it in FY2026, 目黒区 and 中野区 have their own
    FY2026 rates, and tokyo-23 keeps only its group names."""
    standard = load_profile("tokyo-23")
    for name in WARDS_ON_THE_STANDARD:
        profile = load_profile(f"東京都{name}")
        assert profile.addressee == f"{name}長" and profile.rates_for(2026).parts == standard.rates_for(2026).parts
    assert (
        load_profile("目黒区").rates_for(2026).parts["care"].income_rate_percent
        != standard.rates_for(2026).parts["care"].income_rate_percent
    )
    assert load_profile("中野区").rates_for(2026).parts["medical"].per_capita == 47100
    assert set(standard.aliases) == {"特別区", "東京23区", "23区", "特別区基準保険料率"}
    wards = {p.name for p in list_profiles() if p.id.startswith("tokyo-") and p.id != "tokyo-23"}
    assert len(wards) == 23
    edogawa = load_profile("江戸川区").rates_for(2026)  # its own rates in FY2026, not the standard's
    assert edogawa.parts["medical"].income_rate_percent != standard.rates_for(2026).parts["medical"].income_rate_percent


@pytest.mark.parametrize(
    "municipality, addressee",
    [("堺市", "堺市長"), ("大阪府豊中市", "豊中市長"), ("足立区", "足立区長"), ("千早赤阪村", "千早赤阪村長")],
)
def test_a_letter_is_addressed_to_the_municipality_not_the_group(municipality, addressee):
    """Ensure a letter for a city or ward names its own 市区町村長 (no blank 「市町村長」 of the group profile)."""
    from datetime import date

    from kokuho_desk.letters.context import build_context
    from kokuho_desk.model.casefile import case_from_dict

    case = case_from_dict(
        {
            "format": "kokuho-desk/case-1",
            "as_of": "2026-12-04",
            "municipality": municipality,
            "members": [{"name": "見本 太郎", "relation": "head", "birth_date": "1981-07-01"}],
        }
    )
    fields = build_context(case, None, None, today=date(2026, 12, 4)).fields
    assert fields["addressee"] == addressee
    assert fields["municipality"] == addressee.removesuffix("長")
