"""Proof of no network: the main command-line flows and a window start, under an audit hook.

Python raises an audit event before any socket is created, resolved, bound or connected and
before urllib opens a request; a hook installed first thing in a fresh process records any such
event and stops it. pytest's own socket blocking covers the test process only; this covers a
real run of the program, every import included.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_HOOK = """
import sys
EVENTS = []

def _hook(event, args):
    if event.startswith(("socket.", "urllib.")):
        EVENTS.append(event)
        raise RuntimeError("network use: " + event)

sys.addaudithook(_hook)
"""

_CLI = """
import json
from pathlib import Path
from avi_desktop.cli import main

work = Path(sys.argv[1])
portfolio = str(work / "demo.avip")
status = {}
def run(*args):
    status[" ".join(args[:1])] = main(list(args))

run("demo", portfolio)
run("verify", portfolio)
run("initiatives", portfolio)
run("assessments", portfolio)
from avi_desktop.model.store import PortfolioStore
with PortfolioStore.open(portfolio, read_only=True) as store:
    assessment = store.assessment_ids()[-1]
    initiative = store.get_assessment(assessment).initiative_id
run("score", portfolio, "--assessment", assessment, "--json")
run("export-answers", portfolio, "--assessment", assessment, "-o", str(work / "a.csv"))
run("export-portfolio", portfolio, "-o", str(work / "p.csv"))
run("brief", portfolio, "--initiative", initiative, "-o", str(work / "brief.pdf"))
run("paper", portfolio, "-o", str(work / "paper.pdf"))
run("chart", "ring", portfolio, "--initiative", initiative, "-o", str(work / "ring.png"))
print(json.dumps({"status": status, "events": EVENTS}))
"""

_WINDOW = """
import json
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from avi_desktop.ui.app import make_application
from avi_desktop.ui.main_window import MainWindow

app = make_application([])
window = MainWindow(data_dir=Path(sys.argv[1]))
window.show()
loop = QEventLoop()
window.scores_loaded.connect(loop.quit)
QTimer.singleShot(60000, loop.quit)
window.open_default()
loop.exec()
rows = window.portfolio_view.model.all_rows()
window.close()
print(json.dumps({"rows": len(rows), "events": EVENTS}))
"""


def _run(script: str, work: Path) -> dict[str, object]:
    # Preferences of its own (XDG_CONFIG_HOME), so the run is a first launch, whatever the
    # user's own settings say, and never writes to them.
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(work / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_HOOK + script), str(work)],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_command_line_flows_open_no_socket(tmp_path: Path) -> None:
    result = _run(_CLI, tmp_path)
    assert result["events"] == []
    status = result["status"]
    assert isinstance(status, dict) and len(status) == 10 and set(status.values()) == {0}
    assert (tmp_path / "paper.pdf").stat().st_size > 0 and (tmp_path / "ring.png").exists()


def test_a_window_start_opens_no_socket(tmp_path: Path) -> None:
    result = _run(_WINDOW, tmp_path)
    assert result["events"] == []
    assert result["rows"] == 15  # the demo portfolio, loaded and scored
