"""The window's first paint waits for no module it does not paint with.

Importing the export flow (its dialogs and progress window) before the first paint cost 35-45 ms
of a start-up measured against a bare window's (about 0.15 s); the model's ORM, ReportLab and
matplotlib cost more still. They load on first use.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import json, sys, tempfile
from pathlib import Path
import avi_desktop.ui.plain_imports
from avi_desktop.ui.app import make_application
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.prefs import Preferences
app = make_application([])
folder = Path(tempfile.mkdtemp())
window = MainWindow(Preferences(folder / "prefs.ini"), data_dir=folder)
window.show()
app.processEvents()
window.repaint()
print(json.dumps(sorted(sys.modules)))
"""


def test_the_first_paint_loads_no_export_flow_model_or_document_library() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CODE],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "avi_desktop.ui.main_window" in loaded  # the window did start
    for module in (
        "avi_desktop.ui.export",
        "avi_desktop.ui.export_dialog",
        "avi_desktop.ui.portfolio_view",
        "avi_desktop.ui.detail_pane",
        "avi_desktop.model.entities",
        "sqlalchemy",
        "reportlab",
        "matplotlib",
    ):
        assert module not in loaded, module
