"""The master list of municipalities: its count, codes, 級地, and how names and addresses resolve."""

from __future__ import annotations

from collections import Counter

import pytest

from kokuho_desk.model import municipalities as M


def test_count_is_every_municipality_of_japan():
    """Ensure the list holds the 1,741 市区町村 (総務省, 令和6年1月1日〜): 792 市 + 743 町 + 183 村 + the 23
    特別区 of 東京都; the 175 wards of the 20 政令指定都市 are not counted (they belong to their city),
    nor are the 6 villages of the 北方領土 (not in the postal data)."""
    everything = M.all_municipalities()
    kinds = Counter("特別区" if m.name.endswith("区") else m.name[-1] for m in everything)
    assert len(everything) == 1741
    assert kinds == {"市": 792, "町": 743, "村": 183, "特別区": 23}
    assert sum(1 for m in everything if m.wards) == 20
    assert len({m.code for m in everything}) == 1741
    assert Counter(m.prefecture for m in everything)["大阪府"] == 43  # 33 市 + 9 町 + 1 村


@pytest.mark.parametrize(
    "code, prefecture, name",
    [
        ("271403", "大阪府", "堺市"),  # 総務省: 堺市 271403
        ("272191", "大阪府", "和泉市"),
        ("011002", "北海道", "札幌市"),  # 総務省 list (fukushi-navi muni-master.json): 01100 / 011002
        ("012335", "北海道", "伊達市"),  # 01233 / 012335
        ("013030", "北海道", "当別町"),  # 01303 / 013030 (check digit 0: 11 − 1)
        ("131016", "東京都", "千代田区"),
        ("131172", "東京都", "北区"),
        ("221309", "静岡県", "浜松市"),  # wards reorganised 2024-01-01: 中央区・浜名区・天竜区
        ("403440", "福岡県", "須恵町"),  # KEN_ALL writes 須惠町
    ],
)
def test_codes_match_the_official_list(code, prefecture, name):
    """Ensure a sample of codes gives the 総務省 prefecture and name (6 digits with the check digit)."""
    m = M.by_code(code)
    assert (m.prefecture, m.name) == (prefecture, name)
    assert M.by_code(code[:5]) == m  # 5 digits: the check digit is added


def test_check_digit_examples():
    """Ensure the check digit follows 総務省's rule: 27140 → 2×6+7×5+1×4+4×3+0×2 = 63; 63 mod 11 = 8;
    11 − 8 = 3 → 271403; 01303 → 23 mod 11 = 1; 11 − 1 = 10 → 0 → 013030."""
    assert M.check_digit("27140") == "3"
    assert M.check_digit("01303") == "0"


@pytest.mark.parametrize(
    "text, message",
    [
        ("271404", "検査数字"),
        ("27140x", "6桁の数字"),
        ("271411", "政令指定都市の区は市のコード"),  # 堺市堺区: a ward, not a municipality
    ],
)
def test_bad_codes_are_refused_in_japanese(text, message):
    """Ensure a malformed code, a wrong check digit or a ward's code is refused with a Japanese reason."""
    with pytest.raises(M.CodeError, match=message):
        M.normalize_code(text)


def test_fullwidth_code_is_normalised():
    """Ensure 全角 digits are read (「２７１４０３」 → 271403)."""
    assert M.normalize_code("２７１４０３") == "271403"


@pytest.mark.parametrize(
    "name, grade",
    [
        # 厚生労働省「お住まいの地域の級地を確認」kyuchi.3010.pdf (平成30年10月1日現在) / 告示 別表第9
        ("堺市", "1級地-1"),
        ("和泉市", "1級地-2"),
        ("横浜市", "1級地-1"),
        ("札幌市", "1級地-2"),
        ("福岡市", "1級地-2"),
        ("新潟市", "2級地-1"),
        ("防府市", "2級地-2"),
        ("八戸市", "3級地-1"),
        ("千早赤阪村", "3級地-1"),
        ("能勢町", "3級地-1"),
        ("当別町", "3級地-2"),
        ("四万十市", "3級地-2"),
    ],
)
def test_grades_follow_the_mhlw_list(name, grade):
    """Ensure the 級地 of a sample of municipalities is the one of the MHLW list."""
    assert M.resolve(name).municipality.grade == grade


def test_tokyo_wards_are_all_1_1():
    """Ensure every 特別区 is 1級地-1 (the list names 「区の存する地域」 as one area)."""
    wards = [m for m in M.all_municipalities() if m.prefecture == "東京都" and m.name.endswith("区")]
    assert len(wards) == 23 and {m.grade for m in wards} == {"1級地-1"}


