"""Computations remembered for the whole process: pure functions of a case's facts and the law data
(a member's income, the 給与所得者等 count, the law values every premium part reads).

The law data never changes in a process, so the same facts, fiscal year and what-if give the same
figures. What a computation read is kept with it and recorded on every trace that uses it, so each
result still cites its sources and shows its 要確認. Never a whole result: each context computes its
own from these pieces.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from kokuho_desk.rules.context import CheckContext, Trace
from kokuho_desk.rules.params import ParameterError, Value

T = TypeVar("T")

_KNOWN: dict[Hashable, object] = {}
_LIMIT = 8192  # a desk's session sees a few hundred members; a bound for a long-running app


def memo(key: Hashable, ctx: CheckContext, compute: Callable[[], T]) -> T:
    """compute(), once per process for the key under the context's what-if."""
    full_key = (key, ctx.what_if, ctx.provisional)
    hit = _KNOWN.get(full_key)
    if hit is None:
        if len(_KNOWN) >= _LIMIT:
            _KNOWN.clear()
        hit = _KNOWN[full_key] = compute()
    return hit  # type: ignore[return-value]  # stored by this function from compute's T under this key


def remembered(key: Hashable, trace: Trace, compute: Callable[[Trace], T]) -> T:
    """compute(trace), once per process with the values it read, which are recorded on `trace` at every use."""

    def read() -> tuple[T, tuple[Value, ...]]:
        sub = Trace(trace.ctx)
        try:
            return compute(sub), tuple(sub.read)
        except ParameterError:  # not remembered; what was read before the missing value still counts
            trace.record(*sub.read)
            raise

    value, reads = memo(key, trace.ctx, read)
    trace.record(*reads)
    return value


def forget() -> None:
    """Empty the memo (tests: a result computed cold)."""
    _KNOWN.clear()


def size() -> int:
    return len(_KNOWN)
