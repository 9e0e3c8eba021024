"""The relief worked examples in tests/rules/cases/relief: verdicts and figures to the yen."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.context import CheckContext

CASES = sorted((Path(__file__).parent.parent / "cases" / "relief").glob("*.json"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_relief_example(path):
    """Ensure each relief example gives its verdicts and figures exactly."""
    example = json.loads(path.read_text(encoding="utf-8"))
    ctx = CheckContext.for_case(case_from_dict(example["case"]))
    for check_id, expected in example["expected"].items():
        result = importlib.import_module(f"kokuho_desk.rules.checks.{check_id}").check(ctx)
        got = {
            "verdict": result.verdict,
            "needs_review": result.needs_review,
            "figures": {k: result.figures.get(k) for k in expected.get("figures", {})},
        }
        assert {k: got[k] for k in expected} == expected, check_id


def test_municipal_ceiling_is_cited_not_flagged():
    """Ensure a profile's 住宅扶助 限度額 caps the rent and is cited, without the no-ceiling 要確認 note."""
    example = json.loads(
        (Path(__file__).parent.parent / "cases" / "relief" / "zushi-2025-single-rent-capped.json").read_text(
            encoding="utf-8"
        )
    )
    ctx = CheckContext.for_case(case_from_dict(example["case"]))
    result = importlib.import_module("kokuho_desk.rules.checks.public_assistance").check(ctx)
    assert result.figures["housing_assistance"] == 41_000
    assert any("社援発0414第9号" in b for b in result.basis)
    assert not any("限度額（市町村の設定）がない" in r for r in result.reasons)
