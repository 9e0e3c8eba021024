"""The one entry point. No subcommand opens the window; subcommands run headless.

Each subcommand lives in kokuho_desk/commands/<module>.py with a ``run(args) -> int``
and is imported only when called, so ``check`` never loads Qt and starts fast.
Exit status (case-format.md): 0 success, 2 invalid input (message on stderr), 1 internal error.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_ERROR, EXIT_INVALID = 0, 1, 2
COMMANDS = (
    "demo",
    "check",
    "case",
    "letter",
    "stats",
    "rescreen",
    "rates",
    "backup",
    "restore",
)  # arguments.build_parser's
SHORT_LIVED = {"check"}  # run as a short process of their own: no cyclic collection, kept dataclass code (main)


def _command_in(argv: list[str]) -> str | None:
    """The subcommand argv names when nothing but --db comes before it; else None, and every parser is
    built (so help, --version and argparse's own errors read as usual)."""
    i = 0
    while i < len(argv) and (argv[i] == "--db" or argv[i].startswith("--db=")):
        i += 1 if "=" in argv[i] else 2
    return argv[i] if i < len(argv) and argv[i] in COMMANDS else None


def _plain_check(argv: list[str]) -> types.SimpleNamespace | None:
    """The arguments of a plain `[--db PATH] check FILE|- [--json] [--what-if RULE]...`, read as its
    parser reads them but without building it (its help formatter imports shutil, and gettext looks for
    catalogs: ~4 ms of a check process); None for anything else — help, an error, an abbreviation, `--`, a
    word or value starting with "-" — which the parser then reads. tests/test_cli_parser.py holds the
    two to the same result over many argument lists."""
    db, i = None, 0
    while i < len(argv) and argv[i] != "check":
        if argv[i] == "--db" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            db, i = argv[i + 1], i + 2
        elif argv[i].startswith("--db="):
            db, i = argv[i].removeprefix("--db="), i + 1
        else:
            return None
    files, json, what_if = [], False, []
    words = iter(argv[i + 1 :])
    for word in words:
        if word == "--json":
            json = True
        elif word == "--what-if":
            value = next(words, "-")  # none: argparse's error
            if value.startswith("-"):
                return None
            what_if.append(value)
        elif word.startswith("--what-if="):
            what_if.append(word.removeprefix("--what-if="))
        elif word == "-" or not word.startswith("-"):
            files.append(word)
        else:
            return None
    if i == len(argv) or len(files) != 1:
        return None
    return types.SimpleNamespace(db=db, command="check", file=files[0], json=json, what_if=what_if, module="check")


def _parse(words: list[str]) -> argparse.Namespace:
    """The arguments as the parser of the subcommand words names reads them (all parsers if none)."""
    from kokuho_desk.arguments import build_parser  # argparse: ~1.5 ms that a plain check does without

    return build_parser(_command_in(words)).parse_args(words)


def main(argv: list[str] | None = None) -> int:
    from kokuho_desk.process_safety import harden_process

    harden_process()  # no core dumps, private files (process_safety.py)
    words = sys.argv[1:] if argv is None else argv
    args = _plain_check(words) or _parse(words)
    module = getattr(args, "module", None) or "gui"
    if argv is not None or module not in SHORT_LIVED:
        return _run(module, args)
    # A `check` process judges one small case and ends: the collector's passes over the objects its
    # imports create, during the run and again at exit, cost about a tenth of it; its few cycles end
    # with the process. Its dataclasses reuse the code an earlier check compiled (dataclass_code.py).
    # (Only as a process of its own: a test calling main() keeps its collector.)
    _import_dataclasses_lightly()
    from kokuho_desk import dataclass_code

    gc.disable()
    try:
        with dataclass_code.kept():
            status = _run(module, args)
    finally:
        gc.freeze()  # exit without walking them again
    _end_now(status)
    return status


def _end_now(status: int) -> None:
    """End the process with status once all it wrote is out, without the interpreter's teardown
    (freeing every module and object, ~1.5 ms of a check): what a check leaves ends with the process.
    Returns, for the usual exit, when the output cannot be flushed (its error is then reported as
    usual) or something registered an atexit call."""
    import atexit

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 — a closed pipe: the usual exit reports it
        return
    if atexit._ncallbacks() == 0:  # atexit has no public count of its calls
        os._exit(status)


class _ImportedOnFirstUse(types.ModuleType):
    """Stands for the module of its name: imports it when one of its attributes is first asked for."""

    def __getattr__(self, attr: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


# What dataclasses imports for what a check process rarely or never asks of it: inspect (with ast, dis
# and tokenize: ~7 ms) for a signature as the docstring of a class without one (kokuho_desk's all have
# one: tests/test_dataclass_docstrings.py), copy (with weakref: ~1 ms) for asdict's deep copies.
DATACLASSES_RARELY_USE = ("inspect", "copy")


def _import_dataclasses_lightly() -> None:
    """dataclasses imported with a stand-in for each module it rarely uses, which imports the module on
    first use. Only while dataclasses is imported: any other importer gets the modules themselves."""
    if "dataclasses" in sys.modules:
        return
    stand_ins = {name: _ImportedOnFirstUse(name) for name in DATACLASSES_RARELY_USE if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        import dataclasses  # noqa: F401 — imported now, with the stand-ins
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def _run(module: str, args: argparse.Namespace | types.SimpleNamespace) -> int:
    try:
        command = importlib.import_module(f"kokuho_desk.commands.{module}")
    except ModuleNotFoundError as e:
        if e.name == f"kokuho_desk.commands.{module}":
            print(f"このコマンドはまだ使えません: {module}", file=sys.stderr)
            return EXIT_ERROR
        raise
    try:
        return int(command.run(args) or 0)
    except KeyboardInterrupt:
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # noqa: BLE001 — the last guard: say it in Japanese, keep the trace for reports
        import traceback  # only on this path: it costs a `check` several milliseconds to import

        traceback.print_exc()
        print("内部エラーが発生しました。上の内容を開発者に知らせてください。", file=sys.stderr)
        return EXIT_ERROR
