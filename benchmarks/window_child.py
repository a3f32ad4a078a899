"""The window on a large portfolio in a fresh process: launch to scores, pauses, an edit, memory.

Run by ``window.py``. A 2 ms timer on the UI thread notes the longest gap between its ticks in
each phase: that is the longest time the window could not answer the user. Prints one JSON line.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

LAUNCH = time.perf_counter()


class PauseMeter:
    """The longest gap between ticks of a fast timer on the UI thread, per phase."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(2)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def phase(self) -> float:
        """The longest gap since the last call (the gap still open included)."""
        now = time.perf_counter()
        found = max(self.longest, now - self._last)
        self.longest, self._last = 0.0, now
        return found


def _peak_mib() -> float:
    """This process's peak resident memory. On Linux from VmHWM, which starts afresh at exec:
    ``ru_maxrss`` keeps the high-water mark of the parent the process was forked from."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _wait(app: Any, done: Any, limit: float = 120.0) -> None:
    end = time.perf_counter() + limit
    while not done():
        if time.perf_counter() > end:
            raise RuntimeError("timed out")
        app.processEvents()
        time.sleep(0.001)


def main(portfolio: str) -> dict[str, Any]:
    from PySide6.QtCore import Qt

    from avi_desktop.ui.app import make_application
    from avi_desktop.ui.main_window import MainWindow
    from avi_desktop.ui.prefs import Preferences

    app = make_application([])
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(Preferences(Path(folder) / "prefs.ini"), data_dir=Path(folder))
        window.resize(1200, 800)
        window.show()
        app.processEvents()
        meter = PauseMeter()
        state = {"rows": 0.0, "scores": 0.0, "marks": 0.0}
        window.rows_loaded.connect(lambda: state.update(rows=state["rows"] or time.perf_counter()))
        window.scores_loaded.connect(
            lambda: state.update(scores=state["scores"] or time.perf_counter())
        )
        window.portfolio_marks_loaded.connect(
            lambda: state.update(marks=state["marks"] or time.perf_counter())
        )
        meter.phase()
        window.open_path(Path(portfolio), quiet=True)
        _wait(app, lambda: state["rows"] and state["scores"])
        out["launch_to_scores_cpu_s"] = time.process_time()  # every thread, from start
        # The open goes on until the portfolio-level marks (AI Theatre) are on the rows and the
        # full integrity check is done: their pauses count as the open's, not the first sort's.
        _wait(app, lambda: state["marks"] and not window.jobs.running("intact"))
        app.processEvents()
        out["open_longest_pause_s"] = meter.phase()
        out["launch_to_marks_s"] = state["marks"] - LAUNCH
        out["launch_to_rows_s"] = state["rows"] - LAUNCH
        out["launch_to_scores_s"] = state["scores"] - LAUNCH
        model = window.portfolio_view.model
        out["rows"] = len(model.all_rows())
        out["scored_rows"] = sum(1 for r in model.all_rows() if r.patterns or r.alignment_index)

        # Sorted by every column in turn, each way (each sort a UI-thread pause of its own),
        # then back. A large sort is worked out in a thread: wait for the rows to be in order.
        longest_sort = slowest_sort = 0.0
        orders = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
        for column, order in [*((c, o) for c in range(model.columnCount()) for o in orders)]:
            start = time.perf_counter()
            model.sort(column, order)
            _wait(app, lambda: not getattr(model, "sort_pending", False))
            slowest_sort = max(slowest_sort, time.perf_counter() - start)
            app.processEvents()
            longest_sort = max(longest_sort, meter.phase())
        model.sort(0, Qt.SortOrder.AscendingOrder)
        _wait(app, lambda: not getattr(model, "sort_pending", False))
        app.processEvents()
        out["sort_longest_pause_s"] = max(longest_sort, meter.phase())
        out["sort_to_rows_s"] = slowest_sort  # the slowest column, click to rows in order
        out["peak_rss_mib"] = _peak_mib()  # the portfolio open and sorted

        # An edit as the window makes it: the store writes (re-scoring in its transaction),
        # then the window is told; the table must show the new figures.
        store = window.store
        assert store is not None
        row = model.row_at(0)  # sorted by name again: the first row
        target = row.id
        meter.phase()
        start = time.perf_counter()
        store.update_initiative(target, stage="pilot", stage_since="2020-01-01")
        written = time.perf_counter()
        window.changed(target)
        # The table updates the row it holds in place; read it without a search of 100,000
        # rows inside the measured pause (a stale object would fail here, never pass).
        patterns = row.patterns
        shown = time.perf_counter()
        assert "AI Pilot Trap" in patterns, row
        app.processEvents()
        out["edit_write_s"] = written - start
        out["edit_to_table_s"] = shown - start
        out["edit_longest_pause_s"] = meter.phase()

        # Settings concern every initiative: at this size the cache is marked stale and
        # rebuilt in the background; the window stays responsive meanwhile.
        state["scores"] = 0.0
        start = time.perf_counter()
        store.update_settings(min_group_size=4)
        out["settings_write_s"] = time.perf_counter() - start
        window.changed(target)
        _wait(app, lambda: state["scores"])
        out["settings_to_rescored_s"] = time.perf_counter() - start
        out["settings_longest_pause_s"] = meter.phase()

        out["peak_rss_after_rebuild_mib"] = _peak_mib()
        window.close_portfolio()
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])), flush=True)
