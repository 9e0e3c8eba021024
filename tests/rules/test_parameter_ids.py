"""Every law-data id the code names exists in resources/rules, and naming one that does not is an
error, not a quiet 「制度のデータがありません」 verdict (a misspelt id would otherwise pass unseen)."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from kokuho_desk.rules import params
from kokuho_desk.rules.params import ParameterError, UnknownParameterError

RULES_CODE = Path(params.__file__).resolve().parent  # only the rules read law data
READERS = {"value", "value_at", "parameter", "_status"}  # the calls that take a law-data id
IDS = set(params.load_all())
STEMS = {pid.split(".")[0] for pid in IDS}


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "text" (the minimum_living prefix P)."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out[target.id] = node.value.value
    return out


def _pattern(node: ast.expr, names: dict[str, str]) -> str | None:
    """The id an argument names, as a regular expression (f-string parts match anything)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z0-9_]+" for v in node.values]
        return "".join(parts)
    if isinstance(node, ast.Name) and node.id in names:
        return re.escape(names[node.id])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _pattern(node.left, names), _pattern(node.right, names)
        return left + right if left is not None and right is not None else None
    return None


def named_ids() -> list[tuple[str, str]]:
    """(where, pattern) for every law-data id a call in the package names."""
    found = []
    for path in sorted(RULES_CODE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _constants(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if func not in READERS:
                continue
            for arg in node.args[:2]:
                pattern = _pattern(arg, names)
                if pattern is None:
                    continue
                stem = re.match(r"([a-z_]+)(?:\\\.|$)", pattern)
                if stem and stem.group(1) in STEMS and "\\." in pattern:
                    found.append((f"{path.relative_to(RULES_CODE)}:{node.lineno}", pattern))
    return found


NAMED = named_ids()


def test_the_scan_finds_the_ids_the_checks_read():
    """Ensure the scan sees the code's ids (a scan that found nothing would pass vacuously)."""
    patterns = {p for _w, p in NAMED}
    assert len(NAMED) >= 60
    assert re.escape("seizure.wage_base") in patterns
    assert re.escape("minimum_living.") + re.escape("structure.rounding_unit") in patterns


@pytest.mark.parametrize("where, pattern", NAMED, ids=[w for w, _p in NAMED])
def test_every_named_id_is_in_the_law_data(where, pattern):
    """Ensure each id the code names is defined (f-string ids: at least one defined id fits)."""
    assert any(re.fullmatch(pattern, pid) for pid in IDS), f"{where}: {pattern} はどのデータファイルにもありません"


def test_an_unknown_id_is_a_programming_error_not_missing_data():
    """Ensure a misspelt id raises UnknownParameterError (not the ParameterError a check turns into
    情報不足), while a known id without a value for the day stays a ParameterError."""
    with pytest.raises(UnknownParameterError):
        params.parameter("seizure.wage_bsae")
    assert not issubclass(UnknownParameterError, ParameterError)
    with pytest.raises(ParameterError):
        params.value_at("seizure.wage_base", date(1990, 1, 1))
