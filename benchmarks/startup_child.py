"""One start-up measured in a fresh process: ``bare`` Qt window, or the app's window.

Prints ``painted`` once the window has been shown and painted, then (app mode, with a portfolio
path) ``usable`` once the portfolio table holds its rows; the parent times these lines.
"""

from __future__ import annotations

import importlib
import sys
import tempfile
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

        def usable() -> None:
            # Rows are read off the UI thread; the table is usable once they have arrived.
            print(f"usable {len(window.portfolio_view.model.all_rows())}", flush=True)
            window.close_portfolio()
            app.quit()

        def shown() -> None:
            window.repaint()  # as the bare window is timed: shown and painted
            print(f"shown {len(window.portfolio_view.model.all_rows())}", flush=True)

        def open_it() -> None:
            window.table_shown.connect(shown)
            window.rows_loaded.connect(usable)
            window.open_path(Path(portfolio), quiet=True)

        QTimer.singleShot(0, open_it)
        app.exec()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        _bare()
    else:
        _app(sys.argv[2])
