"""Python's cycle collector runs on the UI thread only.

The interpreter collects cycles in whichever thread happens to allocate when its counters pass
their thresholds. In a worker thread that collection can finalise Qt objects owned by the UI
thread (a closed dialog, a chart canvas, a model caught in a reference cycle), which kills the
process with a segmentation fault; a worker re-enabling the collector as it finished did exactly
that. So while the window runs, automatic collection is off and a timer on the UI thread
collects instead, generation by generation, with the interpreter's own thresholds.

Each collection holds the interpreter lock, so the window waits for it. The timer runs often
(every 100 ms), so the young objects a busy worker makes are collected in small steps (at
500 ms, a worker rebuilding the score cache left 70,000 per tick: pauses of 30-140 ms). While a
long job builds objects that all survive (100,000 table rows), the older generations are left
alone; when it ends, everything alive is frozen (``gc.freeze``) instead of collected: no later
collection walks those objects again (collecting them took 0.22 s for the middle generation,
0.3-0.7 s for a full pass). Frozen objects are still freed when nothing refers to them; only
cycles among them wait, until the portfolio closes (``thaw``). Otherwise a full collection runs,
as the interpreter's own rule has it, only when the objects that reached the old generation
since the last one are a quarter of those it found.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 100
FULL_RATIO = 0.25  # CPython's: new long-lived objects, against those of the last full pass
# Containers with fewer items than this are freed where they are dropped (under 10 ms here).
RELEASE_IN_PARTS = 20_000
RELEASE_PART = 5_000


class MainThreadCollector(QObject):
    """Collects cycles from a timer on the thread it lives on (the UI thread)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self._lock = threading.Lock()
        self._busy = 0
        self._long_lived = 0  # objects in the old generation after the last full collection
        self._job_ran = False  # a long job ran since the last check
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()

    @contextmanager
    def busy(self) -> Iterator[None]:
        """Mark a long job as running (jobs may overlap): old generations wait until it ends."""
        with self._lock:
            self._busy += 1
        try:
            yield
        finally:
            with self._lock:
                self._busy -= 1

    @property
    def is_busy(self) -> bool:
        return self._busy > 0

    def check(self) -> None:
        """Collect each generation whose count has passed its threshold, youngest first."""
        young, middle, old = gc.get_count()
        if self.is_busy:
            self._job_ran = True
        elif self._job_ran:  # the last long job has ended: keep what it built out of the way
            self._job_ran = False
            gc.collect(0)
            gc.freeze()
            self._long_lived = len(gc.get_objects(generation=2))
            return
        if young <= self.threshold[0]:
            return
        gc.collect(0)
        if self.is_busy or middle <= self.threshold[1]:
            return
        gc.collect(1)
        if old <= self.threshold[2]:
            return
        grown = len(gc.get_objects(generation=2)) - self._long_lived
        if self._long_lived and grown <= FULL_RATIO * self._long_lived:
            return
        gc.collect(2)
        self._long_lived = len(gc.get_objects(generation=2))

    def thaw(self) -> None:
        """Give what was frozen back to the collector (a portfolio closed: its rows went)."""
        gc.unfreeze()
        self._long_lived = len(gc.get_objects(generation=2))


class _Installed:
    collector: MainThreadCollector | None = None


def install() -> MainThreadCollector:
    """Move cycle collection onto the UI thread for the application's lifetime (idempotent)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing the collector")
    active = _Installed.collector
    try:
        current = active is not None and active.parent() is app
    except RuntimeError:  # the collector went with an earlier application
        current = False
    if active is None or not current:
        active = _Installed.collector = MainThreadCollector(app)
        app.aboutToQuit.connect(active.stop)
    if not active.timer.isActive():
        active.start()
    return active


def thaw() -> None:
    """``MainThreadCollector.thaw`` for the installed collector, if any."""
    if _Installed.collector is not None:
        _Installed.collector.thaw()


@contextmanager
def long_job() -> Iterator[None]:
    """For a worker building many lasting objects: hold off full collections meanwhile."""
    active = _Installed.collector
    if active is None:
        yield
        return
    with active.busy():
        yield


def release_later(*containers: list[Any] | dict[Any, Any]) -> None:
    """Free large containers of plain Python objects in a thread, a part at a time.

    Dropping the table's 100,000 replaced rows at once held the interpreter lock, and so the
    window, for about 60 ms (each row is freed in one C loop). Here a thread empties them: each
    dict at once (its values are still held by a list, so only references go), then each list
    ``RELEASE_PART`` items per statement, so the UI thread gets the lock back between parts.
    The containers must be the caller's own, never read again (they end empty), and hold no Qt
    objects (those must die on the UI thread).
    """
    if sum(len(c) for c in containers) < RELEASE_IN_PARTS:
        return
    ordered = sorted(containers, key=lambda c: not isinstance(c, dict))

    def run() -> None:
        for container in ordered:
            if isinstance(container, dict):
                container.clear()
                continue
            while container:
                del container[-RELEASE_PART:]

    threading.Thread(target=run, name="avi-release", daemon=True).start()
