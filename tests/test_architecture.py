"""The core stays pure: no Qt outside kokuho_desk/ui."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kokuho_desk"
CORE = ["model", "rules", "letters", "stats", "store"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("sub", CORE)
def test_core_never_imports_qt(sub):
    """Ensure no module of the core imports PySide6."""
    offenders = [str(p.relative_to(PACKAGE)) for p in (PACKAGE / sub).rglob("*.py") if "PySide6" in _imports(p)]
    assert offenders == []


def test_check_command_runs_without_qt():
    """Ensure `kokuho-desk check` and the rules import without loading Qt."""
    import subprocess
    import sys

    code = (
        "import sys, kokuho_desk.cli, kokuho_desk.rules, kokuho_desk.model.casefile;"
        "import importlib.util as u;"
        "m = u.find_spec('kokuho_desk.commands.check') and __import__('kokuho_desk.commands.check');"
        "print(any(n.startswith('PySide6') for n in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
