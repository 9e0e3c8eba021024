"""Every letter for every demo case shows everything its context says (read back with pypdf)."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from kokuho_desk.demo import demo_cases
from kokuho_desk.letters import make_letter
from kokuho_desk.letters.context import BLANK, build_context
from kokuho_desk.letters.templates import Form, placeholders, shipped_forms
from kokuho_desk.rules.engine import run_checks
from tests.letters.helpers import TODAY, pdf_text, squash

DEMO_TODAY = date(2025, 11, 23)
DEMO_COUNT = 48


@cache
def _demo():
    return [(case, run_checks(case)) for case in demo_cases(DEMO_COUNT, today=DEMO_TODAY)]


def expected_strings(form: Form, ctx) -> list[str]:
    """What the letter must show: each known value the form uses, every list item and table cell, the basis."""
    out = [ctx.fields["head_name"], ctx.fields["today"], *form.basis]
    for b in form.blocks:
        texts = [b.get("text", ""), b.get("title", ""), b.get("label", "")] + [v for _, v in b.get("rows", [])]
        out += [ctx.fields[name] for t in texts for name in placeholders(t)]
        if b.type == "list":
            out += ctx.lists[b.get("source")]
        elif b.type == "table":
            out += [row[c] for row in ctx.tables[b.get("source")] for c in b.get("columns")]
        elif b.type == "basis" and b.get("with_check"):
            out += ctx.lists["check_basis"]
    if form.audience == "office":
        out += [ctx.fields[k] for k in ("addressee", "address", "phone")]
    return [s for s in out if s and s != BLANK and BLANK not in s]


@pytest.mark.parametrize("index", range(DEMO_COUNT))
def test_demo_case_letters_show_their_context(index):
    """Ensure each letter of a demo case prints the name, the 和暦 date, the amounts, reasons and basis."""
    case, report = _demo()[index]
    for kind, form in shipped_forms().items():
        pdf = make_letter(kind, case, report, today=TODAY)
        text = pdf_text(pdf)
        ctx = build_context(case, report, form.check, today=TODAY)
        missing = [s for s in expected_strings(form, ctx) if squash(s) not in text]
        assert missing == [], kind
        assert "令和7年11月23日" in text
