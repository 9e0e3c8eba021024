"""Fixtures for the letter tests (data in helpers.py)."""

from __future__ import annotations

import copy

import pytest

from kokuho_desk.model.casefile import case_from_dict
from tests.letters.helpers import CASE, CHECKS, PREMIUM, FakeReport


@pytest.fixture
def case_dict() -> dict:
    return copy.deepcopy(CASE)


@pytest.fixture
def case(case_dict):
    return case_from_dict(case_dict)


@pytest.fixture
def report() -> FakeReport:
    return FakeReport(copy.deepcopy(CHECKS), copy.deepcopy(PREMIUM))
