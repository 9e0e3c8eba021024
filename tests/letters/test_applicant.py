"""What the review of December 2026 asked of the office letters: the applicant block, the 代理人 block,
the 徴収猶予申請書 and the 委任状, 調査同意 and 生活状況, amounts without 時効, 禁則, batches."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from pypdf import PdfReader

from kokuho_desk.cli import main
from kokuho_desk.letters import DeskInfo, letter_for_check, make_letter, verdict_warning
from kokuho_desk.letters.context import HANDWRITTEN_ADDRESSEE, build_context
from kokuho_desk.letters.render import NO_LINE_END, NO_LINE_START, break_lines
from kokuho_desk.letters.templates import shipped_forms
from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.engine import run_checks
from tests.letters.helpers import CASE, TODAY, pdf_text

DESK = DeskInfo(name="北区くらしと健康の相談会", volunteer="中村 一郎", phone="06-0000-0000")
OFFICE = [k for k, f in shipped_forms().items() if f.audience == "office"]


@pytest.fixture
def numbered(case_dict):
    case_dict["insurance"]["number"] = "北 12-3456"
    case_dict["members"].append(
        {"name": "山田 トメ", "relation": "parent", "birth_date": "1949-05-05", "insured": False}
    )
    return case_from_dict(case_dict)


@pytest.mark.parametrize("kind", OFFICE)
def test_every_office_letter_has_the_applicant_and_helper_blocks(numbered, report, kind):
    """Ensure every office letter prints the 世帯主's フリガナ, 生年月日 (昭和43年4月10日), 被保険者記号番号,
    the 個人番号 box label (never a number), and the desk in the 代理人・同行者 block."""
    text = pdf_text(make_letter(kind, numbered, report, today=TODAY, desk=DESK))
    for expected in (
        "やまだたろう",
        "昭和43年4月10日",
        "被保険者記号番号北12-3456",
        "個人番号",
        "06-1234-5678",
        "北区くらしと健康の相談会",
        "06-0000-0000",
    ):
        assert expected in text, (kind, expected)
    helper = "中村一郎"
    assert helper in text


def test_certificate_lists_insured_members_only(numbered, report):
    """Ensure the 資格確認書 letter lists as 交付対象 the two insured members, not the 76-year-old
    parent who is not in 国保 (born 1949-05-05)."""
    text = pdf_text(make_letter("certificate", numbered, report, today=TODAY))
    assert "山田花子" in text
    assert "山田トメ" not in text


@pytest.mark.parametrize("kind", ["copayment-relief", "premium-relief"])
def test_44_and_77_letters_have_consent_and_living_table(case, report, kind):
    """Ensure the 44条 and 77条 letters ask the 調査同意 with a 自署欄 and carry the 生活状況 table
    (収入 98,000円, 家賃 42,000円, 預貯金 50,000円, 借入金, 世帯員)."""
    text = pdf_text(make_letter(kind, case, report, today=TODAY))
    assert "収入・資産・課税の状況について" in text and "調査・照会することに同意します" in text
    assert "同意者（世帯主）氏名（自署）" in text
    for row in (
        "世帯の収入（月、現在）98,000円",
        "家賃（月）42,000円",
        "預貯金（世帯全員）50,000円",
        "借入金の残高",
        "国保に加入していない人も含む",
    ):
        assert row in text, row


def test_collection_deferral_and_power_of_attorney_render_with_the_agent(case, report):
    """Ensure the 徴収猶予申請書 prints its law (地方税法15条, 国保法77条) and the 代理人・同行者 block,
    and the 委任状 names the --agent as 代理人 with the procedures to tick and the 委任者's 自署欄."""
    text = pdf_text(make_letter("collection-deferral", case, report, today=TODAY, desk=DESK))
    assert "国民健康保険料徴収猶予申請書" in text
    assert "地方税法第15条・第15条の2" in text and "国民健康保険法第77条" in text
    assert "代理人・同行者" in text and "中村一郎" in text
    agent = DeskInfo(name=DESK.name, volunteer=DESK.volunteer, phone=DESK.phone, agent="佐藤 花子")
    text = pdf_text(make_letter("power-of-attorney", case, report, today=TODAY, desk=agent))
    assert "代理人（委任を受ける者）" in text and "佐藤花子" in text and "中村一郎" not in text
    assert "□国民健康保険料（税）徴収猶予申請書" in text and "□換価の猶予申請書" in text
    assert "委任者（世帯主）氏名（自署）" in text


def test_deferral_past_six_months_offers_collection_deferral(case_dict):
    """Ensure that with arrears due 令和6年3月31日 (past 6 months on 令和7年11月20日) the deferral check
    offers 徴収猶予 as its next action and its letter, and the window's button follows it."""
    case = case_from_dict(case_dict)
    check = run_checks(case).check("realization_deferral")
    assert any(a.letter == "collection-deferral" for a in check.next_actions)
    assert letter_for_check(check) == "collection-deferral"
    assert letter_for_check("realization_deferral") == "realization-deferral"


