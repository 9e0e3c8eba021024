"""A second, read-only use of the store in its own thread, for the case list.

With 100,000 cases a count or a page far down the list takes a few hundred
milliseconds, too long for the UI thread. The store's connection belongs to the
thread that opened it, so the reader opens its own Store on the same file in a
QThread (WAL lets it read while the UI thread saves) and answers requests in
order, skipping those a newer request has made stale (search-as-you-type sends
one per pause in typing). The week's deadlines are read here too (thousands of rows
in a big database). Saves and single-case reads stay on the UI thread: they touch
one case and take a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from kokuho_desk.store import Store, open_store


@dataclass(frozen=True)
class CaseQuery:
    """What the case list shows: a search text, or filters; and the order."""

    text: str = ""
    status: str | None = "open"
    municipality: str | None = None
    due_within_days: int | None = None
    order_by: str = "updated"
    today: date | None = None

    @property
    def is_search(self) -> bool:
        return bool(self.text.strip())


class _Worker(QObject):
    counted = Signal(int, int)
    paged = Signal(int, int, object)
    deadlines_read = Signal(object)
    failed = Signal(int, str)

    def __init__(self, path: Path, reader: StoreReader):
        super().__init__()
        self._path = path
        self._reader = reader
        self._store: Store | None = None

    def _open(self) -> Store:
        if self._store is None:
            self._store = open_store(self._path)
        return self._store

    @Slot(int, object)
    def count(self, generation: int, query: CaseQuery) -> None:
        if generation != self._reader.generation:
            return
        try:
            n = self._open().count(
                status=query.status,
                municipality=query.municipality,
                due_within_days=query.due_within_days,
                today=query.today,
            )
        except Exception as e:  # noqa: BLE001 — reported to the UI thread
            self.failed.emit(generation, str(e))
            return
        self.counted.emit(generation, n)

    @Slot(int, object, int, int)
    def page(self, generation: int, query: CaseQuery, offset: int, limit: int) -> None:
        if generation != self._reader.generation:
            return
        try:
            store = self._open()
            if query.is_search:
                rows = store.search(query.text, limit=limit, offset=offset, status=query.status)
            else:
                rows = store.case_summaries(
                    offset,
                    limit,
                    status=query.status,
                    municipality=query.municipality,
                    due_within_days=query.due_within_days,
                    today=query.today,
                    order_by=query.order_by,
                )
        except Exception as e:  # noqa: BLE001
            self.failed.emit(generation, str(e))
            return
        self.paged.emit(generation, offset, rows)

    @Slot(object, object)
    def deadlines(self, start: date, end: date) -> None:
        try:
            rows = self._open().deadlines(start, end)
        except Exception as e:  # noqa: BLE001
            self.failed.emit(self._reader.generation, str(e))
            return
        self.deadlines_read.emit(rows)

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class StoreReader(QObject):
    """Ask with ``request_count`` / ``request_page``; answers come as signals on the UI thread."""

    counted = Signal(int, int)  # generation, number of cases
    paged = Signal(int, int, object)  # generation, offset, list[CaseSummary]
    deadlines_read = Signal(object)  # list[Deadline]
    failed = Signal(int, str)
    _count = Signal(int, object)
    _page = Signal(int, object, int, int)
    _deadlines = Signal(object, object)
    _release = Signal()

    def __init__(self, path: str | Path, parent: QObject | None = None):
        super().__init__(parent)
        self.generation = 0
        self._thread = QThread()
        self._thread.setObjectName("store-reader")
        self._worker = _Worker(Path(path), self)
        self._worker.moveToThread(self._thread)
        self._count.connect(self._worker.count)
        self._page.connect(self._worker.page)
        self._deadlines.connect(self._worker.deadlines)
        self._worker.deadlines_read.connect(self.deadlines_read)
        self._worker.counted.connect(self.counted)
        self._worker.paged.connect(self.paged)
        self._worker.failed.connect(self.failed)
        self._thread.finished.connect(self._worker.close, Qt.ConnectionType.DirectConnection)
        self._release.connect(self._worker.close, Qt.ConnectionType.BlockingQueuedConnection)
        self._thread.start()

    def new_generation(self) -> int:
        """Make every request still queued stale; returns the number to tag new ones with."""
        self.generation += 1
        return self.generation

    def request_count(self, generation: int, query: CaseQuery) -> None:
        self._count.emit(generation, query)

    def request_page(self, generation: int, query: CaseQuery, offset: int, limit: int) -> None:
        self._page.emit(generation, query, offset, limit)

    def request_deadlines(self, start: date, end: date) -> None:
        self._deadlines.emit(start, end)

    def release(self) -> None:
        """Close the reader's connection now (the idle lock; before the database is re-encrypted);
        the next request opens it again."""
        self.new_generation()
        self._release.emit()

    def close(self) -> None:
        self.new_generation()
        self._thread.quit()
        self._thread.wait()
