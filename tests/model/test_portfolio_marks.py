"""Portfolio-level pattern marks are read beside the writer, never through it."""

from __future__ import annotations

from pathlib import Path

import pytest

from avi_desktop.model.overview import portfolio_pattern_marks
from avi_desktop.model.store import PortfolioStore


def test_marks_read_through_a_snapshot_so_edits_never_wait_for_them(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer's engine begins IMMEDIATE: a read of every initiative through it would hold
    the write lock for seconds at 100,000 initiatives while the window's edits wait."""
    with PortfolioStore.open(demo_copy) as store:
        expected = portfolio_pattern_marks(store)
        assert any("AI Theatre" in " ".join(titles) for titles in expected.values())

        def refuse(self: PortfolioStore) -> None:
            raise AssertionError("read through the writer's engine")

        monkeypatch.setattr(PortfolioStore, "engine", property(refuse))
        assert portfolio_pattern_marks(store) == expected
