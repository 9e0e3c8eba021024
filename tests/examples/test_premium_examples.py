"""Every shared worked example, through the same path as `check --json`, to the yen."""

import json

import pytest

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.engine import run_checks
from tests.conftest import example_files

EXAMPLES = example_files("premium")


def test_examples_are_present():
    """Ensure the shared premium examples were found (a missing folder must not pass silently)."""
    assert len(EXAMPLES) >= 20


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_premium_example(path):
    """Ensure the example's reduction class, total and each part match to the yen."""
    example = json.loads(path.read_text(encoding="utf-8"))
    report = run_checks(case_from_dict(example["case"]))
    assert report.errors == []
    result = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))  # exactly what --json prints
    expected = example["expected"]
    premium = result["premium"]
    assert premium["reduction"] == expected["reduction"]
    if "total" in expected:
        assert premium["total"] == expected["total"]
    for part, amount in expected.get("parts", {}).items():
        assert premium["parts"][part]["total"] == amount, part
    statutory = next(c for c in result["checks"] if c["id"] == "statutory_reduction")
    assert statutory["verdict"] == ("not_eligible" if expected["reduction"] == "なし" else "eligible")
