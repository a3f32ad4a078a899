"""Start-up: our window's first paint against a bare PySide6 QMainWindow, in the same run.

Then, for the demo portfolio, against the bare window's first paint: when its rows are painted
in the table (read from the file before the store is open); when the table is usable, i.e. the
window takes input with them (scroll, sort, search, select; store actions wait); and when the
store is open, its rows read by it and the first initiative's detail shown beside them. The
longest gap of a 5 ms timer between the last two says how long input could wait meanwhile.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CHILD = Path(__file__).with_name("startup_child.py")


def _one(args: list[str]) -> dict[str, float | str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["PYTHONPATH"] = str(CHILD.parent.parent)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has its bytecode cached
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, text=True, env=env
    )
    marks: dict[str, float | str] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        word, _, rest = line.strip().partition(" ")
        marks[word] = time.perf_counter() - start
        if rest:
            marks[word + "_detail"] = rest
    proc.wait()
    if proc.returncode != 0 or "painted" not in marks:
        raise RuntimeError(f"start-up child failed ({args}): exit {proc.returncode}")
    return marks


def measure(portfolio: Path, repeats: int = 5) -> dict[str, Any]:
    """Median seconds to first paint (bare Qt vs our app), to the demo's rows painted, to the
    window taking input with them, and to the store open with the first detail shown."""
    _one(["bare"])  # warm the file cache for both
    _one(["app", str(portfolio)])
    bare, app, shown, usable, opened, pause = [], [], [], [], [], []
    heavy = ""
    nan = float("nan")
    for _ in range(repeats):
        bare.append(float(_one(["bare"])["painted"]))
        marks = _one(["app", str(portfolio)])
        app.append(float(marks["painted"]))
        shown.append(float(marks.get("shown", nan)))
        usable.append(float(marks.get("usable", nan)))
        opened.append(float(marks.get("opened", nan)))
        pause.append(float(marks.get("pause_detail", nan)))
        heavy = str(marks.get("heavy-before-paint_detail", ""))
    bare_s = statistics.median(bare)
    app_s, shown_s = statistics.median(app), statistics.median(shown)
    usable_s, opened_s = statistics.median(usable), statistics.median(opened)
    return {
        "bare_qt_first_paint_s": bare_s,
        "app_first_paint_s": app_s,
        "first_paint_ratio": app_s / bare_s,
        "app_table_shown_s": shown_s,
        "shown_ratio": shown_s / bare_s,
        "app_usable_table_s": usable_s,
        "usable_ratio": usable_s / bare_s,
        "app_store_open_first_detail_s": opened_s,
        "store_open_ratio": opened_s / bare_s,
        "longest_pause_while_opening_s": statistics.median(pause),
        "heavy_modules_before_paint": heavy,
        "repeats": repeats,
        "target_ratio": 1.5,
        "usable_target_ratio": 3.0,
    }
