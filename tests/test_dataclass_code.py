"""dataclass_code.kept(): dataclasses made with the kept code are exactly those dataclasses makes
without it, the second time without compiling anything, and nothing stays changed after it."""

import dataclasses
import inspect
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date

import pytest

from kokuho_desk import dataclass_code, parsed_cache
from tests.conftest import example_path

METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__lt__")


def make_classes():
    """Fresh classes of the kinds the program uses: defaults, factories, frozen (hash, setattr),
    ordered, keyword-only, unhashable, a field left out of repr and compare."""

    @dataclass
    class Plain:
        name: str
        born: date | None = None
        tags: list[str] = field(default_factory=list)
        note: str = field(default="", repr=False, compare=False)

    @dataclass(frozen=True, order=True)
    class Frozen:
        year: int
        amount: int = 0

    @dataclass(kw_only=True, eq=False)
    class KeywordOnly:
        a: int
        b: str = "x"

    return Plain, Frozen, KeywordOnly


def _same_class(made, plain):
    for name in METHODS:
        ours, theirs = vars(made).get(name), vars(plain).get(name)
        assert (ours is None) == (theirs is None), name
        if inspect.isfunction(theirs):
            assert ours.__code__ == theirs.__code__, name
            assert ours.__annotations__ == theirs.__annotations__, name
            assert ours.__defaults__ == theirs.__defaults__ and ours.__kwdefaults__ == theirs.__kwdefaults__, name
        else:
            assert ours == theirs, name
    assert made.__doc__ == plain.__doc__
    assert str(inspect.signature(made)) == str(inspect.signature(plain))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KOKUHO_DESK_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_classes_made_with_kept_code_are_those_dataclasses_makes(cache_dir, monkeypatch):
    """Ensure classes made while the table is empty, then from the kept table, have the very methods
    (code, annotations as types, defaults), signature and docstring of those made without it, and
    behave the same: eq, repr, frozen, order, hash, defaults, replace()."""
    plain = make_classes()
    with dataclass_code.kept():
        first = make_classes()
    assert (cache_dir / f"{dataclass_code.CACHE_NAME}.marshal").is_file()

    def refuse(*_args, **_kwargs):
        raise AssertionError("compiled although the kept table holds the code")

    monkeypatch.setattr(dataclass_code, "compile", refuse, raising=False)
    with dataclass_code.kept():
        second = make_classes()
    for made in (first, second):
        for ours, theirs in zip(made, plain, strict=True):
            _same_class(ours, theirs)
        Plain, Frozen, KeywordOnly = made
        p = Plain("山田", date(1980, 1, 2))
        assert p == Plain("山田", date(1980, 1, 2), note="other") and p.tags == [] and p.tags is not Plain("x").tags
        assert repr(p) == "make_classes.<locals>.Plain(name='山田', born=datetime.date(1980, 1, 2), tags=[])"
        f = Frozen(2026, 5)
        with pytest.raises(dataclasses.FrozenInstanceError):
            f.amount = 1  # type: ignore[misc]
        assert hash(f) == hash(Frozen(2026, 5)) and Frozen(2025, 9) < f
        assert dataclasses.replace(f, amount=7) == Frozen(2026, 7)
        k = KeywordOnly(a=1)
        assert k != KeywordOnly(a=1) and k.b == "x"
        with pytest.raises(TypeError):
            KeywordOnly(1)  # type: ignore[misc]
    assert "exec" not in vars(dataclasses)


def test_nothing_stays_changed_when_the_body_raises(cache_dir):
    """Ensure dataclasses' own exec is back after kept() even when its body raises, and the code
    compiled before the error is kept."""
    with pytest.raises(RuntimeError), dataclass_code.kept():
        make_classes()
        raise RuntimeError("boom")
    assert "exec" not in vars(dataclasses)
    stored = parsed_cache.load(dataclass_code.CACHE_NAME, dataclass_code._key())
    assert isinstance(stored, dict) and len(stored) >= 7


def test_a_table_of_other_values_is_compiled_past(cache_dir):
    """Ensure a kept table whose entries are not code (an older form, a damaged file that still
    passes its digest) is not run: the classes are compiled as usual, and the table replaced."""
    recorder = dataclass_code._Compiler({})
    dataclasses.exec = recorder.exec  # type: ignore[attr-defined]
    try:
        make_classes()
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]
    parsed_cache.save(dataclass_code.CACHE_NAME, dataclass_code._key(), dict.fromkeys(recorder.used, "not code"))
    with dataclass_code.kept():
        made = make_classes()
    for ours, theirs in zip(made, make_classes(), strict=True):
        _same_class(ours, theirs)
    stored = parsed_cache.load(dataclass_code.CACHE_NAME, dataclass_code._key())
    assert all(type(code).__name__ == "code" for code in stored.values())


def test_an_exec_set_by_something_else_is_left_alone(cache_dir):
    """Ensure kept() changes nothing when the dataclasses module already has an exec of its own."""
    calls = []

    def other(source, globals=None, locals=None, /):
        calls.append(source)
        exec(source, globals, locals)

    dataclasses.exec = other  # type: ignore[attr-defined]
    try:
        with dataclass_code.kept():
            make_classes()
        assert dataclasses.exec is other  # type: ignore[attr-defined]
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]
    assert calls and not (cache_dir / f"{dataclass_code.CACHE_NAME}.marshal").exists()


def test_a_table_that_outgrows_its_bound_keeps_what_one_process_used(monkeypatch):
    """Ensure the kept table grows with new classes but, past MAX_KEPT, holds only what one process used."""
    code = compile("x = 1", "<string>", "exec")
    compiler = dataclass_code._Compiler({"old": code})
    compiler.used = {"new": code}
    assert set(compiler.table()) == {"old", "new"}
    monkeypatch.setattr(dataclass_code, "MAX_KEPT", 1)
    assert set(compiler.table()) == {"new"}


def test_check_process_keeps_its_dataclass_code(tmp_path):
    """Ensure `kokuho-desk check` keeps its dataclass code on its first run, and the second run, made
    with it, gives the same result (大阪市 2022, 2割軽減: 328,758円)."""
    case = json.loads(example_path("osaka-city-2022-family-2wari").read_text(encoding="utf-8"))["case"]
    env = {**os.environ, "KOKUHO_DESK_CACHE_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "kokuho_desk", "check", "-", "--json"]
    stdin = json.dumps(case, ensure_ascii=False).encode()
    first = subprocess.run(command, input=stdin, capture_output=True, check=True, env=env)
    kept = tmp_path / f"{dataclass_code.CACHE_NAME}.marshal"
    assert kept.is_file()
    written = kept.stat().st_mtime_ns
    second = subprocess.run(command, input=stdin, capture_output=True, check=True, env=env)
    assert kept.stat().st_mtime_ns == written  # nothing compiled anew: the table is not rewritten
    assert first.stdout == second.stdout and json.loads(second.stdout)["premium"]["total"] == 328758
