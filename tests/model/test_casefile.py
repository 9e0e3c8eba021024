"""The case file: loading, validation with Japanese messages naming the field, round trip."""

import copy
import json
from datetime import date

import pytest

from kokuho_desk.model.case import Case, age_on
from kokuho_desk.model.casefile import CaseFileError, case_from_dict, case_from_json, case_to_dict
from tests.conftest import example_files

GOOD = {
    "format": "kokuho-desk/case-1",
    "as_of": "2025-06-01",
    "fiscal_year": 2025,
    "municipality": "大阪府統一",
    "contact": {"postal_code": "530-0001", "address": "大阪府大阪市北区梅田1-1-1", "phone": "06-1234-5678"},
    "members": [
        {
            "name": "山田 太郎",
            "kana": "ヤマダ タロウ",
            "relation": "head",
            "birth_date": "1970-04-10",
            "insured": True,
            "income": {"declared": True, "salary": 3000000, "pension": 0, "business": 0, "other": 0},
        },
        {
            "name": "山田 花子",
            "relation": "spouse",
            "birth_date": "1972-08-01",
            "insured": True,
            "income": {"declared": True, "salary": 0},
        },
    ],
    "finances": {"savings": 120000, "monthly_income": 98000, "monthly_rent": 42000, "grade": "1級地-1"},
    "arrears": [{"fiscal_year": 2022, "amount": 58000, "late_fee": 4200, "due_date": "2023-03-31", "kind": "料"}],
    "seizures": [
        {
            "date": "2025-05-20",
            "asset": "salary",
            "amount": 80000,
            "monthly_gross": 240000,
            "monthly_withholding": {"income_tax": 4000, "resident_tax": 6000, "social_insurance": 36000},
            "dependents": 2,
        }
    ],
    "insurance": {"status": "special_care"},
    "medical": {"needs_care": True, "inpatient": False},
    "log": [{"date": "2025-06-01", "note": "初回相談", "next_action": "減免申請", "due_date": "2025-06-30"}],
}


def _with(path, value):
    data = copy.deepcopy(GOOD)
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


_DELETE = object()

BAD_INPUTS = [
    # (what, path to change, new value, field named in the message, words in the message)
    ("impossible date", ("members", 0, "birth_date"), "令和7年2月30日", "members[0].birth_date", "存在しない日付"),
    ("month 13", ("as_of",), "2025-13-01", "as_of", "存在しない日付"),
    ("date out of era", ("members", 1, "birth_date"), "平成31年5月1日", "members[1].birth_date", "期間外"),
    ("unreadable date", ("log", 0, "date"), "先週", "log[0].date", "日付として読めません"),
    ("negative salary", ("members", 0, "income", "salary"), -1, "members[0].income.salary", "マイナス"),
    ("negative text amount", ("finances", "savings"), "－５０００円", "finances.savings", "マイナス"),
    ("absurd amount", ("members", 0, "income", "pension"), 2_000_000_000, "members[0].income.pension", "10億円"),
    ("absurd text amount", ("arrears", 0, "amount"), "20億円", "arrears[0].amount", "読めません"),
    ("unreadable amount", ("finances", "monthly_rent"), "四万円", "finances.monthly_rent", "読めません"),
    ("amount as boolean", ("finances", "savings"), True, "finances.savings", "整数"),
    ("no head", ("members", 0, "relation"), "spouse", "members", "世帯主"),
    ("two heads", ("members", 1, "relation"), "head", "members[1].relation", "世帯主が2人"),
    ("unknown relation", ("members", 1, "relation"), "boss", "members[1].relation", "いずれか"),
    ("no members", ("members",), [], "members", "少なくとも1件"),
    ("missing as_of", ("as_of",), _DELETE, "as_of", "入力してください"),
    (
        "born after the consultation",
        ("members", 1, "birth_date"),
        "2026-01-01",
        "members[1].birth_date",
        "相談日より後",
    ),
    ("older than 130", ("members", 0, "birth_date"), "1870-01-01", "members[0].birth_date", "130歳"),
    ("name too long", ("members", 0, "name"), "山" * 101, "members[0].name", "長すぎ"),
    ("empty name", ("members", 0, "name"), "   ", "members[0].name", "空欄"),
    ("bad postal code", ("contact", "postal_code"), "53-0001", "contact.postal_code", "郵便番号"),
    ("bad phone", ("contact", "phone"), "電話なし", "contact.phone", "電話番号"),
    ("unknown field", ("members", 0, "favourite_colour"), "blue", "members[0]", "不明な項目"),
    ("bad insurance status", ("insurance", "status"), "gold", "insurance.status", "いずれか"),
    ("bad seizure asset", ("seizures", 0, "asset"), "car", "seizures[0].asset", "いずれか"),
    ("negative dependents", ("seizures", 0, "dependents"), -1, "seizures[0].dependents", "マイナス"),
    ("seized more than paid", ("seizures", 0, "amount"), 300000, "seizures[0].amount", "支給額を超え"),
    ("bad grade", ("finances", "grade"), "9級地", "finances.grade", "いずれか"),
    ("fiscal year as text", ("arrears", 0, "fiscal_year"), "昔", "arrears[0].fiscal_year", "年として読めません"),
    ("deadline before entry", ("log", 0, "due_date"), "2025-05-01", "log[0].due_date", "記録日より前"),
    ("wrong format id", ("format",), "other/9", "format", "いずれか"),
    ("declared as text", ("members", 0, "income", "declared"), "はい", "members[0].income.declared", "はい/いいえ"),
]


