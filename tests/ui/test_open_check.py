"""The window opens after SQLite's quick check and finishes the full check beside its reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from avi_desktop.ui.main_window import MainWindow
from tests.model.test_deferred_check import _index_damage, _rows
from tests.ui.conftest import open_and_wait


def test_damage_only_the_full_check_sees_closes_the_portfolio_with_its_message(
    window: MainWindow, demo_copy: Path, answers: list[str], qtbot: Any
) -> None:
    _index_damage(demo_copy)
    before = _rows(demo_copy)
    window.show()
    assert window.open_path(demo_copy, quiet=True)  # the quick check passes: it opens
    qtbot.waitUntil(lambda: window.store is None, timeout=30_000)
    assert window.stack.currentWidget() is window.start_page
    assert any("damaged" in text for text in answers), answers
    assert window.portfolio_view.model.all_rows() == ()
    assert _rows(demo_copy) == before  # nothing was written


def test_a_sound_file_stays_open_and_takes_edits(
    window: MainWindow, demo_copy: Path, answers: list[str], qtbot: Any
) -> None:
    window.show()
    open_and_wait(qtbot, window, demo_copy)
    store = window.store
    assert store is not None
    qtbot.waitUntil(lambda: not store._db.deep_check_pending, timeout=30_000)
    ini = store.initiative_ids()[0]
    store.update_initiative(ini, business_owner="COO")
    assert window.store is store and not answers
