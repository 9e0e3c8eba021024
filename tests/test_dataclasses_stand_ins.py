"""cli._import_dataclasses_lightly(): the check process imports dataclasses with stand-ins for inspect
and copy, which it rarely uses. A class is made and documented as usual, deep copies are deep, and any
other importer of the two gets the modules themselves."""

import json
import subprocess
import sys

# Run in a fresh interpreter: in the test process dataclasses, inspect and copy are imported already.
PROBE = r'''
import json, sys
from kokuho_desk import cli

cli._import_dataclasses_lightly()
import dataclasses

after_import = sorted(m for m in ("inspect", "copy", "ast", "dis", "weakref") if m in sys.modules)


@dataclasses.dataclass
class Documented:
    """Has a docstring of its own."""

    x: int


documented = sorted(m for m in ("inspect", "ast", "dis") if m in sys.modules)


@dataclasses.dataclass
class Undocumented:
    x: int
    y: list = dataclasses.field(default_factory=list)


inner = [1]
copied = dataclasses.asdict(Undocumented(1, [inner]))
import copy, inspect

print(json.dumps({
    "after_import": after_import,
    "documented": documented,
    "docs": [Documented.__doc__, Undocumented.__doc__],
    "deep": copied == {"x": 1, "y": [[1]]} and copied["y"][0] is not inner,
    "real": [type(m).__name__ for m in (inspect, copy)] + [m.__file__.rsplit("/", 1)[-1] for m in (inspect, copy)],
    "in_sys_modules": inspect is sys.modules["inspect"] and copy is sys.modules["copy"],
    "signature": str(inspect.signature(Undocumented)),
    "deepcopy": copy.deepcopy({"a": [1]}),
}))
'''


def test_dataclasses_without_inspect_and_copy_until_used_and_the_real_modules_after():
    """Ensure that after importing dataclasses with the stand-ins, and making a documented class,
    neither inspect nor copy (nor ast, dis, weakref) is imported; that a class without a docstring gets
    the one dataclasses always writes (its signature, through the real inspect), asdict copies deeply
    (through the real copy), and `import inspect` / `import copy` give the modules themselves."""
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, check=True, text=True)
    probe = json.loads(out.stdout)
    assert probe["after_import"] == [] and probe["documented"] == []
    assert probe["docs"] == ["Has a docstring of its own.", "Undocumented(x: int, y: list = <factory>)"]
    assert probe["deep"] is True
    assert probe["real"] == ["module", "module", "inspect.py", "copy.py"]
    assert probe["in_sys_modules"] is True
    assert probe["signature"] == "(x: int, y: list = <factory>) -> None"
    assert probe["deepcopy"] == {"a": [1]}


def test_nothing_is_stood_in_for_when_dataclasses_is_imported_already():
    """Ensure a process that imported dataclasses before keeps it and its modules as they are."""
    probe = (
        "import dataclasses, sys\nfrom kokuho_desk import cli\ncli._import_dataclasses_lightly()\n"
        "print(dataclasses.inspect is sys.modules['inspect'], dataclasses.copy is sys.modules['copy'])"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True, text=True)
    assert out.stdout.split() == ["True", "True"]
