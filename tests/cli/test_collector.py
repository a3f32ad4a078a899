"""The collector in a command's process: paused while modules load, the heap frozen at exit."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from avi_desktop.cli import collector

ROOT = Path(__file__).resolve().parents[2]


def test_paused_turns_the_collector_off_and_back_as_it_was() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it off for the outer one
    assert gc.isenabled()


def test_a_command_leaves_the_collector_on_for_its_caller(demo_copy: Path) -> None:
    from avi_desktop.cli import main

    assert main(["initiatives", str(demo_copy)]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_the_heap_is_frozen_when_the_process_exits() -> None:
    """Registered twice, frozen once; a handler registered earlier runs later and sees it."""
    code = (
        "import atexit, gc\n"
        "calls = []\n"
        "freeze = gc.freeze\n"
        "gc.freeze = lambda: calls.append(1) or freeze()\n"
        "atexit.register(lambda: print(len(calls), gc.get_freeze_count() > 0))\n"
        "from avi_desktop.cli import collector\n"
        "collector.quick_exit()\n"
        "collector.quick_exit()\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == ["1", "True"]
