"""Start-up: our window's first paint against a bare PySide6 QMainWindow, in the same run.

Then, for the demo portfolio: when its rows are shown in the table (read from the file before
the store is open) and when the table is usable (the store open, the rows read by it and the
first initiative shown beside them), both against the bare window's first paint.
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
    """Median seconds to first paint (bare Qt vs our app) and to a usable table."""
    _one(["bare"])  # warm the file cache for both
    _one(["app", str(portfolio)])
    bare, app, shown, usable = [], [], [], []
    heavy = ""
    for _ in range(repeats):
        bare.append(float(_one(["bare"])["painted"]))
        marks = _one(["app", str(portfolio)])
        app.append(float(marks["painted"]))
        usable.append(float(marks.get("usable", float("nan"))))
        shown.append(float(marks.get("shown", marks.get("usable", float("nan")))))
        heavy = str(marks.get("heavy-before-paint_detail", ""))
    bare_s, app_s = statistics.median(bare), statistics.median(app)
    return {
        "bare_qt_first_paint_s": bare_s,
        "app_first_paint_s": app_s,
        "first_paint_ratio": app_s / bare_s,
        "app_table_shown_s": statistics.median(shown),
        "shown_ratio": statistics.median(shown) / bare_s,
        "app_usable_table_s": statistics.median(usable),
        "usable_ratio": statistics.median(usable) / bare_s,
        "heavy_modules_before_paint": heavy,
        "repeats": repeats,
        "target_ratio": 1.5,
    }
