"""Lay a filled form out as an A4 PDF with reportlab platypus.

All text passes through :func:`markup`: characters the font lacks become 〓, then
the text is escaped (user text is never reportlab markup: ``<img src=…>`` would
make reportlab open a local file), full-width spaces become ``&#x3000;`` (a raw
U+3000 is collapsed or dropped), and BLANK becomes a line to write on (＿＿＿).
Only this module writes markup, and only from its own constants.

The layout follows the usual Japanese 申請書: title, date top right, 宛先 top left,
the applicant's address and name on the right, the body, the attachments to tick,
and a signature line with a 印 box. The left margin leaves room to punch holes;
page numbers ("1 / 2") appear only when the letter runs to more than one page.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kokuho_desk.letters.context import BLANK, CHOICES, TABLES, LetterContext
from kokuho_desk.letters.fonts import FontSet
from kokuho_desk.letters.templates import Block, Form

BLANK_MARKUP = "＿" * 10  # a line to write on (reportlab does not underline spaces)
CHECKED, UNCHECKED = "■", "□"  # IPAex has no ☐/☑
SEAL_SIZE = 14 * mm  # the 印 box
GRID = colors.Color(0.35, 0.35, 0.35)
SHADE = colors.Color(0.92, 0.92, 0.92)
AMOUNT_COLUMNS = {"amount", "late_fee", "monthly_gross", "income_based", "per_capita", "per_household", "total",
                  "salary", "pension", "business", "other"}
# Relative widths of table columns that hold long text; others weigh 1.
COLUMN_WEIGHTS = {"reasons": 3.2, "note": 3.0, "action": 3.0, "basis": 2.2, "title": 1.8, "next_action": 2.0,
                  "name": 1.6, "kana": 1.4, "birth_date": 1.5, "part": 1.8, "asset": 0.8, "age": 0.6,
                  "insured": 0.6, "kind": 0.7, "released": 0.8, "verdict": 1.3}


def markup(text: str, fonts: FontSet) -> str:
    """Plain text (template text with values filled in) → safe Paragraph markup."""
    parts = []
    for piece in text.split(BLANK):
        piece = escape(fonts.displayable(piece))
        parts.append(piece.replace("\u3000", "&#x3000;").replace("\n", "<br/>"))
    return BLANK_MARKUP.join(parts)


def cell_markup(text: str, fonts: FontSet) -> str:
    """As :func:`markup`, but a cell that is wholly unknown stays empty: its box is the place to write."""
    return "" if text == BLANK else markup(text, fonts)


def fill(template: str, ctx: LetterContext) -> str:
    return template.format_map(ctx.fields)


class _Styles:
    def __init__(self, form: Form, fonts: FontSet):
        s = form.style
        size, lead = s["body_size"], s["leading"]

        def style(name: str, **kw) -> ParagraphStyle:
            if "parent" in kw:
                return ParagraphStyle(name, **kw)
            base = dict(fontName=fonts.body, fontSize=size, leading=size * lead, wordWrap="CJK")
            return ParagraphStyle(name, **(base | kw))

        self.body = style("body")
        self.text = style("text", firstLineIndent=size)
        self.right = style("right", alignment=TA_RIGHT)
        self.title = style("title", fontName=fonts.heading, fontSize=s["title_size"],
                           leading=s["title_size"] * 1.4, alignment=TA_CENTER, spaceAfter=4 * mm)
        self.heading = style("heading", fontName=fonts.heading, fontSize=s["heading_size"],
                             leading=s["heading_size"] * 1.5, spaceBefore=3 * mm, spaceAfter=1 * mm)
        self.heading_center = style("heading_center", parent=self.heading, alignment=TA_CENTER)
        self.item = style("item", leftIndent=size, firstLineIndent=-size)
        small = s["small_size"]
        self.small = style("small", fontSize=small, leading=small * 1.45)
        self.cell = style("cell", fontSize=small + 0.5, leading=(small + 0.5) * 1.4, alignment=TA_LEFT)
        self.cell_right = style("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.cell_head = style("cell_head", parent=self.cell, fontName=fonts.heading)
        self.seal = style("seal", fontSize=small, textColor=colors.grey, alignment=TA_CENTER)


class _Letter:
    """Builds the flowables of one form for one context."""

    def __init__(self, form: Form, ctx: LetterContext, fonts: FontSet, width: float):
        self.form, self.ctx, self.fonts, self.width = form, ctx, fonts, width
        self.st = _Styles(form, fonts)

    def p(self, text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(markup(text, self.fonts), style)

    def cell(self, text: str, head: bool = False, right: bool = False) -> Paragraph:
        style = self.st.cell_head if head else self.st.cell_right if right else self.st.cell
        return Paragraph(cell_markup(text, self.fonts), style)

    def table(self, rows: list[list], **kw) -> Table:
        """A Table whose empty cells, too, are set in the embedded font (not Helvetica)."""
        t = Table(rows, **kw)
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fonts.body)]))
        return t

    def grid(self, rows: list[list], widths: list[float], header: bool = True) -> Table:
        t = self.table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
        cmds = [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
        if header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
        else:
            cmds.append(("BACKGROUND", (0, 0), (0, -1), SHADE))
        t.setStyle(TableStyle(cmds))
        return t

    def ruled_lines(self, count: int) -> Table:
        t = self.table([[""]] * count, colWidths=[self.width], rowHeights=[8 * mm] * count, hAlign="LEFT")
        t.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID)]))
        return t

    # --- the parts of every office letter ---------------------------------------------

    def header(self) -> list:
        out = [self.p(self.form.title, self.st.title), self.p(self.ctx.fields["today"], self.st.right)]
        if self.form.audience != "office":
            return out
        f = self.ctx.fields
        out.append(self.p(f"{f['addressee']}\u3000様", self.st.body))
        out.append(Spacer(1, 3 * mm))
        postal = f["postal_code"]
        address = ("〒" + postal + "\u3000" if postal != BLANK else "〒" + BLANK + "\n") + f["address"]
        rows = [[self.cell(self.form.applicant_label, head=True), "", ""],
                [self.cell("住所"), self.cell(address), ""],
                [self.cell("氏名"), self.cell(f["head_name"]), self.seal_box()],
                [self.cell("電話"), self.cell(f["phone"]), ""]]
        t = self.table(rows, colWidths=[16 * mm, 84 * mm - SEAL_SIZE - 2 * mm, SEAL_SIZE + 2 * mm], hAlign="RIGHT")
        t.setStyle(TableStyle([("SPAN", (0, 0), (-1, 0)), ("SPAN", (1, 1), (2, 1)), ("SPAN", (1, 3), (2, 3)),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("VALIGN", (0, 1), (-1, 1), "TOP"),
                               ("LINEBELOW", (1, 1), (-1, -1), 0.5, GRID),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                               ("LEFTPADDING", (2, 2), (2, 2), 2 * mm), ("RIGHTPADDING", (2, 2), (2, 2), 0)]))
        out += [t, Spacer(1, 5 * mm)]
        return out

    def seal_box(self) -> Table:
        """The 印 box: a fixed square, so a long name beside it only makes its row taller."""
        t = self.table([[Paragraph("印", self.st.seal)]], colWidths=[SEAL_SIZE], rowHeights=[SEAL_SIZE])
        t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        return t

    # --- blocks ----------------------------------------------------------------------

    def block(self, b: Block) -> list:
        return getattr(self, f"_{b.type}")(b)

    def _titled(self, b: Block, default: str, body: list) -> list:
        title = b.get("title", default)
        if not title:
            return body
        return [KeepTogether([self.p(fill(title, self.ctx), self.st.heading)] + body[:1])] + body[1:]

    def _text(self, b: Block) -> list:
        return [self.p(fill(b.get("text"), self.ctx), self.st.text if b.get("indent", True) else self.st.body),
                Spacer(1, 1.5 * mm)]

    def _heading(self, b: Block) -> list:
        style = self.st.heading_center if b.get("align") == "center" else self.st.heading
        return [self.p(fill(b.get("text"), self.ctx), style)]

    def _note(self, b: Block) -> list:
        return [Spacer(1, 2 * mm), self.p(fill(b.get("text"), self.ctx), self.st.small)]

    def _fields(self, b: Block) -> list:
        rows = [[self.cell(label, head=True), self.cell(fill(value, self.ctx))] for label, value in b.get("rows")]
        return self._titled(b, "", [self.grid(rows, [0.3 * self.width, 0.7 * self.width], header=False)])

    def _list(self, b: Block) -> list:
        items = self.ctx.lists[b.get("source")]
        blank_lines = b.get("blank_lines", 3)
        if not items and not blank_lines:
            return []
        body = [self.p(f"・{item}", self.st.item) for item in items] or [self.ruled_lines(blank_lines)]
        return self._titled(b, "", body)

    def _table(self, b: Block) -> list:
        source, columns = b.get("source"), b.get("columns")
        labels = TABLES[source]
        weights = [COLUMN_WEIGHTS.get(c, 1.0) for c in columns]
        widths = [self.width * w / sum(weights) for w in weights]
        rows = [[self.cell(labels[c], head=True) for c in columns]]
        data = self.ctx.tables[source]
        rows += [[self.cell(r[c], right=c in AMOUNT_COLUMNS) for c in columns] for r in data]
        rows += [[""] * len(columns) for _ in range(0 if data else b.get("blank_rows", 2))]
        return self._titled(b, "", [self.grid(rows, widths)])

    def _choices(self, b: Block) -> list:
        marks = "\u3000".join(f"{CHECKED if on else UNCHECKED}{label}" for label, on in self.ctx.choices[b.get("source")])
        return self._titled(b, CHOICES[b.get("source")], [self.p(marks, self.st.body)])

    def _attachments(self, b: Block) -> list:
        return self._titled(b, "添付書類",
                            [self.p(f"{UNCHECKED} {fill(item, self.ctx)}", self.st.item) for item in b.get("items")])

    def _basis(self, b: Block) -> list:
        basis = list(self.form.basis)
        if b.get("with_check"):
            basis += [x for x in self.ctx.lists["check_basis"] if x not in basis]
        return self._titled(b, "根拠法令等", [self.p(f"・{x}", self.st.item) for x in basis])

    def _blank_lines(self, b: Block) -> list:
        return [KeepTogether([self.p(fill(b.get("label"), self.ctx), self.st.heading),
                              self.ruled_lines(b.get("count", 3))])]

    def _signature(self, b: Block) -> list:
        label = fill(b.get("label", self.form.applicant_label + "　氏名（自署）"), self.ctx)
        t = self.table([[self.cell(label, head=True), "", self.seal_box()]],
                       colWidths=[58 * mm, 60 * mm, SEAL_SIZE + 2 * mm], hAlign="RIGHT")
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (1, 0), (1, 0), 0.5, GRID),
                               ("LEFTPADDING", (2, 0), (2, 0), 2 * mm), ("RIGHTPADDING", (2, 0), (2, 0), 0)]))
        return [Spacer(1, 6 * mm), KeepTogether([t])]

    def story(self) -> list:
        out = self.header()
        for b in self.form.blocks:
            out += self.block(b)
        return out


def _numbered_canvas(font: str, size: float):
    """A canvas that, once it knows the page count, prints "n / N" when N > 1."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **(kwargs | {"initialFontName": font, "initialFontSize": size}))
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 — reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if total > 1:
                    self.setFont(font, size)
                    self.drawCentredString(A4[0] / 2, 10 * mm, f"{self._pageNumber} / {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def render(form: Form, ctx: LetterContext, fonts: FontSet) -> bytes:
    s = form.style
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=s["left_mm"] * mm, rightMargin=s["right_mm"] * mm,
        topMargin=s["top_mm"] * mm, bottomMargin=s["bottom_mm"] * mm,
        title=form.title, subject=form.description, author="国保デスク", creator="kokuho-desk",
    )
    doc.build(_Letter(form, ctx, fonts, doc.width).story(),
              canvasmaker=_numbered_canvas(fonts.body, s["small_size"]))
    return buf.getvalue()
