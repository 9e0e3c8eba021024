"""Every letter, filled from a full case and its checks, read back as text from the PDF."""

from __future__ import annotations

import copy
import io

import pytest
from pypdf import PdfReader

from kokuho_desk.letters import DeskInfo, LetterError, letter_for_check, list_letters, make_letter
from kokuho_desk.letters.templates import shipped_forms
from tests.letters.helpers import TODAY, pdf_text, squash

FIXED_KINDS = [
    "special-care-benefit",
    "copayment-relief",
    "enforcement-suspension",
    "premium-relief",
    "realization-deferral",
    "collection-deferral",
    "seizure-release",
    "certificate",
    "premium-statement",
    "power-of-attorney",
    "consultation-record",
]
OFFICE_KINDS = [k for k in FIXED_KINDS if shipped_forms()[k].audience == "office"]

# Figures from the case or the checks that each letter must print.
AMOUNTS = {
    "special-care-benefit": ["98,000円", "50,000円", "300,000円", "北野病院", "山田花子", "令和7年11月1日"],
    "copayment-relief": ["98,000円", "50,000円", "42,000円", "300,000円", "北野病院", "■入院"],
    "enforcement-suspension": [
        "58,000円",
        "61,000円",
        "119,000円",
        "6,000円",
        "98,000円",
        "80,000円",
        "令和6年3月31日",
    ],
    "premium-relief": [
        "120,000円",
        "600,000円",
        "1,800,000円",
        "令和7年12月1日",
        "■失業",
        "■病気・負傷",
        "令和7年8月31日",
    ],
    "realization-deferral": ["58,000円", "61,000円", "119,000円", "98,000円", "42,000円"],
    "collection-deferral": ["58,000円", "61,000円", "119,000円", "■失業", "■病気・負傷", "令和7年8月31日"],
    "seizure-release": ["80,000円", "150,000円", "142,000円", "72,000円", "令和7年10月25日"],
    "certificate": ["やまだたろう", "昭和43年4月10日", "特別療養費（10割負担）"],
    "premium-statement": ["118,500円", "120,000円", "85,000円", "40,000円", "33,500円", "5割", "医療分"],
    "power-of-attorney": ["北区くらしと健康の相談会", "中村一郎", "06-0000-0000", "□国民健康保険料（税）減免申請書"],
    "consultation-record": [
        "令和7年11月20日",
        "119,000円",
        "北区くらしと健康の相談会",
        "資格確認書を申請する",
        "令和7年12月1日",
    ],
}
DESK = DeskInfo(name="北区くらしと健康の相談会", volunteer="中村 一郎", phone="06-0000-0000")


@pytest.fixture(scope="module")
def letters(request):
    from kokuho_desk.model.casefile import case_from_dict
    from tests.letters.helpers import CASE, CHECKS, PREMIUM, FakeReport

    case = case_from_dict(CASE)
    report = FakeReport(list(CHECKS), copy.deepcopy(PREMIUM))
    return {kind: make_letter(kind, case, report, today=TODAY, desk=DESK, applied_on=TODAY) for kind in FIXED_KINDS}


def title(kind: str) -> str:
    """The title as printed for the test case (大阪市 levies 保険料)."""
    return shipped_forms()[kind].title.replace("{levy}", "保険料")


def test_every_fixed_kind_is_shipped():
    """Ensure each KIND id fixed in case-format.md has a form, with a Japanese title."""
    kinds = dict(list_letters())
    assert set(FIXED_KINDS) <= set(kinds)
    assert all(any("\u3040" <= ch <= "\u9fff" for ch in kinds[k]) for k in FIXED_KINDS)


@pytest.mark.parametrize("kind", FIXED_KINDS)
def test_letter_prints_name_date_and_title(letters, kind):
    """Ensure the letter prints its title (保険料, as 大阪市 levies it), the 世帯主's name and the date in 和暦."""
    text = pdf_text(letters[kind])
    assert squash(title(kind)) in text
    assert "保険料（税）" not in squash(title(kind))
    assert "山田太郎" in text
    assert "令和7年11月23日" in text


@pytest.mark.parametrize("kind", FIXED_KINDS)
def test_letter_prints_amounts_and_facts(letters, kind):
    """Ensure the letter prints the amounts and facts taken from the case and the checks."""
    text = pdf_text(letters[kind])
    missing = [a for a in AMOUNTS[kind] if squash(a) not in text]
    assert missing == []


@pytest.mark.parametrize("kind", [k for k in OFFICE_KINDS if shipped_forms()[k].check])
def test_office_letter_holds_none_of_its_checks_reasons(letters, kind):
    """Ensure an office letter speaks for the applicant: no sentence of any check's reasons, no 要確認."""
    from tests.letters.helpers import CHECKS

    text = pdf_text(letters[kind])
    assert [r for c in CHECKS for r in c.reasons if squash(r) in text] == []
    assert "要確認" not in text


