"""One start-up measured in a fresh process: ``bare`` Qt window, or the app's window.

Prints ``painted`` once the window has been shown and painted, then (app mode, with a portfolio
path) ``shown`` once the file's rows are painted (read before the store opens), ``usable`` once
the window takes input with them (its event loop turning, input included, while the store
opens), ``opened`` once the store is open, its rows in the table and the first initiative's
detail shown, and ``pause`` the longest wait of a 5 ms timer between ``usable`` and ``opened``
(how long a key press could have waited); the parent times these lines.
"""

from __future__ import annotations

import importlib
import sys
import tempfile
import time
from pathlib import Path


def _bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    window.repaint()
    print("painted", flush=True)


class Gaps:
    """The longest wait between a 5 ms timer's turns: how long input would have waited."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        if self.last:
            self._tick()
        return self.longest


def _app(portfolio: str) -> None:
    importlib.import_module("avi_desktop.ui.plain_imports")  # before Qt, as ``cli`` does
    from PySide6.QtCore import QTimer

    from avi_desktop.ui.app import make_application
    from avi_desktop.ui.main_window import MainWindow
    from avi_desktop.ui.prefs import Preferences

    app = make_application([])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(Preferences(Path(folder) / "prefs.ini"), data_dir=Path(folder))
        window.resize(1200, 800)
        window.show()
        app.processEvents()
        window.repaint()
        print("painted", flush=True)
        heavy = [m for m in ("matplotlib", "reportlab", "sqlalchemy.orm") if m in sys.modules]
        print("heavy-before-paint " + ",".join(heavy), flush=True)

        gaps = Gaps()

        def shown() -> None:  # the window painted the rows before telling
            print(f"shown {len(window.portfolio_view.model.all_rows())}", flush=True)

        def usable() -> None:  # the event loop turns, input included, while the store opens
            print("usable", flush=True)
            gaps.start()

        def opened() -> None:
            # Rows are read off the UI thread; they are in, and the first initiative's detail
            # computed: painted as the bare window is timed (its ring is drawn a turn later).
            window.repaint()
            print(f"opened {len(window.portfolio_view.model.all_rows())}", flush=True)
            print(f"pause {gaps.stop():.4f}", flush=True)
            window.close_portfolio()
            app.quit()

        def open_it() -> None:
            window.table_shown.connect(shown)
            window.table_usable.connect(usable)
            window.rows_loaded.connect(opened)
            window.open_path(Path(portfolio), quiet=True)

        QTimer.singleShot(0, open_it)
        app.exec()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        _bare()
    else:
        _app(sys.argv[2])
