"""Import the model without PySide6's import hook, which costs it about a third.

Once Qt is loaded, every ``import`` statement goes through PySide6's ``__feature__`` hook, which
reads each newly imported module's source (``inspect.getsource``) to see whether it mentions
PySide6, so as to apply ``from __feature__ import ...`` selections to it. The model and
SQLAlchemy never mention Qt (an import contract holds the model to that) and this app selects
no feature, so for them the hook only costs time: about 0.1 s of the 0.38 s it takes to import
the store after Qt (measured; docs/performance.md). ``unhooked`` imports without it, on the
calling thread only: other threads (the UI thread painting meanwhile) keep the hook.

This module must be imported before PySide6 to see Python's own ``__import__``
(``cli._open_window`` does); imported after, ``unhooked`` changes nothing.
"""

from __future__ import annotations

import builtins
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_PLAIN: Any = builtins.__import__  # Python's own, unless Qt was loaded before this module
_IS_PLAIN = getattr(_PLAIN, "__name__", "") == "__import__"
_local = threading.local()


class _Swap:
    """Qt's hook while ``_dispatch`` stands in for it, and how many blocks need that."""

    lock = threading.Lock()
    users = 0
    hook: Any = None


def _dispatch(*args: Any, **kwargs: Any) -> Any:
    if getattr(_local, "plain", False):
        return _PLAIN(*args, **kwargs)
    return _Swap.hook(*args, **kwargs)


@contextmanager
def unhooked() -> Iterator[None]:
    """Imports made by this thread inside the block skip the hook (modules without Qt only)."""
    if not _IS_PLAIN or builtins.__import__ is _PLAIN:
        yield  # Qt was loaded first (this module cannot bypass it), or not loaded at all
        return
    with _Swap.lock:
        if _Swap.users == 0:
            _Swap.hook = builtins.__import__
            builtins.__import__ = _dispatch
        _Swap.users += 1
    _local.plain = True
    try:
        yield
    finally:
        _local.plain = False
        with _Swap.lock:
            _Swap.users -= 1
            if _Swap.users == 0 and builtins.__import__ is _dispatch:
                builtins.__import__ = _Swap.hook


def active() -> bool:
    """Whether ``unhooked`` can skip the hook in this process (for the tests)."""
    return _IS_PLAIN
