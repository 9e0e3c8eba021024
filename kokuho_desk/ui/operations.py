"""The one way the UI runs slow core work: off the UI thread, result back on it.

``run_in_background(parent, fn, on_success=…, on_failure=…)`` runs ``fn()`` in Qt's
global thread pool and calls the handlers on the UI thread (Anki's CollectionOp).
``fn`` must not touch widgets and must not use the store: the store's sqlite
connection belongs to the UI thread. Store calls therefore stay on the UI thread;
they are paged and indexed so that each one takes well under 50 ms even with
100,000 cases (tests/benchmarks/test_ui_bench.py measures it). What goes to the
pool is the pure, slower work: the rules engine and the PDF letters, which get a
Case object and return plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Outcome:
    """What the work gave. It stays on the Python side: the signal that says the work is done
    carries nothing, so no Python object crosses threads inside Qt."""

    result: Any = None
    error: Exception | None = None


class _Relay(QObject):
    done = Signal()


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], outcome: _Outcome, relay: _Relay):
        super().__init__()
        self._fn: Callable[[], Any] | None = fn
        self._outcome = outcome
        self._relay = relay

    def run(self) -> None:
        assert self._fn is not None  # a task runs once
        try:
            self._outcome.result = self._fn()
        except Exception as e:  # noqa: BLE001 — handed to the UI thread, which shows it
            self._outcome.error = e
        self._fn = None  # the work's references go now, not when the pool deletes the task
        self._relay.done.emit()


class Operation(QObject):
    """A running piece of core work; ``finished`` fires on the UI thread after the handlers."""

    finished = Signal()
    _running: set[Operation] = set()

    def __init__(self, parent: QObject, on_success: Callable[[Any], None], on_failure: Callable[[Exception], None]):
        super().__init__(parent)
        self._on_success: Callable[[Any], None] | None = on_success
        self._on_failure: Callable[[Exception], None] | None = on_failure
        self._outcome = _Outcome()
        self._relay = _Relay(self)  # a Qt child: deleted with the operation, on the UI thread
        self._relay.done.connect(self._done)

    @Slot()
    def _done(self) -> None:
        outcome, self._outcome = self._outcome, _Outcome()
        assert self._on_success is not None and self._on_failure is not None  # the work ends once
        if outcome.error is not None:
            self._on_failure(outcome.error)
        else:
            self._on_success(outcome.result)
        self._on_success = self._on_failure = None
        Operation._running.discard(self)
        self.finished.emit()
        # Not deleteLater(): the operation dies with its parent widget. A deletion still pending
        # when the parent was deleted (a view closed right after its result came) crashed Qt.


def run_in_background(
    parent: QObject,
    fn: Callable[[], Any],
    *,
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
) -> Operation:
    op = Operation(parent, on_success, on_failure)
    Operation._running.add(op)
    QThreadPool.globalInstance().start(_Task(fn, op._outcome, op._relay))
    return op


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until the pool is idle (used when the window closes)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
