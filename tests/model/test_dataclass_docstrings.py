"""Every dataclass of the model says what it is: a dataclass without a docstring of its own gets one
that dataclasses writes from inspect.signature when the class is made, ~85 µs a class of every process
that imports it (a `kokuho-desk check` imports them all)."""

import dataclasses
import importlib
import pkgutil

import kokuho_desk.model


def test_every_model_dataclass_has_its_own_docstring():
    """Ensure no dataclass in kokuho_desk/model has the docstring dataclasses makes (「Name(field: type, …)」)."""
    classes = []
    for info in pkgutil.iter_modules(kokuho_desk.model.__path__, "kokuho_desk.model."):
        module = importlib.import_module(info.name)
        classes += [c for c in vars(module).values() if dataclasses.is_dataclass(c) and c.__module__ == info.name]
    assert len(classes) > 20
    assert [c.__qualname__ for c in classes if not c.__doc__ or c.__doc__.startswith(f"{c.__name__}(")] == []
