"""Layout a volunteer and a clerk can use: rows to write in by hand ≥ 8 mm, Japanese line breaking in
the printed letters, amounts kept whole."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from kokuho_desk.letters import DeskInfo, make_letter
from kokuho_desk.letters.context import build_context
from kokuho_desk.letters.fonts import load_fonts
from kokuho_desk.letters.render import NO_LINE_END, NO_LINE_START, WRITING_ROW, _Letter
from kokuho_desk.letters.templates import shipped_forms
from tests.letters.helpers import TODAY

KINDS = list(shipped_forms())
DESK = DeskInfo(name="北区くらしと健康の相談会", volunteer="中村 一郎", phone="06-0000-0000")


def _lines(pdf: bytes) -> list[str]:
    return [
        line.strip().strip("\u3000")
        for page in PdfReader(io.BytesIO(pdf)).pages
        for line in page.extract_text().splitlines()
        if line.strip()
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_no_line_breaks_against_kinsoku(case, report, kind):
    """Ensure no printed line starts with 、。）」 and the like, none ends with （「, and an amount is never
    cut from its 円 (extracted line by line with pypdf)."""
    lines = _lines(make_letter(kind, case, report, today=TODAY, desk=DESK))
    assert [x for x in lines if x[0] in NO_LINE_START - {"・"}] == []  # ・ starts list items
    assert [x for x in lines if x[-1] in NO_LINE_END] == []
    assert [x for x in lines if x == "円"] == []


@pytest.mark.parametrize("kind", [k for k, f in shipped_forms().items() if f.audience == "office"])
def test_rows_to_write_in_are_at_least_8_mm(case, report, kind):
    """Ensure every row of the applicant and helper blocks and of every fields block is at least 8 mm
    high (a 5.6 mm row is too small to write in by hand)."""
    form = shipped_forms()[kind]
    ctx = build_context(case, report, form.check, today=TODAY)
    letter = _Letter(form, ctx, load_fonts(None), 160 * mm)
    tables = [letter.applicant(), letter.helper()]
    flowables = [f for b in form.blocks if b.type == "fields" for f in letter.block(b)]
    flowables = [x for f in flowables for x in getattr(f, "_content", [f])]  # a titled block is kept together
    fields = [f for f in flowables if hasattr(f, "_cellvalues")]
    assert len(fields) == sum(b.type == "fields" for b in form.blocks)
    tables += fields
    for table in tables:
        table.wrap(160 * mm, 250 * mm)
        heights = table._rowHeights[1:] if table in tables[:2] else table._rowHeights  # row 0: the block's heading
        assert min(heights) >= WRITING_ROW - 0.01, (kind, [round(h / mm, 1) for h in heights])
