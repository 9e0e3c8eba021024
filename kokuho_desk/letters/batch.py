"""集団申請: one letter kind for many households, printed as one job.

:func:`batch_names` gives each household's file a name of its own (the case number, or the
input's name — with -2, -3 … when two inputs share a name), so no file overwrites another;
:func:`combined_pdf` joins the letters behind a 申請者一覧 page (number, 世帯主, 住所, 被保険者
記号番号, pages), so the desk prints one file and hands the office one bundle.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kokuho_desk.letters.context import BLANK
from kokuho_desk.letters.fonts import load_fonts
from kokuho_desk.letters.render import GRID, SHADE, JapaneseParagraph, cell_markup
from kokuho_desk.letters.templates import shipped_forms
from kokuho_desk.model.case import Case
from kokuho_desk.model.wareki import format_wareki


@dataclass
class BatchLetter:
    """One household's letter of a batch: its file name, its case and the PDF."""

    name: str  # the household's file name without .pdf
    case: Case
    pdf: bytes


def batch_names(labels: list[str]) -> list[str]:
    """The labels made unique in input order: a repeated label gets -2, -3 … (never a silent overwrite)."""
    seen: dict[str, int] = {}
    out = []
    taken = set(labels)
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        name = label
        if seen[label] > 1:
            n = seen[label]
            while f"{label}-{n}" in taken:
                n += 1
            name = f"{label}-{n}"
            taken.add(name)
        out.append(name)
    return out


def _roster(kind: str, letters: list[BatchLetter], pages: list[int], today: date, font: str | None) -> bytes:
    """The 申請者一覧 page(s)."""
    from reportlab.lib.styles import ParagraphStyle

    fonts = load_fonts(font)
    form = shipped_forms()[kind]
    body = ParagraphStyle("b", fontName=fonts.body, fontSize=9, leading=13, wordWrap="CJK")
    title = ParagraphStyle("t", parent=body, fontName=fonts.heading, fontSize=15, leading=21, alignment=1)

    def cell(text: str) -> Paragraph:
        return JapaneseParagraph(text, body, fonts, cell=True)

    rows = [[cell(h) for h in ("番号", "世帯主", "住所", "被保険者記号番号", "ファイル", "枚数")]]
    for i, (letter, count) in enumerate(zip(letters, pages), 1):
        c = letter.case
        rows.append(
            [
                cell(str(i)),
                cell(c.head.name or BLANK),
                cell((c.contact.address if c.contact else None) or BLANK),
                cell((c.insurance.number if c.insurance else None) or BLANK),
                cell(letter.name + ".pdf"),
                cell(f"{count}枚"),
            ]
        )
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=20 * mm,
        topMargin=15 * mm,
        bottomMargin=20 * mm,
        title=f"{form.generic_title} 申請者一覧",
        author="国保デスク",
    )
    w = doc.width
    table = Table(rows, colWidths=[w * x for x in (0.07, 0.18, 0.35, 0.16, 0.16, 0.08)], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.body),
            ]
        )
    )
    doc.build(
        [
            Paragraph(cell_markup(f"{form.generic_title}　申請者一覧", fonts), title),
            Paragraph(cell_markup(f"作成日 {format_wareki(today)}　{len(letters)}世帯", fonts), body),
            Spacer(1, 4 * mm),
            table,
        ]
    )
    return buf.getvalue()


def combined_pdf(kind: str, letters: list[BatchLetter], *, today: date, font: str | None = None) -> bytes:
    """One PDF: the 申請者一覧, then every household's letter in order."""
    readers = [PdfReader(io.BytesIO(letter.pdf)) for letter in letters]
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_roster(kind, letters, [len(r.pages) for r in readers], today, font))).pages:
        writer.add_page(page)
    for reader in readers:
        for page in reader.pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
