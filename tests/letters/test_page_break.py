"""A paragraph longer than what is left of a page goes on to the next page (a long 相談記録 note)."""

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from kokuho_desk.letters import make_letter
from kokuho_desk.letters.fonts import load_fonts
from kokuho_desk.letters.render import JapaneseParagraph
from kokuho_desk.model.casefile import case_from_dict
from tests.letters.helpers import TODAY, pdf_text, squash


def test_a_paragraph_longer_than_a_page_continues_on_the_next_page():
    fonts = load_fonts()
    style = ParagraphStyle("body", fontName=fonts.body, fontSize=10.5, leading=17, wordWrap="CJK")
    sentences = [f"第{i}回の相談で、給与の差押えについて市役所の窓口と話しました。" for i in range(1, 121)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([JapaneseParagraph("".join(sentences), style, fonts)])

    pages = PdfReader(io.BytesIO(buffer.getvalue())).pages
    text = "".join(page.extract_text() for page in pages).replace("\n", "").replace(" ", "")
    assert len(pages) >= 2
    assert "第1回の相談" in text and "第120回の相談で、給与の差押えについて市役所の窓口と話しました。" in text


def test_a_log_note_longer_than_a_page_prints_whole_in_the_consultation_record(case_dict, report):
    """A 相談記録 note of ~2,700 characters (one table row taller than a page) used to stop the letter
    with a LayoutError; it goes on over the pages, every sentence printed."""
    note = "".join(f"第{i}回の相談で、給与の差押えについて市役所の窓口と話しました。" for i in range(1, 80))
    case_dict["log"] = [{"date": "2025-06-02", "note": note, "next_action": "給与明細を持参する"}]
    pdf = make_letter("consultation-record", case_from_dict(case_dict), report, today=TODAY)
    text = squash(pdf_text(pdf))
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 3
    assert all(f"第{i}回の相談" in text for i in range(1, 80)) and "給与明細を持参する" in text
