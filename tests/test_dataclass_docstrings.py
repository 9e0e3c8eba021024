"""Every dataclass of kokuho_desk says what it is: a dataclass without a docstring of its own gets one
that dataclasses writes from inspect.signature when the class is made — ~85 µs a class of every process
that imports it, and the import of inspect itself (~7 ms of every `kokuho-desk check`)."""

import dataclasses
import importlib
import pkgutil

import kokuho_desk


def test_every_dataclass_has_its_own_docstring():
    """Ensure no dataclass in kokuho_desk has the docstring dataclasses makes (「Name(field: type, …)」)."""
    classes = []
    for info in pkgutil.walk_packages(kokuho_desk.__path__, "kokuho_desk."):
        if info.name.endswith(".__main__"):  # runs the program
            continue
        module = importlib.import_module(info.name)
        classes += [
            c
            for c in vars(module).values()
            if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == info.name
        ]
    assert len(classes) > 60
    assert [
        f"{c.__module__}.{c.__qualname__}" for c in classes if not c.__doc__ or c.__doc__.startswith(f"{c.__name__}(")
    ] == []
