"""Lay a filled form out as an A4 PDF with reportlab platypus.

All text passes through :func:`markup`: characters the font lacks become 〓, then
the text is escaped (user text is never reportlab markup: ``<img src=…>`` would
make reportlab open a local file), full-width spaces become ``&#x3000;`` (a raw
U+3000 is collapsed or dropped), and BLANK becomes a line to write on (＿＿＿).
Only this module writes markup, and only from its own constants.

The layout follows the usual Japanese 申請書: title, 申請日 top right (blank for the
client unless set), 宛先 top left, the applicant block (世帯主 フリガナ・氏名・生年月日・
住所・電話・被保険者記号番号・個人番号の枠), the 代理人・同行者 block, the body, the
attachments to tick, and a signature line with a 印 box. Rows meant for handwriting are
at least 8 mm high. Lines are broken by Japanese rules (禁則: no line starts with 、。）」
and the like, none ends with （「). The left margin leaves room to punch holes; page
numbers ("1 / 2") appear only when the letter runs to more than one page.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kokuho_desk.letters.context import BLANK, CHOICES, TABLES, LetterContext
from kokuho_desk.letters.fonts import FontSet
from kokuho_desk.letters.templates import Block, LetterForm

BLANK_WIDTH = 10  # characters of the line to write on
BLANK_MARKUP = "＿" * BLANK_WIDTH  # a line to write on (reportlab does not underline spaces)
WRITING_ROW = 8 * mm  # the least height of a row written by hand
MYNUMBER_DIGITS = 12
# 禁則: characters that may not start a line, and those that may not end one (JIS X 4051, in short).
NO_LINE_START = set(
    "、。，．,.・：；？！?!:;）」』】〕］｝〉》)]}ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ％‰℃"
)
NO_LINE_END = set("（「『【〔［｛〈《([{〒")
_SPACES = re.compile(r"[ \t\r\n]+")
CHECKED, UNCHECKED = "■", "□"  # IPAex has no ☐/☑
SEAL_SIZE = 14 * mm  # the 印 box
GRID = colors.Color(0.35, 0.35, 0.35)
SHADE = colors.Color(0.92, 0.92, 0.92)
AMOUNT_COLUMNS = {
    "amount",
    "late_fee",
    "monthly_gross",
    "income_based",
    "per_capita",
    "per_household",
    "total",
    "salary",
    "pension",
    "business",
    "other",
}
# Relative widths of table columns that hold long text; others weigh 1.
COLUMN_WEIGHTS = {
    "reasons": 3.2,
    "note": 3.0,
    "action": 3.0,
    "basis": 2.2,
    "title": 1.8,
    "next_action": 2.0,
    "name": 1.6,
    "kana": 1.4,
    "birth_date": 1.5,
    "part": 1.8,
    "asset": 0.8,
    "age": 0.6,
    "insured": 0.6,
    "kind": 0.7,
    "released": 0.8,
    "verdict": 1.3,
    "salary": 1.3,
    "pension": 1.3,
    "business": 1.3,
    "other": 1.3,
}


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


def _tokens(text: str) -> list[str]:
    """Units that are never split: a BLANK, a run of ASCII letters and digits with its 円 (1,005,000円,
    06-1234), a character."""
    return re.findall(f"{BLANK}|\n|[0-9A-Za-z][0-9A-Za-z,.:/\\-]*円?|.", text, flags=re.S)


def break_lines(text: str, first: float, rest: float, width_of) -> list[str]:
    """Break plain text into lines no wider than ``first`` then ``rest`` points, by 禁則: a line
    never starts with a NO_LINE_START character (the last unit of the line before moves down
    with it) nor ends with a NO_LINE_END one (it moves down)."""
    lines: list[list[str]] = [[]]
    used = 0.0
    tokens: list[str] = []
    for token in _tokens(text):  # a unit wider than a line may break anywhere
        tokens += list(token) if len(token) > 1 and token != BLANK and width_of(token) > rest else [token]
    for token in tokens:
        if token == "\n":
            lines.append([])
            used = 0.0
            continue
        w = width_of(token)
        line = lines[-1]
        limit = first if len(lines) == 1 else rest
        if line and used + w > limit:
            carry: list[str] = []
            if token[0] in NO_LINE_START:  # bring the unit before it down (and one more if that cannot start either)
                while len(line) > 1:
                    carry.insert(0, line.pop())
                    if carry[0][0] not in NO_LINE_START:
                        break
            while len(line) > 1 and line[-1][0] in NO_LINE_END:
                carry.insert(0, line.pop())
            lines.append(carry)
            used = sum(width_of(t) for t in carry)
        lines[-1].append(token)
        used += w
    return ["".join(line) for line in lines]


class JapaneseParagraph(Paragraph):
    """A Paragraph of plain text that breaks its lines by :func:`break_lines` for the width it gets.

    The markup is parsed once, for the style; reportlab's own CJK breaking (a width and a fragment per
    character) is replaced by laying out the lines already broken, as reportlab lays out a paragraph of
    one font (its ``kind=0`` lines): the same drawing, a fraction of the time."""

    def __init__(self, text: str, style: ParagraphStyle, fonts: FontSet, *, cell: bool = False):
        self._plain, self._fonts, self._cell = text, fonts, cell
        self._lines_for: dict[float, list[str]] = {}  # lines as broken for each width asked
        self._lines: list[str] | None = None  # those of the last wrap
        super().__init__(self._markup(text), style)

    def _markup(self, text: str) -> str:
        return cell_markup(text, self._fonts) if self._cell else markup(text, self._fonts)

    def _width_of(self, token: str) -> float:
        if token == BLANK:
            return BLANK_WIDTH * self.style.fontSize
        return stringWidth(self._fonts.displayable(token), self.style.fontName, self.style.fontSize)

    def _shown(self, line: str) -> str:
        """A broken line as it is drawn: 〓 for what the font lacks, the line to write on for BLANK, runs
        of spaces as one (as reportlab cleans markup) and none at either end of the line."""
        shown = BLANK_MARKUP.join(self._fonts.displayable(piece) for piece in line.split(BLANK))
        return _SPACES.sub(" ", shown).strip(" ")

    def wrap(self, availWidth, availHeight):
        if not self.frags or (self._cell and self._plain == BLANK):
            self._lines = None
        else:
            if availWidth not in self._lines_for:
                st = self.style
                rest = availWidth - st.leftIndent - st.rightIndent - 0.5
                broken = break_lines(self._plain, rest - st.firstLineIndent, rest, self._width_of)
                self._lines_for[availWidth] = [self._shown(line) for line in broken]
            self._lines = self._lines_for[availWidth]
        return super().wrap(availWidth, availHeight)

    def breakLinesCJK(self, maxWidths):
        if self._lines is None:
            return super().breakLinesCJK(maxWidths)
        f, st = self.frags[0], self.style
        last = len(maxWidths) - 1
        lines = [
            (maxWidths[min(i, last)] - stringWidth(line, st.fontName, st.fontSize), [line])
            for i, line in enumerate(self._lines)
        ]
        return f.clone(kind=0, lines=lines, ascent=st.fontSize, descent=-0.2 * st.fontSize)

    def split(self, availWidth, availHeight):
        """Across a page break: reportlab builds the halves with this class's constructor, which takes
        other arguments, so the lines already broken go on as a plain Paragraph, one line each."""
        # In a table cell reportlab asks with the column's width, padding included: keep the lines as
        # they were broken for the cell (the last wrap) rather than break them again wider.
        width = self.width if self._lines is not None else availWidth
        self.wrap(width, availHeight)
        text = (
            self.text
            if self._lines is None
            else "<br/>".join(escape(line).replace("\u3000", "&#x3000;") for line in self._lines)
        )
        return Paragraph(text, self.style).split(width, availHeight)


class _Table(Table):
    """A table whose rows stay whole, moving to the next page when they do not fit, except a row taller
    than half a page (a long 相談記録 note), which would fit on no page: it goes on over the pages."""

    SPLIT_ROWS_TALLER_THAN = A4[1] / 2

    def split(self, availWidth, availHeight):
        self.splitInRow = int(max(self._rowHeights, default=0) > self.SPLIT_ROWS_TALLER_THAN)
        return super().split(availWidth, availHeight)


def holds(facts: list[str], ctx: LetterContext) -> bool:
    """Every fact holds (「not x」: x does not)."""
    return all(ctx.facts[f[4:]] is False if f.startswith("not ") else ctx.facts[f] for f in facts)


class _Styles:
    def __init__(self, form: LetterForm, fonts: FontSet):
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
        self.title = style(
            "title",
            fontName=fonts.heading,
            fontSize=s["title_size"],
            leading=s["title_size"] * 1.4,
            alignment=TA_CENTER,
            spaceAfter=4 * mm,
        )
        self.heading = style(
            "heading",
            fontName=fonts.heading,
            fontSize=s["heading_size"],
            leading=s["heading_size"] * 1.5,
            spaceBefore=3 * mm,
            spaceAfter=1 * mm,
        )
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

    def __init__(self, form: LetterForm, ctx: LetterContext, fonts: FontSet, width: float):
        self.form, self.ctx, self.fonts, self.width = form, ctx, fonts, width
        self.st = _Styles(form, fonts)

    def p(self, text: str, style: ParagraphStyle) -> Paragraph:
        return JapaneseParagraph(text, style, self.fonts)

    def cell(self, text: str, head: bool = False, right: bool = False) -> Paragraph:
        style = self.st.cell_head if head else self.st.cell_right if right else self.st.cell
        return JapaneseParagraph(text, style, self.fonts, cell=True)

    def table(self, rows: list[list], **kw) -> Table:
        """A Table whose empty cells, too, are set in the embedded font (not Helvetica)."""
        t = _Table(rows, **kw)
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fonts.body)]))
        return t

    def grid(
        self, rows: list[list], widths: list[float], header: bool = True, writing: bool = False, blank_rows: int = 0
    ) -> Table:
        """A ruled table. ``writing``: every row is a place to write (≥ 8 mm); the last ``blank_rows``
        rows are empty rows to write in (8 mm)."""
        heights = [None] * (len(rows) - blank_rows) + [WRITING_ROW] * blank_rows
        t = self.table(rows, colWidths=widths, rowHeights=heights, repeatRows=1 if header else 0, hAlign="LEFT")
        pad = self.writing_padding() if writing else (1.5, 2.5)
        cmds = [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), pad[0]),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad[1]),
        ]
        if header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
            if not writing:  # a row that goes on to the next page starts with its date, not in its middle
                cmds.append(("VALIGN", (0, 1), (-1, -1), "TOP"))
        else:
            cmds.append(("BACKGROUND", (0, 0), (0, -1), SHADE))
        t.setStyle(TableStyle(cmds))
        return t

    def writing_padding(self) -> tuple[float, float]:
        """Top and bottom padding that make a one-line cell WRITING_ROW high."""
        spare = max(WRITING_ROW - self.st.cell.leading, 4.0)
        return spare / 2, spare / 2

    def ruled_lines(self, count: int) -> Table:
        t = self.table([[""]] * count, colWidths=[self.width], rowHeights=[WRITING_ROW] * count, hAlign="LEFT")
        t.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID)]))
        return t

    # --- the parts of every office letter ---------------------------------------------

    def header(self) -> list:
        f = self.ctx.fields
        title = fill(self.form.title, self.ctx)
        if self.form.audience != "office":
            return [self.p(title, self.st.title), self.p(f["today"], self.st.right)]
        return [
            self.p(title, self.st.title),
            self.p(f["application_date"], self.st.right),
            self.p(f"{f['addressee']}\u3000様", self.st.body),
            Spacer(1, 3 * mm),
            self.applicant(),
            Spacer(1, 2 * mm),
            self.helper(),
            Spacer(1, 4 * mm),
        ]

    def _boxed(self, rows: list[list], widths: list[float], spans: list[tuple], heading_row: bool = True) -> Table:
        t = self.table(rows, colWidths=widths, hAlign="LEFT")
        top, bottom = self.writing_padding()
        cmds = [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ]
        cmds += [("SPAN", a, b) for a, b in spans]
        cmds += [("BACKGROUND", (0, 1 if heading_row else 0), (0, -1), SHADE), ("BACKGROUND", (2, 1), (2, 2), SHADE)]
        if heading_row:
            cmds += [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("TOPPADDING", (0, 0), (-1, 0), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 2.5),
            ]
        t.setStyle(TableStyle(cmds))
        return t

    def applicant(self) -> Table:
        """申請者（世帯主）: フリガナ・氏名・生年月日・住所・電話・被保険者記号番号・個人番号の枠."""
        f = self.ctx.fields
        postal = f["postal_code"]
        address = "〒" + (postal + "\u3000" if postal != BLANK else BLANK + "\n") + f["address"]
        w = self.width
        widths = [30 * mm, w - 30 * mm - 27 * mm - 44 * mm, 27 * mm, 44 * mm]
        rows = [
            [self.cell(self.form.applicant_label, head=True), "", "", ""],
            [self.cell("フリガナ"), self.cell(f["head_kana"]), self.cell("生年月日"), self.cell(f["head_birth_date"])],
            [self.cell("氏名"), self.cell(f["head_name"]), self.cell("電話"), self.cell(f["phone"])],
            [self.cell("住所"), self.cell(address), "", ""],
            [self.cell("被保険者記号番号"), self.cell(f["insurance_number"]), "", ""],
            [self.cell("個人番号"), self.mynumber_boxes(), "", ""],
        ]
        return self._boxed(rows, widths, [((0, 0), (-1, 0)), ((1, 3), (-1, 3)), ((1, 4), (-1, 4)), ((1, 5), (-1, 5))])

    def helper(self) -> Table:
        """代理人・同行者: the desk that helps (from its settings), or lines to fill by hand."""
        f = self.ctx.fields
        w = self.width
        widths = [30 * mm, w - 30 * mm - 27 * mm - 44 * mm, 27 * mm, 44 * mm]
        if self.form.helper == "agent":
            rows = [
                [self.cell("代理人（委任を受ける者）", head=True), "", "", ""],
                [self.cell("団体名"), self.cell(f["desk_name"]), self.cell("電話"), self.cell(f["desk_phone"])],
                [self.cell("氏名"), self.cell(f["agent_name"]), self.cell("生年月日"), self.cell(BLANK)],
                [self.cell("住所"), self.cell(BLANK), "", ""],
            ]
            return self._boxed(rows, widths, [((0, 0), (-1, 0)), ((1, 3), (-1, 3))])
        rows = [
            [self.cell(f"代理人・同行者（{UNCHECKED}代理人\u3000{UNCHECKED}同行者）", head=True), "", "", ""],
            [self.cell("団体名"), self.cell(f["desk_name"]), self.cell("電話"), self.cell(f["desk_phone"])],
            [self.cell("氏名"), self.cell(f["desk_volunteer"]), self.cell("申請者との関係"), self.cell(BLANK)],
        ]
        return self._boxed(rows, widths, [((0, 0), (-1, 0))])

    def mynumber_boxes(self) -> Table:
        """Twelve empty boxes: the client writes the 個人番号 at the counter (the tool never stores it)."""
        box = 6.5 * mm
        t = self.table([[""] * MYNUMBER_DIGITS], colWidths=[box] * MYNUMBER_DIGITS, rowHeights=[box], hAlign="LEFT")
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, GRID)]))
        return t

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
        return [
            self.p(fill(b.get("text"), self.ctx), self.st.text if b.get("indent", True) else self.st.body),
            Spacer(1, 1.5 * mm),
        ]

    def _heading(self, b: Block) -> list:
        style = self.st.heading_center if b.get("align") == "center" else self.st.heading
        return [self.p(fill(b.get("text"), self.ctx), style)]

    def _note(self, b: Block) -> list:
        return [Spacer(1, 2 * mm), self.p(fill(b.get("text"), self.ctx), self.st.small)]

    def _fields(self, b: Block) -> list:
        rows = [[self.cell(label, head=True), self.cell(fill(value, self.ctx))] for label, value in b.get("rows")]
        return self._titled(b, "", [self.grid(rows, [0.3 * self.width, 0.7 * self.width], header=False, writing=True)])

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
        blank = 0 if data else b.get("blank_rows", 2)
        rows += [[""] * len(columns) for _ in range(blank)]
        return self._titled(b, "", [self.grid(rows, widths, blank_rows=blank)])

    def _choices(self, b: Block) -> list:
        choices = self.ctx.choices[b.get("source")]
        marks = [f"{CHECKED if on else UNCHECKED}{label}" for label, on in choices]
        if any(len(label) > 12 for label, _ in choices):  # long labels: one a line
            return self._titled(b, CHOICES[b.get("source")], [self.p(m, self.st.item) for m in marks])
        return self._titled(b, CHOICES[b.get("source")], [self.p("\u3000".join(marks), self.st.body)])

    def _attachments(self, b: Block) -> list:
        return self._titled(
            b, "添付書類", [self.p(f"{UNCHECKED} {fill(item, self.ctx)}", self.st.item) for item in b.get("items")]
        )

    def _basis(self, b: Block) -> list:
        basis = list(self.form.basis)
        if b.get("with_check"):
            basis += [x for x in self.ctx.lists["check_basis"] if x not in basis]
        return self._titled(b, "根拠法令等", [self.p(f"・{x}", self.st.item) for x in basis])

    def _statement(self, b: Block) -> list:
        """The applicant's own account: the form's sentences whose facts hold and whose values are known."""
        chosen = [fill(text, self.ctx) for facts, text in b.get("sentences") if holds(facts, self.ctx)]
        chosen = [t if t.endswith("。") else t + "。" for t in chosen if BLANK not in t]
        body = [self.p("".join(chosen), self.st.text)] if chosen else []
        body.append(self.ruled_lines(b.get("blank_lines", 2 if chosen else 5)))
        return self._titled(b, "", body)

    def _mynumber(self, b: Block) -> list:
        t = self.table(
            [[self.cell(b.get("label", "個人番号"), head=True), self.mynumber_boxes()]],
            colWidths=[40 * mm, MYNUMBER_DIGITS * 6.5 * mm + 2 * mm],
            hAlign="LEFT",
        )
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        return [t]

    def _blank_lines(self, b: Block) -> list:
        return [
            KeepTogether([self.p(fill(b.get("label"), self.ctx), self.st.heading), self.ruled_lines(b.get("count", 3))])
        ]

    def _signature(self, b: Block) -> list:
        label = fill(b.get("label", self.form.applicant_label + "　氏名（自署）"), self.ctx)
        t = self.table(
            [[self.cell(label, head=True), "", self.seal_box()]],
            colWidths=[58 * mm, 60 * mm, SEAL_SIZE + 2 * mm],
            hAlign="RIGHT",
        )
        t.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (1, 0), (1, 0), 0.5, GRID),
                    ("LEFTPADDING", (2, 0), (2, 0), 2 * mm),
                    ("RIGHTPADDING", (2, 0), (2, 0), 0),
                ]
            )
        )
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

        def showPage(self) -> None:
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


def render(form: LetterForm, ctx: LetterContext, fonts: FontSet) -> bytes:
    s = form.style
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=s["left_mm"] * mm,
        rightMargin=s["right_mm"] * mm,
        topMargin=s["top_mm"] * mm,
        bottomMargin=s["bottom_mm"] * mm,
        title=fill(form.title, ctx),
        subject=form.description,
        author="国保デスク",
        creator="kokuho-desk",
    )
    doc.build(_Letter(form, ctx, fonts, doc.width).story(), canvasmaker=_numbered_canvas(fonts.body, s["small_size"]))
    return buf.getvalue()