def test_deferral_past_six_months_without_cause_still_offers_it(case_dict):
    """Ensure 徴収猶予 is offered past 6 months even when the case names no cause yet (the client may have one)."""
    case_dict["hardship"] = {"reasons": ["other"]}
    check = run_checks(case_from_dict(case_dict)).check("realization_deferral")
    assert [a.letter for a in check.next_actions] == ["collection-deferral"]


def test_extinguished_arrears_are_left_out_and_listed_as_jikou(case_dict):
    """Ensure arrears the 時効 check finds extinguished are not asked to be deferred: 保険料 of 平成31年度
    due 令和2年3月31日 (30,000円) is extinguished two years later (国保法110条) — the letter asks for
    58,000 + 61,000 = 119,000円 only, and the 相談記録票 lists the 30,000円 as 時効."""
    case_dict["arrears"].append({"fiscal_year": 2019, "amount": 30000, "late_fee": 2000, "due_date": "2020-03-31"})
    case = case_from_dict(case_dict)
    report = run_checks(case)
    assert report.check("limitation").figures["expired_amount"] == 30000
    text = pdf_text(make_letter("realization-deferral", case, report, today=TODAY))
    assert "119,000円" in text and "149,000円" not in text and "平成31年度" not in text
    record = pdf_text(make_letter("consultation-record", case, report, today=TODAY))
    assert "平成31年度分30,000円（時効で消滅" in record


def test_statement_is_blank_lines_when_the_case_says_nothing(case_dict, report):
    """Ensure that a case with no facts for the reasons prints ruled lines to write on, not a verdict."""
    for key in ("hardship", "finances", "medical", "seizures"):
        case_dict.pop(key, None)
    ctx = build_context(case_from_dict(case_dict), report, "premium_relief", today=TODAY)
    assert not any(ctx.facts[f] for f in ("unemployment", "illness", "income_fell", "seized"))
    text = pdf_text(make_letter("premium-relief", case_from_dict(case_dict), report, today=TODAY))
    assert "失業" not in text.split("3申請の理由")[1].split("4生活の状況")[0].replace("このため", "")


def test_group_profile_prints_a_blank_mayor(case_dict):
    """Ensure the 大阪府統一 group profile prints 「　　　　　　長」 to write in, never 「市町村長」."""
    case_dict["municipality"] = "osaka-pref"
    ctx = build_context(case_from_dict(case_dict), None, None, today=TODAY)
    assert ctx.fields["addressee"] == HANDWRITTEN_ADDRESSEE
    text = pdf_text(make_letter("premium-relief", case_from_dict(case_dict), None, today=TODAY))
    assert "市町村長" not in text and "長様" in text


def test_title_says_ryo_or_zei_from_the_profile(case_dict):
    """Ensure 大阪市 (保険料) titles say 保険料 and an unknown municipality keeps 保険料（税）."""
    ctx = build_context(case_from_dict(case_dict), None, None, today=TODAY)
    assert ctx.fields["levy"] == "保険料"
    case_dict["municipality"] = "架空村"
    ctx = build_context(case_from_dict(case_dict), None, None, today=TODAY)
    assert ctx.fields["levy"] == "保険料（税）"


def test_kinsoku_line_breaking():
    """Ensure no line starts with 、。」） and none ends with （「 when text is broken at 7 characters."""
    text = "あいうえおかき、くけこ「さしすせそ」。たちつてと（なにぬねの）はひふへほ（まみむめも"
    lines = break_lines(text, 70, 70, lambda t: 10.0 * len(t))
    assert "".join(lines) == text
    assert all(line[0] not in NO_LINE_START for line in lines[1:])
    assert all(line[-1] not in NO_LINE_END for line in lines)
    assert all(len(line) <= 7 for line in lines)


def test_verdict_warning_only_for_unsupported_letters(case):
    """Ensure the warning names the check and its verdict when the letter is not supported, and is
    None for a supported one or a client sheet."""
    report = run_checks(case)
    statuses = {c.id: c.verdict for c in report.checks}
    for kind in OFFICE:
        check = shipped_forms()[kind].check
        warning = verdict_warning(kind, report)
        if check and statuses[check] in ("not_eligible", "needs_info"):
            assert warning and "判定は" in warning
        else:
            assert warning is None
    assert verdict_warning("consultation-record", report) is None