def test_statement_prints_the_clients_own_reasons(letters):
    """Ensure the 77条 letter states the case in the first person from its facts: the fall in income
    (1,800,000円 last year → 600,000円 expected), the date of the job loss, the rent."""
    text = pdf_text(letters["premium-relief"])
    assert "令和7年8月31日に失業し、世帯の収入が大きく減りました。" in text
    assert "前年の世帯の収入は1,800,000円でしたが、今年の所得は600,000円になる見込みです。" in text
    assert "家賃として毎月42,000円を支払っています。" in text


@pytest.mark.parametrize("kind", [k for k in FIXED_KINDS if shipped_forms()[k].basis])
def test_letter_cites_its_legal_basis(letters, kind):
    """Ensure the letter prints every legal basis its form names."""
    text = pdf_text(letters[kind])
    assert all(squash(b) in text for b in shipped_forms()[kind].basis)


@pytest.mark.parametrize(
    "kind, citation",
    [
        ("special-care-benefit", "令和7年10月17日厚生労働省保険局国民健康保険課事務連絡"),
        ("copayment-relief", "国民健康保険法第44条"),
        ("enforcement-suspension", "地方税法第15条の7"),
        ("enforcement-suspension", "国税徴収法第153条"),
        ("premium-relief", "国民健康保険法第77条"),
        ("premium-relief", "地方税法第717条"),
        ("realization-deferral", "地方税法第15条の6"),
        ("seizure-release", "国税徴収法第76条"),
        ("premium-statement", "地方税法第703条の5"),
    ],
)
def test_letter_cites_the_law_the_issue_names(letters, kind, citation):
    """Ensure the key citations of relief.md §11 appear in their letters."""
    assert citation in pdf_text(letters[kind])


@pytest.mark.parametrize("kind", [k for k, f in shipped_forms().items() if f.audience == "office"])
def test_office_letter_is_addressed_from_the_profile(letters, kind):
    """Ensure an office letter is addressed to the municipality profile's 長 with 様, and shows the address."""
    text = pdf_text(letters[kind])
    assert "大阪市長様" in text
    assert "〒530-0001" in text and "梅田ハイツ101号" in text


def test_review_mark_only_on_the_consultation_record(letters):
    """Ensure a check marked needs_review (差押禁止額) is listed as 要確認 on the 相談記録票, while the
    office letter prints its figures plain."""
    assert "差押禁止額:確認中の数値を使っています（要確認）" in pdf_text(letters["consultation-record"])
    assert "要確認" not in pdf_text(letters["seizure-release"])


@pytest.mark.parametrize("kind", FIXED_KINDS)
def test_pages_are_a4_and_fonts_embedded(letters, kind):
    """Ensure every page is A4 and every font is an embedded TrueType subset."""
    reader = PdfReader(io.BytesIO(letters[kind]))
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(w), round(h)) == (595, 842)
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for ref in fonts.values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor


@pytest.mark.parametrize("kind", FIXED_KINDS)
def test_metadata_title(letters, kind):
    """Ensure the PDF metadata carries the letter's title."""
    assert PdfReader(io.BytesIO(letters[kind])).metadata.title == title(kind)


def test_page_numbers_only_when_longer_than_one_page(letters):
    """Ensure "1 / 2" style numbers print on multi-page letters and not on one-page ones."""
    for pdf in letters.values():
        pages = PdfReader(io.BytesIO(pdf)).pages
        last = pages[-1].extract_text()
        if len(pages) > 1:
            assert f"{len(pages)} / {len(pages)}" in last
        else:
            assert "1 / 1" not in last


def test_unknown_kind_is_refused_in_japanese(case, report):
    """Ensure an unknown KIND raises LetterError naming the kinds that exist."""
    with pytest.raises(LetterError, match="という書類はありません.*copayment-relief"):
        make_letter("no-such-letter", case, report, today=TODAY)


@pytest.mark.parametrize(
    "check_id, kind",
    [
        ("copayment_relief", "copayment-relief"),
        ("special_care_benefit", "special-care-benefit"),
        ("enforcement_suspension", "enforcement-suspension"),
        ("premium_relief", "premium-relief"),
        ("realization_deferral", "realization-deferral"),
        ("seizure_limit", "seizure-release"),
        ("certificate", "certificate"),
        ("statutory_reduction", "premium-statement"),
        ("limitation", None),
    ],
)
def test_letter_for_check(check_id, kind):
    """Ensure each check id leads to the letter that acts on it (or to none)."""
    assert letter_for_check(check_id) == kind
