"""The letter preview: a real PDF from the letters module, shown, saved and printed to a file."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.ui.letter_preview import LetterPreview


@pytest.fixture(scope="module")
def pdf() -> bytes:
    from kokuho_desk.letters import make_letter

    case = case_from_dict(
        {
            "as_of": "2025-10-17",
            "municipality": "大阪市",
            "members": [
                {
                    "relation": "head",
                    "name": "山田 太郎",
                    "birth_date": "1955-04-01",
                    "income": {"declared": True, "salary": 1_200_000},
                }
            ],
        }
    )
    return make_letter("premium-statement", case, today=date(2025, 10, 17))


def test_preview_shows_the_pages(qtbot, pdf):
    """Ensure the PDF is loaded into the viewer."""
    preview = LetterPreview(pdf, suggested_name="premium-statement.pdf")
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready)
    assert preview.document.pageCount() >= 1


def test_save_as_writes_the_same_bytes(qtbot, pdf, tmp_path):
    """Ensure 名前を付けて保存 writes the letter unchanged."""
    preview = LetterPreview(pdf)
    qtbot.addWidget(preview)
    target = tmp_path / "書類.pdf"
    preview.save_to(target)
    assert target.read_bytes() == pdf


def test_print_draws_every_page(qtbot, pdf, tmp_path):
    """Ensure printing renders each page onto the printer (here a PDF file printer)."""
    preview = LetterPreview(pdf)
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    preview.print_to(printer)
    printed = QPdfDocument()
    printed.load(str(out))
    assert printed.pageCount() == preview.document.pageCount()
