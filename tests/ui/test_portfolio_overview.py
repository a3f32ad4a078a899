"""The portfolio as a whole in the window: View > Portfolio overview and the pattern filter."""

from __future__ import annotations

from typing import Any

import pytest

from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.portfolio_overview import PortfolioOverviewDialog


@pytest.fixture
def demo_window(window: MainWindow, qtbot: Any) -> MainWindow:
    with qtbot.waitSignals([window.scores_loaded, window.portfolio_marks_loaded], timeout=60000):
        window.open_default()  # no last portfolio yet: the demo
    return window


def test_the_overview_shows_the_portfolio_as_a_whole(demo_window: MainWindow, qtbot: Any) -> None:
    assert demo_window.acts.portfolio_overview.isEnabled()
    demo_window.acts.portfolio_overview.trigger()
    dialog = demo_window.findChild(PortfolioOverviewDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.picture is not None, timeout=60000)
    text = dialog.body.toPlainText()
    for heading in (
        "Portfolio-level patterns",
        "AI Theatre",
        "Initiatives by stage and band",
        "Is AI the right tool? Necessity decisions",
        "Never assessed",
        "Realised value",
        "Overdue actions",
        "Values audit",
        "Decisions asked of the committee",
        "Set a date by which the open necessity questions",
    ):
        assert heading in text, heading
    entries = dialog.picture.overview.entries  # type: ignore[union-attr]
    assert f"{len(entries)} initiatives." in text
    # Triggered again, the same window comes back rather than a second one.
    demo_window.acts.portfolio_overview.trigger()
    assert len(demo_window.findChildren(PortfolioOverviewDialog)) == 1


def test_the_pattern_filter_offers_ai_theatre(demo_window: MainWindow) -> None:
    view = demo_window.portfolio_view
    titles = [view.pattern.itemText(i) for i in range(view.pattern.count())]
    assert "AI Theatre (portfolio)" in titles
    view.pattern.setCurrentIndex(view.pattern.findText("AI Theatre (portfolio)"))
    shown = view.model.rows()
    assert shown and all("AI Theatre (portfolio)" in row.patterns for row in shown)
    assert len(shown) < len(view.model.all_rows())


def test_an_edit_keeps_the_portfolio_marks_and_updates_them(
    demo_window: MainWindow, qtbot: Any
) -> None:
    """Rows re-read after an edit keep their AI Theatre mark until the marks are found again."""
    view = demo_window.portfolio_view
    marked = [row for row in view.model.all_rows() if "AI Theatre (portfolio)" in row.patterns]
    assert marked
    target = marked[0]
    store = demo_window.store
    assert store is not None
    with qtbot.waitSignal(demo_window.portfolio_marks_loaded, timeout=60000):
        store.update_initiative(target.id, sponsor="A new sponsor")
        demo_window.changed(target.id)
    row = next(r for r in view.model.all_rows() if r.id == target.id)
    assert row.patterns.count("AI Theatre (portfolio)") == 1
