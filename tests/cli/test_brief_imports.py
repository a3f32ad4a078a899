"""An initiative briefing from a fresh process imports only what it needs (issue 17, part 7)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from avi_desktop.model.store import PortfolioStore

ROOT = Path(__file__).resolve().parents[2]
# Charts are painted by ReportLab; Qt is the window's; Alembic only migrates (the demo is at
# head); urllib.request came with xml.sax.saxutils; the other commands' modules are theirs.
NOT_NEEDED = (
    "matplotlib",
    "PySide6",
    "alembic",
    "urllib.request",
    "avi_desktop.ui",
    "avi_desktop.cli.values",
    "avi_desktop.cli.actions",
    "avi_desktop.cli.workshop",
)


def test_a_briefing_imports_nothing_it_does_not_need(demo_copy: Path, tmp_path: Path) -> None:
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        initiative = store.initiative_ids()[0]
    out = tmp_path / "brief.pdf"
    argv = ["brief", str(demo_copy), "--initiative", initiative, "-o", str(out)]
    assert status_and_unneeded_imports(argv) == "0 []"
    assert out.stat().st_size > 10_000


def status_and_unneeded_imports(argv: list[str]) -> str:
    """Run a command in a fresh process: "<exit status> <modules of NOT_NEEDED it imported>"."""
    code = (
        "import sys\n"
        "from avi_desktop.cli import main\n"
        f"status = main({argv!r})\n"
        f"print(status, sorted(m for m in {NOT_NEEDED!r} if m in sys.modules))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def test_every_command_is_still_offered() -> None:
    """Registering modules only up to the command's own leaves the full list for help."""
    from avi_desktop.cli import build_parser

    everything = build_parser()
    only_brief = build_parser("brief")
    unknown = build_parser("no-such-command")

    def commands(parser: argparse.ArgumentParser) -> list[str]:
        action = next(a for a in parser._actions if a.dest == "command")
        return list(action.choices or ())

    assert "brief" in commands(only_brief)
    assert "workshop" not in commands(only_brief)
    assert commands(unknown) == commands(everything)
    assert {"brief", "paper", "workshop", "decision", "action", "init"} <= set(commands(everything))
