"""The cyclic garbage collector in a command's process, which runs once and exits.

Importing the model, SQLAlchemy and ReportLab creates some 90,000 long-lived objects and no
garbage worth looking for, yet the collector walks them again and again while they are created
(about 50 ms of a briefing), and the interpreter walks them all once more at exit (about 0.1 s).
A command pauses the collector while its modules are imported, a bounded command (one
initiative's briefing) while it runs, and the heap is frozen at exit, so the final collections
skip it. Memory is unchanged: the objects are freed as before when their last reference goes.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block (nested blocks leave it as they found it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def quick_exit() -> None:
    """Freeze the heap when the interpreter exits (registered once per process)."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
