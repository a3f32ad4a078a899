"""Start the window: paint first, then open the portfolio on the next event-loop turn.

Nothing heavy (SQLAlchemy, matplotlib, ReportLab) is imported before the window is shown.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from avi_desktop import APP_NAME, __version__, logs

# How long a worker running Python may keep the interpreter lock while the UI thread waits for
# it. A repaint calls into Python (the table model's ``data``) hundreds of times, each needing
# the lock back: at the default 5 ms, a worker scoring or reading in the background made a
# sort's repaint take 0.2-0.9 s (measured at 100,000 initiatives); at 0.1 ms, under 0.1 s.
SWITCH_INTERVAL_S = 0.0001


def make_application(argv: list[str]) -> QApplication:
    """The QApplication with the names QSettings and QStandardPaths rely on."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # No organisation name: Qt's data folder would be ".../AVI Desktop/AVI Desktop". The
    # preferences name both themselves (``ui.prefs``), so they stay where they always were.
    QCoreApplication.setOrganizationName("")
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication([sys.argv[0] if sys.argv else "avi-desktop", *argv])
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    from avi_desktop.ui.style import use_readable_selection

    use_readable_selection(app)
    return app


def report_unexpected(
    kind: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """``sys.excepthook`` for the window: a defect in a slot is logged and shown in one line.

    Qt would print the traceback to a console nobody reads and carry on; the user deserves to
    know something went wrong, and support needs the traceback.
    """
    if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit: Python's own handling
        sys.__excepthook__(kind, exc, tb)
        return
    exc.__traceback__ = tb
    where = logs.unexpected(exc, "a window action")
    from PySide6.QtWidgets import QMessageBox  # loaded when needed: not before the first paint

    QMessageBox.warning(
        QApplication.activeWindow(),
        APP_NAME,
        QCoreApplication.translate(
            "App", "An unexpected error interrupted that action ({0}). {1}"
        ).format(logs.describe(exc), where),
    )


def run_app(argv: list[str]) -> int:
    """Open the window on the last portfolio (or the demo) and run until it closes.

    ``argv`` may name a portfolio file to open instead, or a response pack (``.json``) to
    answer in participant mode, with no portfolio and no main window.
    """
    app = make_application(argv)
    logs.setup()
    logs.started("window")
    sys.excepthook = report_unexpected
    paths = [Path(a) for a in argv if not a.startswith("-")]
    if paths and paths[0].suffix.lower() == ".json":  # a response pack: participant mode alone
        from PySide6.QtWidgets import QMessageBox

        from avi_desktop.ui.participant_mode import open_participant_pack

        shown = open_participant_pack(paths[0], lambda m: QMessageBox.warning(None, APP_NAME, m))
        return int(app.exec()) if shown is not None else 1
    from avi_desktop.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if paths:
        QTimer.singleShot(0, lambda: window.open_path(paths[0]))
    else:
        QTimer.singleShot(0, window.open_default)
    return int(app.exec())
