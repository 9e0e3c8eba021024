"""The methods @dataclass writes, compiled once and kept for the next ``kokuho-desk check``.

Making a dataclass writes its ``__init__``, ``__repr__``, ``__eq__`` (and, frozen, ``__setattr__``,
``__delattr__``, ``__hash__``) as Python source and compiles it: about 0.1 ms a method, some 200
methods, a fifth of a ``check`` process. Inside ``kept()``, the dataclasses module compiles through a
table of the code compiled before, looked up by the exact source text: the same text compiled the same
way is the same code, so every class is exactly the one dataclasses makes without it.

- Only the dataclasses module's own ``exec`` of source text is redirected (a name in its globals is
  found before the builtin), and only inside ``kept()``: where that module execs no source text (another
  Python), or something else already set that name, nothing changes.
- The table is kept in the parsed cache (parsed_cache.py) under the exact interpreter build; it is
  rewritten only when a class was compiled that it lacked.
- Unlike the parsed data there, these are code objects, and they are run: the file is trusted as Python
  trusts a ``__pycache__``, being in the user's own cache folder (0700: process_safety). Only the
  ``check`` command uses it (cli.SHORT_LIVED), which reads a case file and opens no database.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import CodeType
from typing import Any

from kokuho_desk import parsed_cache

CACHE_NAME = "dataclass-code"
_VERSION = "dataclass-code-1"  # bump when the form of the table changes
# A table grown past this (classes of older versions of the code, while developing) is started
# again from what one process used.
MAX_KEPT = 2000


def _key() -> str:
    return parsed_cache.content_key({"python": sys.version.encode()}, _VERSION)


class _Compiler:
    """The ``exec`` dataclasses calls: source text compiled as exec(text) compiles it, from the table
    when it holds that text."""

    def __init__(self, kept: dict[str, CodeType]) -> None:
        self.kept = kept
        self.used: dict[str, CodeType] = {}
        self.compiled = 0

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:
        if isinstance(source, str):
            code = self.kept.get(source)
            if type(code) is not CodeType:
                # exec(text) in the dataclasses module: its file name, and no future flags of this module
                code = compile(source, "<string>", "exec", dont_inherit=True)
                self.compiled += 1
            self.used[source] = code
            source = code
        exec(source, globals, locals)

    def table(self) -> dict[str, CodeType]:
        """What to keep: the table with this process's additions, or only what it used if that grows too big."""
        merged = {**self.kept, **self.used}
        return merged if len(merged) <= MAX_KEPT else self.used


@contextmanager
def kept() -> Iterator[None]:
    """Within: dataclasses created reuse the code compiled by an earlier process; what was compiled
    anew is kept at the end."""
    if "exec" in vars(dataclasses):
        yield
        return
    key = _key()
    stored = parsed_cache.load(CACHE_NAME, key)
    compiler = _Compiler(stored if isinstance(stored, dict) else {})
    dataclasses.exec = compiler.exec  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]
        if compiler.compiled:
            parsed_cache.save(CACHE_NAME, key, compiler.table())
