"""The built-in schema checker agrees with the reference jsonschema library on the case schema."""

import copy

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from kokuho_desk.model.casefile import case_schema
from kokuho_desk.model.schema_check import SchemaChecker, unsupported_keywords
from tests.model.test_casefile import GOOD

CHECKER = SchemaChecker(case_schema())
REFERENCE = jsonschema.Draft202012Validator(case_schema())

# JSON values without floats (our checker is deliberately stricter than JSON Schema on 2.0).
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-2_000_000_000, max_value=2_000_000_000),
    st.text(max_size=120),
    st.sampled_from(["2025-04-01", "head", "料", "salary", "1級地-1", "06-1234"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(GOOD) if p]


def _set(data, path, value):
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def test_schema_uses_only_supported_keywords():
    """Ensure the case schema uses no keyword the built-in checker would silently ignore."""
    assert unsupported_keywords(case_schema()) == set()


def test_good_case_is_valid_for_both():
    """Ensure the reference case is valid for both checkers."""
    assert CHECKER.errors(GOOD) == []
    assert REFERENCE.is_valid(GOOD)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), VALUES), min_size=1, max_size=3))
def test_agrees_with_jsonschema_on_mutated_cases(mutations):
    """Ensure a mutated case is invalid for the built-in checker exactly when jsonschema says so."""
    data = copy.deepcopy(GOOD)
    for path, value in mutations:
        try:
            _set(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation replaced the parent
    ours = CHECKER.errors(data)
    assert bool(ours) == (not REFERENCE.is_valid(data))
    valid_paths = set(_paths(data))
    assert all(e.path in valid_paths for e in ours)
