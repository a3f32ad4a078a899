"""The window and the score cache: scores open with the rows, an edit re-reads only its rows,
a stale cache is rebuilt in the background (or computed in memory when read-only)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from avi_desktop.model import score_cache
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.portfolio_model import Scores
from tests.ui.conftest import open_and_wait


def _fresh(path: Path) -> dict[str, score_cache.CachedScores]:
    with PortfolioStore.open(path, read_only=True) as store, store.engine.connect() as conn:
        return score_cache.compute(conn)


def _shown(window: MainWindow) -> dict[str, Scores]:
    """Each row's own scores (portfolio-level marks such as AI Theatre are not cached)."""
    return {
        row.id: Scores(
            row.alignment_index,
            row.binding_layer,
            row.worst_band,
            tuple(p for p in row.patterns if not p.endswith(" (portfolio)")),
        )
        for row in window.portfolio_view.model.all_rows()
    }


def _make_stale(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("DELETE FROM score_cache")
        conn.execute("UPDATE score_cache_state SET digest = 'stale:5'")


def test_scores_arrive_with_the_rows_and_an_edit_rereads_only_its_row(
    window: MainWindow, demo_copy: Path, qtbot: Any
) -> None:
    started: list[str] = []
    real_start = window.jobs.start

    def start(name: str, *args: Any, **kwargs: Any) -> Any:
        started.append(name)
        return real_start(name, *args, **kwargs)

    window.jobs.start = start  # type: ignore[method-assign]
    with qtbot.waitSignal(window.scores_loaded, timeout=30000):
        open_and_wait(qtbot, window, demo_copy)
    assert "scores" not in started  # the cache is current: no scoring job at all
    assert window.statusBar().currentMessage() == ""  # nothing left saying "Loading…"
    assert _shown(window) == {k: Scores(*v) for k, v in _fresh(demo_copy).items()}

    store = window.store
    assert store is not None
    # An idea (never live) moved to a long pilot: the Pilot Trap must appear in its row.
    target = next(
        row.id
        for row in window.portfolio_view.model.all_rows()
        if store.get_initiative(row.id).stage == "idea"
    )
    window.portfolio_view.select(target)
    store.update_initiative(target, stage="pilot", stage_since="2020-01-01")
    window.changed(target)
    assert started.count("rows") == 1  # no reload: the one row was read again on the spot
    assert "scores" not in started
    assert "AI Pilot Trap" in _shown(window)[target].patterns
    assert window.portfolio_view.current_id() == target
    window.close_portfolio()
    assert _shown(window) == {}


def test_a_stale_cache_is_rebuilt_in_the_background_and_kept(
    window: MainWindow, demo_copy: Path, qtbot: Any
) -> None:
    _make_stale(demo_copy)
    progress: list[str] = []
    window.statusBar().messageChanged.connect(progress.append)
    scored_with_rows: list[bool] = []
    model = window.portfolio_view.model
    window.rows_loaded.connect(
        lambda: scored_with_rows.append(any(r.alignment_index for r in model.all_rows()))
    )
    with qtbot.waitSignal(window.scores_loaded, timeout=30000):
        open_and_wait(qtbot, window, demo_copy)
    assert scored_with_rows == [False]  # the emptied cache had nothing to show
    assert _shown(window) == {k: Scores(*v) for k, v in _fresh(demo_copy).items()}
    assert any(message.startswith("Scoring the portfolio") for message in progress)
    window.close_portfolio()
    expected = _fresh(demo_copy)
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        assert store.score_cache_current()
        assert store.cached_scores() == expected


def test_read_only_scores_in_memory_and_writes_nothing(
    window: MainWindow, demo_copy: Path, qtbot: Any
) -> None:
    _make_stale(demo_copy)
    os.chmod(demo_copy, 0o400)  # a file the user may not write opens read-only
    before = demo_copy.read_bytes()
    store = PortfolioStore.open(demo_copy, read_only=True)
    with qtbot.waitSignal(window.scores_loaded, timeout=30000):
        window.set_store(store)
    qtbot.waitUntil(lambda: any(r.alignment_index for r in window.portfolio_view.model.all_rows()))
    assert _shown(window) == {k: Scores(*v) for k, v in _fresh(demo_copy).items()}
    window.close_portfolio()
    assert demo_copy.read_bytes() == before
