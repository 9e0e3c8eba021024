"""Helpers for the relief check tests: build a case from a dict and run one check."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.rules.context import CheckContext


def run_check(check_id: str, data: dict[str, Any], what_if: frozenset[str] = frozenset()):
    module = importlib.import_module(f"kokuho_desk.rules.checks.{check_id}")
    case = case_from_dict({"format": "kokuho-desk/case-1", **data})
    return module.check(CheckContext.for_case(case, what_if=what_if))


@pytest.fixture
def run():
    return run_check