@pytest.mark.parametrize("what, path, value, field, words", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_names_the_field_in_japanese(what, path, value, field, words):
    """Ensure each kind of bad input is refused with a Japanese message that names the field."""
    with pytest.raises(CaseFileError) as e:
        case_from_dict(_with(path, value))
    messages = [str(err) for err in e.value.errors]
    assert any(err.path == field and words in err.message for err in e.value.errors), messages


def test_there_are_at_least_twenty_kinds_of_bad_input():
    """Ensure the acceptance floor of 20 kinds of bad input is kept."""
    assert len(BAD_INPUTS) >= 20


def test_broken_json_and_non_object():
    """Ensure broken JSON and a non-object get a Japanese message, not a traceback."""
    with pytest.raises(CaseFileError, match="JSONとして読めません"):
        case_from_json("{ broken")
    with pytest.raises(CaseFileError, match="オブジェクト"):
        case_from_json("[1, 2]")
    with pytest.raises(CaseFileError, match="UTF-8"):
        case_from_json(b"\xff\xfe{}")


def test_normalises_what_volunteers_type():
    """Ensure 全角 amounts, 和暦 dates, 〒 codes and spaced names are accepted and cleaned."""
    data = copy.deepcopy(GOOD)
    data["as_of"] = "令和7年6月1日"
    data["members"][0]["birth_date"] = "昭和45年4月10日"
    data["members"][0]["name"] = "山田　　太郎"
    data["members"][0]["income"]["salary"] = "３，０００，０００円"
    data["finances"]["savings"] = "12万円"
    data["contact"]["postal_code"] = "〒５３０－０００１"
    data["fiscal_year"] = "令和7年度"
    case = case_from_dict(data)
    assert case.as_of == date(2025, 6, 1)
    assert case.members[0].birth_date == date(1970, 4, 10)
    assert case.members[0].name == "山田 太郎"
    assert case.members[0].income.salary == 3_000_000
    assert case.finances.savings == 120_000
    assert case.contact.postal_code == "530-0001"
    assert case.fiscal_year == 2025


def test_markup_and_emoji_are_kept_as_text():
    """Ensure names with <, &, markup and emoji load unchanged (escaping is the printer's job)."""
    data = copy.deepcopy(GOOD)
    data["members"][0]["name"] = "<b>山田</b> & 太郎 😀"
    case = case_from_dict(data)
    assert case.members[0].name == "<b>山田</b> & 太郎 😀"


def test_round_trip_is_identical():
    """Ensure case file → model → case file gives back the same canonical dict."""
    case = case_from_dict(GOOD)
    first = case_to_dict(case)
    again = case_to_dict(case_from_dict(json.loads(json.dumps(first))))
    assert again == first
    assert first["members"][0]["income"]["salary"] == 3_000_000
    assert first["seizures"][0]["monthly_withholding"]["social_insurance"] == 36000


def test_shared_examples_are_present():
    """Ensure the worked examples beside the repo are found (a missing folder must fail, not skip)."""
    assert len(example_files()) >= 20


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_every_shared_example_loads(path):
    """Ensure every worked example (tests/data/examples and any shared one) is a valid case file."""
    case = case_from_dict(json.loads(path.read_text(encoding="utf-8"))["case"])
    assert isinstance(case, Case)
    assert case.head.relation == "head"


def test_age_counts_as_the_law_does():
    """Ensure someone born on 1 January is already 65 on 31 December of the year before."""
    assert age_on(date(1960, 1, 1), date(2024, 12, 31)) == 65
    assert age_on(date(1960, 1, 2), date(2024, 12, 31)) == 64
    assert age_on(date(1985, 4, 1), date(2025, 3, 31)) == 40


def test_validated_dict_builds_the_same_case():
    """Ensure the store's build-only path gives the same Case as full validation of its own output."""
    from kokuho_desk.model.casefile import case_from_validated_dict

    canonical = case_to_dict(case_from_dict(GOOD))
    assert case_from_validated_dict(json.loads(json.dumps(canonical))) == case_from_dict(canonical)


def test_a_date_before_meiji_is_refused():
    """Ensure a year-1 date (a typing slip the fuzz test found crashing a check) is refused with a message."""
    data = copy.deepcopy(GOOD)
    data["arrears"][0]["due_date"] = "0001/1/1"
    with pytest.raises(CaseFileError) as e:
        case_from_dict(data)
    assert any(err.path == "arrears[0].due_date" and "明治より前" in err.message for err in e.value.errors)


def test_infinity_in_a_case_file_is_refused_in_japanese():
    """Ensure JSON's non-standard Infinity as an amount is refused with the field named, not a crash."""
    text = json.dumps(
        {
            "format": "kokuho-desk/case-1",
            "as_of": "2025-06-02",
            "members": [{"relation": "head"}],
            "finances": {"savings": 1},
        }
    ).replace('"savings": 1', '"savings": Infinity')
    with pytest.raises(CaseFileError) as e:
        case_from_json(text)
    assert "finances.savings" in str(e.value) or "貯金" in str(e.value)


def test_full_width_phone_and_compact_date_are_stored_in_canonical_form():
    """Ensure a phone typed in full width and a date typed as 8 digits are accepted and stored clean."""
    case = case_from_dict(
        {
            "as_of": "20261204",
            "members": [{"relation": "head", "name": "山田 太郎"}],
            "contact": {"phone": "０６－１２３４－５６７８"},
        }
    )
    assert case.as_of.isoformat() == "2026-12-04"
    assert case.contact.phone == "06-1234-5678"


def test_every_error_is_reported_at_once():
    """Ensure an unreadable date, a negative amount, a missing required field and a household
    without a 世帯主 come back together, not one per attempt."""
    with pytest.raises(CaseFileError) as e:
        case_from_dict(
            {
                "as_of": "2026-12-04",
                "members": [
                    {"relation": "spouse", "name": "山田 花子", "birth_date": "令和99年13月1日"},
                    {"name": "山田 一郎"},
                ],
                "finances": {"savings": "-5000"},
            }
        )
    found = {err.path: err.message for err in e.value.errors}
    assert "存在しない日付" in found["members[0].birth_date"]
    assert "マイナス" in found["finances.savings"]
    assert found["members[1].relation"] == "入力してください（必須の項目です）"
    assert "世帯主がいません" in found["members"]
    assert all("relation" not in m and "head" not in m for m in found.values())


def test_the_case_file_keeps_its_date_keys_while_the_attributes_say_which_date():
    """case-format.md names the day of a seizure, an enforcement step and a log entry ``date``; in the
    code they are seizure_date, event_date and entry_date. A file written before the rename loads, and
    saving writes ``date`` again (never the attribute's name)."""
    data = _with(("enforcement",), [{"date": "2025-04-01", "kind": "demand"}])
    case = case_from_dict(data)
    assert case.seizures[0].seizure_date == date(2025, 5, 20)
    assert case.enforcement[0].event_date == date(2025, 4, 1)
    assert case.log[0].entry_date == date(2025, 6, 1)
    saved = case_to_dict(case)
    assert saved["seizures"][0]["date"] == "2025-05-20" and "seizure_date" not in saved["seizures"][0]
    assert saved["enforcement"][0] == {"date": "2025-04-01", "kind": "demand"}
    assert saved["log"][0]["date"] == "2025-06-01" and "entry_date" not in saved["log"][0]
