"""Start-up: a portfolio's rows show before its store is open; the model imports unhooked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from avi_desktop.model.errors import PortfolioError
from avi_desktop.ui import session
from avi_desktop.ui.main_window import MainWindow
from tests.ui.conftest import open_and_wait

ROOT = Path(__file__).resolve().parents[2]


def test_the_rows_show_before_the_store_opens(
    window: MainWindow, demo_copy: Path, qtbot: Any
) -> None:
    seen: list[tuple[bool, list[str], bool]] = []
    model = window.portfolio_view.model

    def shown() -> list[str]:  # in the order the table shows them
        return [model.row_at(n).id for n in range(model.rowCount())]

    window.table_shown.connect(
        lambda: seen.append(
            (
                window.store is None,
                shown(),
                window.stack.currentWidget() is window.portfolio_page,
            )
        )
    )
    window.show()
    open_and_wait(qtbot, window, demo_copy)
    assert window.store is not None
    ids = shown()
    assert len(ids) == 15 and set(ids) == {r.id for r in model.all_rows()}
    assert seen == [(True, ids, True)]  # once, before the store, the same rows, on show
    assert window.portfolio_view.current_id() == ids[0]
    assert not window.portfolio_view.loading


def test_a_file_that_fails_to_open_takes_its_preview_away(
    window: MainWindow, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, passphrase: str | None, selected: str = "") -> Any:
        raise PortfolioError("The file is damaged.")

    monkeypatch.setattr(session, "_open_store", refuse)
    shown: list[int] = []
    window.table_shown.connect(lambda: shown.append(window.portfolio_view.model.rowCount()))
    window.show()
    assert not window.open_path(demo_copy, quiet=True)
    assert shown == [15]  # it was previewed
    assert window.stack.currentWidget() is window.start_page
    assert window.portfolio_view.model.all_rows() == ()
    assert not window.portfolio_view.loading


def test_the_model_is_imported_without_qts_import_hook() -> None:
    """In the order the command line uses: ``plain_imports`` first, then Qt, then the model."""
    code = """
import builtins, inspect, sys
import avi_desktop.ui.plain_imports as plain
import PySide6.QtCore
assert plain.active()
hook, read, real = builtins.__import__, [], inspect.getsource
def spy(obj):
    read.append(obj.__name__)
    return real(obj)
inspect.getsource = spy
with plain.unhooked():
    import avi_desktop.model.store
assert builtins.__import__ is hook, "Qt's hook is back after the block"
unhooked = [m for m in read if m.startswith(("avi_desktop", "sqlalchemy"))]
before = len(read)
import avi_desktop.charts.ring  # outside the block: through the hook, sources read again
print(unhooked, any(m.startswith("avi_desktop.charts") for m in read[before:]))
"""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "[] True"