@pytest.mark.parametrize("name", ["堺市", "大阪府堺市", "堺市北区", "大阪府　堺市", "大阪府堺市美原区", "　堺市　"])
def test_names_resolve_to_sakai(name):
    """Ensure 堺市 is found with or without its prefecture, from a ward, with 全角 spaces."""
    assert M.resolve(name).municipality.code == "271403"


def test_town_with_its_gun_and_variant_glyphs():
    """Ensure a 町 written with its 郡 and the ヶ/ケ variants resolve (余市郡余市町, 茅ケ崎市)."""
    assert M.resolve("余市郡余市町").municipality.name == "余市町"
    assert M.resolve("茅ケ崎市").municipality.name == "茅ヶ崎市"
    assert M.resolve("ＯＳＡＫＡ").candidates == ()


def test_kita_ku_without_address_is_ambiguous():
    """Ensure 北区 alone is not guessed: it lists 東京都 and every 政令市 with a 北区 and asks."""
    r = M.resolve("北区")
    assert r.ambiguous and r.municipality is None
    assert {m.name for m in r.candidates} == {
        "北区",
        "札幌市",
        "さいたま市",
        "新潟市",
        "名古屋市",
        "京都市",
        "大阪市",
        "堺市",
        "神戸市",
        "岡山市",
        "熊本市",
    }
    assert r.message().startswith("北区は")
    assert "東京都" in r.message() and "堺市" in r.message() and "住所か都道府県を入れてください" in r.message()


@pytest.mark.parametrize(
    "address, expected",
    [
        ("大阪府堺市北区百舌鳥赤畑町1丁", "大阪府 堺市"),
        ("堺市北区百舌鳥赤畑町1丁", "大阪府 堺市"),
        ("東京都北区赤羽1-1", "東京都 北区"),
        ("大阪府大阪市北区梅田1-1", "大阪府 大阪市"),
    ],
)
def test_kita_ku_decided_by_address(address, expected):
    """Ensure the address decides which 北区."""
    assert M.resolve("北区", address).municipality.label == expected


def test_address_that_does_not_decide_keeps_the_candidates():
    """Ensure an address naming only 大阪府 narrows 北区 to 大阪市・堺市 and still asks; a bare
    「北区赤羽」 proves nothing."""
    r = M.resolve("北区", "大阪府北区")
    assert [m.name for m in r.candidates] == ["大阪市", "堺市"]
    assert r.message() == "北区は大阪市・堺市にあります。住所か都道府県を入れてください"
    assert M.resolve("北区", "北区赤羽1-1").ambiguous


@pytest.mark.parametrize(
    "name, address, prefecture",
    [
        ("府中市", "東京都府中市宮町1-1", "東京都"),
        ("府中市", "広島県府中市府川町", "広島県"),
        ("伊達市", "福島県伊達市保原町", "福島県"),
        ("広島県府中市", None, "広島県"),
    ],
)
def test_namesake_cities(name, address, prefecture):
    """Ensure 府中市 and 伊達市 are decided by the prefecture in the address or in the name."""
    assert M.resolve(name, address).municipality.prefecture == prefecture
    assert M.resolve(name.removeprefix("広島県")).ambiguous


def test_prefecture_alone_is_no_municipality():
    """Ensure 「大阪府」 names no municipality (it is a rate profile's alias, handled by the caller)."""
    assert M.resolve("大阪府").candidates == ()


# --- the case file's municipality_code -----------------------------------------------------------


def _case(**extra):
    return {"as_of": "2025-06-01", "members": [{"relation": "head", "birth_date": "1960-05-10"}], **extra}


def test_old_case_files_without_the_code_still_load():
    """Ensure a case file written before municipality_code existed loads, with no code."""
    from kokuho_desk.model.casefile import case_from_dict

    case = case_from_dict(_case(municipality="大阪府統一"))
    assert case.municipality == "大阪府統一" and case.municipality_code is None


def test_code_is_normalised_and_kept():
    """Ensure a 5-digit or 全角 code is stored as the 6-digit code, and survives a save."""
    from kokuho_desk.model.casefile import case_from_dict, case_from_json, case_to_json

    case = case_from_dict(_case(municipality="堺市", municipality_code="２７１４０"))
    assert case.municipality_code == "271403"
    assert case_from_json(case_to_json(case)).municipality_code == "271403"


@pytest.mark.parametrize("code", ["271404", "2714", "999990"])
def test_wrong_code_names_the_field_in_japanese(code):
    """Ensure a wrong code is refused with a Japanese message naming municipality_code."""
    from kokuho_desk.model.casefile import CaseFileError, case_from_dict

    with pytest.raises(CaseFileError) as err:
        case_from_dict(_case(municipality_code=code))
    assert [e.path for e in err.value.errors] == ["municipality_code"]
    assert "全国地方公共団体コード" in str(err.value)
