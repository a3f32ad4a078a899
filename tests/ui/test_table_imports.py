"""The portfolio table's modules import no SQLAlchemy and no chart module: they load on the UI
thread.

Opening a portfolio imports the table's model on the UI thread (to show rows read before the
store opens). When that pulled in SQLAlchemy and the ORM entities, through Qt's import hook, the
window stopped answering for about 0.3 s at every first open.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_table_and_its_early_rows_import_and_build_without_sqlalchemy() -> None:
    code = """
import sys
import PySide6.QtCore
import avi_desktop.ui.portfolio_model, avi_desktop.ui.table_data
import avi_desktop.model.table_rows, avi_desktop.model.startup_rows
from PySide6.QtWidgets import QApplication
app = QApplication([])
avi_desktop.ui.portfolio_model.PortfolioTableModel()  # its band swatches: ``charts.palette``
print(sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy"))
print(sorted(m for m in sys.modules if m.startswith("avi_desktop.charts.")))
"""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    sqlalchemy, charts = done.stdout.strip().splitlines()[-2:]
    assert sqlalchemy == "[]"
    # Only the colours: the chart modules (scene types, 13 ms) stay out of the page's build.
    assert charts == "['avi_desktop.charts.palette']"


def test_every_chart_the_package_names_loads_on_first_use() -> None:
    from avi_desktop import charts

    assert sorted(charts.__all__) == sorted(charts._WHERE)
    for name in charts.__all__:
        assert callable(getattr(charts, name)), name
