"""Fuzz and property tests (hypothesis): whatever a case file holds, the parser, the checks and the
letters either work or refuse with a Japanese validation message; no other exception escapes.

Generated case files start from real ones (the demo's fictional cases and the shared worked
examples) and are mutated: values replaced by random JSON (numbers at the edges, impossible dates,
Japanese text, wrong types), by the value another case has at the same key, keys deleted or added.
So most stay close to valid and reach the checks, and each gets a letter of a drawn kind: 1,000 in
the default run, 10,000 in the thorough run (`pytest -m thorough`, which CI runs too).
"""

from __future__ import annotations

import copy
import json
import re
import zlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kokuho_desk.demo import demo_cases
from kokuho_desk.letters import LetterError, list_letters, make_letter
from kokuho_desk.model.casefile import CaseFileError, case_from_json, case_to_dict
from kokuho_desk.rules.engine import run_checks
from kokuho_desk.rules.statement import render
from tests.conftest import example_files

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
BASES = [case_to_dict(c) for c in demo_cases(48, today=date(2025, 6, 2), seed=11)] + [
    json.loads(p.read_text(encoding="utf-8"))["case"] for p in example_files()
]


def _slots(node, found):
    """Every (container, key) of a JSON tree, the place a mutation can act on."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        found.append((node, key))
        _slots(value, found)
    return found


def _values_by_key():
    seen: dict[str, list] = {}
    for base in BASES:
        for container, key in _slots(base, []):
            if isinstance(container, dict):
                seen.setdefault(key, []).append(container[key])
    return seen


SAME_KEY = _values_by_key()
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63),
    st.sampled_from([0, -1, 1, 10**9, 10**10, 2**31, -(2**31)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "",
            " ",
            "2025-02-30",
            "2025-13-01",
            "令和7年4月1日",
            "昭和64年1月8日",
            "0000-00-00",
            "１２３",
            "１丁目",
            "head",
            "child",
            "open",
            "ー",
            "\u0000",
            "\ud7ff",
            "🙂",
            "a" * 1000,
        ]
    ),
    st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
    st.text(max_size=30),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=8,
)


@st.composite
def case_files(draw) -> str:
    """A case file's text: a real case with up to 5 mutations."""
    data = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(0, 5))):
        container, key = draw(st.sampled_from(_slots(data, []) or [(data, "as_of")]))
        action = draw(st.sampled_from(["random", "same_key", "same_key", "delete", "add"]))
        if action == "random":
            container[key] = draw(json_values)
        elif action == "same_key" and isinstance(container, dict) and key in SAME_KEY:
            container[key] = copy.deepcopy(draw(st.sampled_from(SAME_KEY[key])))
        elif action == "delete":
            del container[key]
        elif action == "add" and isinstance(container, dict):
            container[draw(st.sampled_from([*SAME_KEY, "unknown"]))] = draw(json_values)
    return json.dumps(data, ensure_ascii=False)


def _parse(text: str | bytes):
    """The case, or None after checking the refusal carries a Japanese message for each problem."""
    try:
        return case_from_json(text)
    except CaseFileError as e:
        assert e.errors and all(JAPANESE.search(str(err)) for err in e.errors), str(e)
        return None


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200), json_values.map(json.dumps)))
def test_parser_refuses_anything_that_is_not_a_case_file_with_a_message(text):
    """Ensure bytes, text and JSON of any shape parse to a case or raise CaseFileError in Japanese."""
    _parse(text)


LETTER_KINDS = [kind for kind, _ in list_letters()]


def _letter(kind: str, case, report) -> None:
    """A letter of the case is a PDF, or a LetterError in Japanese."""
    try:
        pdf = make_letter(kind, case, report, today=date(2025, 6, 2))
    except LetterError as e:
        assert JAPANESE.search(str(e))
        return
    assert pdf.startswith(b"%PDF")


def _judge_and_write(text: str) -> None:
    """A generated case file is refused in Japanese, or is judged by every check without an error and
    gets a letter (the kinds in turn) without a crash."""
    case = _parse(text)
    if case is None:
        return
    report = run_checks(case)
    assert report.errors == []
    json.dumps(report.to_dict(), ensure_ascii=False)
    assert render(report)
    _letter(LETTER_KINDS[zlib.crc32(text.encode("utf-8")) % len(LETTER_KINDS)], case, report)


@settings(max_examples=1_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_files())
def test_1000_generated_case_files_through_the_checks_and_the_letters(text):
    """Ensure 1,000 generated case files (the default run's share) pass through parser, checks and letters."""
    _judge_and_write(text)


@pytest.mark.thorough
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_files())
def test_10000_generated_case_files_through_the_checks_and_the_letters(text):
    """Ensure 10,000 generated case files pass through parser, checks and letters (CI's thorough run)."""
    _judge_and_write(text)
