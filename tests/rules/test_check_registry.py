"""One check registry: rules/checks/__init__.py CHECK_MODULES. Every other place that names the set of
checks — the check modules themselves, the case file schema's relief outcomes, the statistics'
check names and funnel tables, the letters' `check` — is kept in step with it here, so a check added
in one place and not the registry (or the other way round) fails a test.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from kokuho_desk import paths
from kokuho_desk.letters.templates import shipped_forms
from kokuho_desk.rules.checks import CHECK_MODULES
from kokuho_desk.stats.labels import CHECK_LABELS
from kokuho_desk.stats.policy import load_policy

CHECKS_DIR = Path(importlib.import_module("kokuho_desk.rules.checks").__file__).parent


def test_registry_lists_each_check_once():
    """Ensure the registry names 13 distinct checks."""
    assert len(CHECK_MODULES) == len(set(CHECK_MODULES)) == 13


def test_every_check_module_is_registered():
    """Ensure each module of rules/checks is in the registry and each registered id has its module."""
    modules = {p.stem for p in CHECKS_DIR.glob("*.py") if p.stem != "__init__"}
    assert modules == set(CHECK_MODULES)


def test_every_registered_module_declares_its_check():
    """Ensure each registered module has the ID it is registered under, a Japanese TITLE and check()."""
    for check_id in CHECK_MODULES:
        module = importlib.import_module(f"kokuho_desk.rules.checks.{check_id}")
        assert check_id == module.ID
        assert module.TITLE and not module.TITLE.isascii()
        assert callable(module.check)


def test_schema_relief_outcomes_are_the_registry():
    """Ensure the case file schema's relief outcome ids are exactly the registry, in its order."""
    schema = json.loads((paths.SCHEMA / "case.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["relief_outcome"]["properties"]["relief"]["enum"] == list(CHECK_MODULES)


def test_statistics_name_every_check():
    """Ensure the statistics have a Japanese name for exactly the registered checks, in its order."""
    assert list(CHECK_LABELS) == list(CHECK_MODULES)
    assert all(not label.isascii() for label in CHECK_LABELS.values())


def test_statistics_funnels_are_registered_checks():
    """Ensure every relief with a funnel table (and so a choice in the case log) is a registered check."""
    relief_tables = load_policy().relief_tables
    assert relief_tables and set(relief_tables) <= set(CHECK_MODULES)


def test_letters_name_registered_checks():
    """Ensure every letter that uses a check's figures names a registered check."""
    named = {form.check for form in shipped_forms().values() if form.check}
    assert named and named <= set(CHECK_MODULES)
