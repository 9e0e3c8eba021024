"""Batch work over many objects (100,000 cases are millions of them): keep the cyclic
garbage collector from walking them again and again while the batch runs.

Neither helper stops memory from being freed: objects without a cycle (cases, records,
verdicts) are freed by reference counting as always; only the search for cycles waits.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Everything allocated so far is set aside from garbage collection until the block ends.

    Objects read before a batch are not garbage during it; a full collection would walk all
    of them (about a second at 100,000 cases) for nothing. Forked worker processes also
    leave the frozen objects' memory pages shared. Cycles made inside the block are still
    collected; whatever was frozen is collected normally again afterwards.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def collection_paused() -> Iterator[None]:
    """No search for cycles while the block builds many objects that hold none (cases read
    from their JSON): as the heap grows, each collection would walk everything read so far
    (reading 100,000 cases took twice as long). The collector's previous state is restored."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
