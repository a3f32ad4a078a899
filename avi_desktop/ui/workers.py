"""Long work off the UI thread: a QRunnable that reports progress and results through signals.

Exports, the portfolio table's rows and its score fill-in run here so the window never freezes;
errors come back as a message (the ``AviError`` text), never as an exception on the UI thread; a
defect's traceback goes to the support log (``avi_desktop.logs``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    Signal,
)

from avi_desktop import logs
from avi_desktop.model.errors import AviError


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it; the worker reports it quietly."""


class WorkerSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the job's return value
    failed = Signal(str)  # a user-facing message
    cancelled = Signal()


ProgressFn = Callable[[int, int], None]
T = TypeVar("T")


def beside_ui(work: Callable[[], T]) -> T:
    """Run ``work`` in a thread while the UI thread keeps painting; return what it returns.

    For short blocking steps a caller needs the result of before it goes on (opening a file
    runs SQLite's integrity check: half a second at 100,000 initiatives). User input waits
    until the work is done, so nothing can start beside it; timers and paints go on.
    """
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return work()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # re-raised on the UI thread below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="avi-beside-ui", daemon=True)
    thread.start()
    flags = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    while thread.is_alive():
        app.processEvents(flags, 5)
        thread.join(0.004)
    if "error" in outcome:
        raise outcome["error"]
    value: T = outcome["value"]
    return value


class Worker(QRunnable):
    """Run ``job(progress)`` in the thread pool; ``progress(done, total)`` raises when cancelled."""

    def __init__(self, job: Callable[[ProgressFn], Any]) -> None:
        super().__init__()
        self._job = job
        self._cancel = threading.Event()
        self.signals = WorkerSignals()
        self._last = 0.0
        self.setAutoDelete(False)  # the owner keeps a reference until a signal arrives

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        # At most ten updates a second: a 100,000-step job must not flood the event loop.
        now = time.monotonic()
        if done >= total or now - self._last >= 0.1:
            self._last = now
            self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except AviError as exc:
            self.signals.failed.emit(exc.message)
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            self.signals.failed.emit(f"{exc.strerror or exc}{where}")
        except Exception as exc:  # a defect; a worker must never take the window down
            job = getattr(self._job, "__qualname__", type(self._job).__name__)
            where = logs.unexpected(exc, f"the background job {job}")
            self.signals.failed.emit(
                f"An unexpected error stopped this work ({logs.describe(exc)}). {where}"
            )
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)


def start(worker: Worker) -> Worker:
    """Queue a worker on the global pool and return it (keep the reference)."""
    QThreadPool.globalInstance().start(worker)
    return worker


class LatestJobs:
    """Background jobs by name, where only the newest job of each name may report back.

    Starting a job cancels the one running under the same name. A cancelled or superseded job
    may still have a report queued for the UI thread; it is checked here and dropped, so a
    stale result never reaches the window. Python references are kept until each job ends.
    """

    def __init__(self) -> None:
        self._current: dict[str, Worker] = {}
        self._retired: list[Worker] = []
        # A pool of their own, so closing a portfolio waits for these jobs only, not for an
        # export running on the global pool.
        self._pool = QThreadPool()

    def start(
        self,
        name: str,
        job: Callable[[ProgressFn], Any],
        finished: Callable[[Any], None],
        failed: Callable[[str], None],
        progress: Callable[[int, int], None] | None = None,
    ) -> Worker:
        self.cancel(name)
        worker = Worker(job)

        def live() -> bool:
            if self._current.get(name) is worker:
                return True
            if worker in self._retired:
                self._retired.remove(worker)
            return False

        def done(result: Any) -> None:
            if live():
                del self._current[name]
                finished(result)

        def fail(message: str) -> None:
            if live():
                del self._current[name]
                failed(message)

        worker.signals.finished.connect(done)
        worker.signals.failed.connect(fail)
        worker.signals.cancelled.connect(live)
        if progress is not None:
            worker.signals.progress.connect(lambda d, t: progress(d, t) if live() else None)
        self._current[name] = worker
        self._pool.start(worker)
        return worker

    def running(self, name: str) -> bool:
        return name in self._current

    def cancel(self, name: str) -> None:
        worker = self._current.pop(name, None)
        if worker is not None:
            worker.cancel()
            self._retired.append(worker)

    def cancel_all(self, wait: bool = False, keep: Collection[str] = ()) -> None:
        """Cancel every job but those named in ``keep``; ``wait`` for the pool to finish
        (before a store is closed)."""
        for name in list(self._current):
            if name not in keep:
                self.cancel(name)
        if wait:
            # No time limit: a job still reading a store that is then closed would be worse
            # than a short wait: scoring stops at its next progress report, and the row query
            # takes about two seconds at 100,000 initiatives.
            self._pool.waitForDone()
            self._retired.clear()
