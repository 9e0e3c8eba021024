"""Every letter for every demo case shows everything its context says, and no office letter carries
what the checks concluded (read back with pypdf)."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from kokuho_desk.demo import demo_cases
from kokuho_desk.letters import make_letter
from kokuho_desk.letters.context import BLANK, build_context
from kokuho_desk.letters.render import fill, holds
from kokuho_desk.letters.templates import LetterForm, placeholders, shipped_forms
from kokuho_desk.rules.engine import run_checks
from tests.letters.helpers import TODAY, pdf_text, squash

DEMO_TODAY = date(2025, 11, 23)
DEMO_COUNT = 48
OFFICE = [k for k, f in shipped_forms().items() if f.audience == "office"]
# Words of advice to the desk or the client — they belong on the 相談記録票, never in a letter to the office.
ADVICE = [
    "要確認",
    "重ねられない",
    "申請してください",
    "断れます",
    "確認してください",
    "確かめて",
    "市町村が決めます",
    "相談窓口",
    "判定",
]


@cache
def _demo():
    return [(case, run_checks(case)) for case in demo_cases(DEMO_COUNT, today=DEMO_TODAY)]


@cache
def _letter_text(index: int, kind: str) -> str:
    """The text of one letter of one demo case, read back once for the tests below."""
    case, report = _demo()[index]
    return pdf_text(make_letter(kind, case, report, today=TODAY))


def expected_strings(form: LetterForm, ctx) -> list[str]:
    """What the letter must show: each known value the form uses, every list item and table cell,
    the applicant's sentences whose facts hold, the basis."""
    out = [ctx.fields["head_name"], *form.basis]
    for b in form.blocks:
        texts = [b.get("text", ""), b.get("title", ""), b.get("label", "")] + [v for _, v in b.get("rows", [])]
        out += [ctx.fields[name] for t in texts for name in placeholders(t)]
        if b.type == "list":
            out += ctx.lists[b.get("source")]
        elif b.type == "table":
            out += [row[c] for row in ctx.tables[b.get("source")] for c in b.get("columns")]
        elif b.type == "basis" and b.get("with_check"):
            out += ctx.lists["check_basis"]
        elif b.type == "statement":
            out += [fill(s, ctx) for facts, s in b.get("sentences") if holds(facts, ctx)]
    if form.audience == "office":
        out += [ctx.fields[k] for k in ("addressee", "address", "phone", "head_kana", "head_birth_date")]
    return [s for s in out if s and s != BLANK and BLANK not in s]


@pytest.mark.parametrize("index", range(DEMO_COUNT))
def test_demo_case_letters_show_their_context(index):
    """Ensure each letter of a demo case prints the name, the amounts, the applicant's sentences and basis;
    the 相談記録票 is dated today in 和暦, an office letter leaves the 申請日 for the client."""
    case, report = _demo()[index]
    for kind, form in shipped_forms().items():
        text = _letter_text(index, kind)
        ctx = build_context(case, report, form.check, today=TODAY)
        missing = [s for s in expected_strings(form, ctx) if squash(s) not in text]
        assert missing == [], kind
        if form.audience == "office":
            assert "令和年月日" in text and "令和7年11月23日" not in text, kind
        else:
            assert "令和7年11月23日" in text


def _reason_sentences(report) -> list[str]:
    """Every sentence of every check's reasons (split at 。), long enough to be the check's own words."""
    out = []
    for c in report.checks:
        for reason in c.reasons:
            out += [s for s in squash(reason).split("。") if len(s) >= 8]
    return out


@pytest.mark.parametrize("kind", OFFICE)
def test_office_letters_carry_no_verdict_reasons_or_advice(kind):
    """Ensure that, for every demo case and whatever the verdict (eligible, likely, not_eligible, needs_info
    all occur), the office letter holds no sentence of any check's reasons, no 要確認 and no advice."""
    for index, (_, report) in enumerate(_demo()):
        text = _letter_text(index, kind)
        quoted = [s for s in _reason_sentences(report) if s in text]
        assert quoted == [], kind
        assert [a for a in ADVICE if a in text] == [], kind


def test_demo_cases_cover_every_verdict_of_the_office_letters():
    """Ensure the test above sees every verdict: eligible, likely, not_eligible and needs_info all occur
    among the checks of the office letters on the demo cases."""
    checks = {shipped_forms()[k].check for k in OFFICE} - {None}
    seen = {c.verdict for _, report in _demo() for c in report.checks if c.id in checks}
    assert seen == {"eligible", "likely", "not_eligible", "needs_info"}