def test_cli_warns_on_stderr_and_exits_0(tmp_path, capsys):
    """Ensure `letter premium-relief` for a case the 77条 check finds 非該当 still writes the PDF, exits 0
    and prints a Japanese warning on stderr."""
    data = json.loads(json.dumps(CASE))
    data["finances"]["expected_annual_income"] = 5_000_000  # no fall in income: 非該当
    path = tmp_path / "rich.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run_checks(case_from_dict(data)).check("premium_relief").verdict == "not_eligible"
    out = tmp_path / "x.pdf"
    assert main(["--db", str(tmp_path / "t.db"), "letter", "premium-relief", str(path), "-o", str(out)]) == 0
    assert out.exists()
    assert "注意" in capsys.readouterr().err


def test_batch_with_the_same_stem_gives_two_letters_and_one_roster(tmp_path, capsys):
    """Ensure two inputs named same.json in two folders give two letters (same, same-2) and one combined
    PDF whose first page lists both households (山田 太郎, 鈴木 次郎), then their letters."""
    paths = []
    for folder, name in (("x", "山田 太郎"), ("y", "鈴木 次郎")):
        data = json.loads(json.dumps(CASE))
        data["members"][0]["name"] = name
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "same.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    out = tmp_path / "out"
    assert (
        main(
            [
                "--db",
                str(tmp_path / "t.db"),
                "letter",
                "premium-relief",
                *paths,
                "-o",
                str(out),
                "--desk",
                "相談会",
                "--volunteer",
                "中村 一郎",
                "--desk-phone",
                "06-0000-0000",
            ]
        )
        == 0
    )
    singles = sorted(p.name for p in out.glob("premium-relief-same*.pdf"))
    assert singles == ["premium-relief-same-2.pdf", "premium-relief-same.pdf"]
    assert "鈴木次郎" in pdf_text((out / "premium-relief-same-2.pdf").read_bytes())
    combined = PdfReader(io.BytesIO((out / "premium-relief-まとめ.pdf").read_bytes()))
    first = combined.pages[0].extract_text().replace(" ", "").replace("\n", "")
    assert "申請者一覧" in first and "山田太郎" in first and "鈴木次郎" in first
    singles_pages = sum(len(PdfReader(out / n).pages) for n in singles)
    assert len(combined.pages) == 1 + singles_pages


def test_batch_bad_input_names_its_file(tmp_path, capsys):
    """Ensure a batch with one unreadable input exits 2, names that file and writes nothing."""
    good = tmp_path / "good.json"
    good.write_text(json.dumps(CASE, ensure_ascii=False), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--db", str(tmp_path / "t.db"), "letter", "premium-relief", str(good), str(bad), "-o", str(out)]) == 2
    assert str(bad) in capsys.readouterr().err
    assert not out.exists() or not list(out.glob("*.pdf"))


def test_application_date_is_blank_unless_set(case, report):
    """Ensure the 申請日 is 「令和　年　月　日」 for the client unless the desk sets it (令和8年12月4日)."""
    assert "令和年月日" in pdf_text(make_letter("premium-relief", case, report, today=TODAY))
    text = pdf_text(make_letter("premium-relief", case, report, today=TODAY, applied_on=date(2026, 12, 4)))
    assert "令和8年12月4日" in text


def test_consultation_record_names_fields_as_the_desk_sees_them(case_dict):
    """Ensure the 相談記録票 names a missing field in words (世帯員1の生年月日), never a path such as
    members[0].birth_date or finances.grade, and a step dated on the 相談日 reads 「早めに」, not the 相談日."""
    del case_dict["members"][0]["birth_date"]
    case = case_from_dict(case_dict)
    report = run_checks(case)
    text = pdf_text(make_letter("consultation-record", case, report, today=TODAY))
    assert "世帯員1の生年月日" in text
    assert "members[" not in text and "finances." not in text and "birth_date" not in text
    ctx = build_context(case, report, None, today=TODAY)
    same_day = [a for c in report.checks for a in c.next_actions if a.due_date == case.as_of]
    assert same_day and all(row["due_date"] != "令和7年11月20日" for row in ctx.tables["next_actions"])
    assert "早めに" in text


def test_zei_municipality_prints_hokenzei(case_dict, monkeypatch):
    """Ensure a municipality that levies 保険税 (profile kind 税) gets 「国民健康保険税減免申請書」, never 保険料（税）."""
    import dataclasses

    from kokuho_desk.letters import context
    from kokuho_desk.rules.municipality import load_profile

    zei = dataclasses.replace(load_profile("大阪市"), kind="税", name="見本町", addressee="見本町長")
    monkeypatch.setattr(context, "profile_for_case", lambda case: zei)
    text = pdf_text(make_letter("premium-relief", case_from_dict(case_dict), None, today=TODAY))
    assert "国民健康保険税減免申請書" in text and "見本町長様" in text
    assert "保険料（税）" not in text
