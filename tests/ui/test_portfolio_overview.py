"""The portfolio as a whole in the window: View > Portfolio overview and the pattern filter."""

from __future__ import annotations

from datetime import date
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


def test_the_overview_follows_edits_made_while_it_is_open_and_keeps_its_place(
    demo_window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_window.acts.portfolio_overview.trigger()
    dialog = demo_window.findChild(PortfolioOverviewDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.picture is not None, timeout=60000)
    first = dialog.picture
    bar = dialog.body.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    store = demo_window.store
    assert store is not None
    target = next(i for i in store.initiative_ids() if not store.get_initiative(i).actions)
    name = store.get_initiative(target).name
    store.add_action(
        target, imperative="align_leadership", title="Agree the renewal owner",
        owner="Chief Financial Officer", due_on=date(2020, 1, 31),
    )  # fmt: skip
    demo_window.changed(target)  # as every window edit and undo ends
    qtbot.waitUntil(lambda: dialog.picture is not first, timeout=60000)
    assert "Agree the renewal owner" in dialog.body.toPlainText()
    picture = dialog.picture
    assert picture is not None
    assert any(item.initiative_name == name for item in picture.actions)
    assert bar.value() == place, "the reader's place is kept"
    assert demo_window.isEnabled()  # the read ran in a worker

    laid_out: list[str] = []
    real_set_html = dialog.body.setHtml

    def set_html(html: str) -> None:
        laid_out.append(html)
        real_set_html(html)

    monkeypatch.setattr(dialog.body, "setHtml", set_html)
    shown = dialog.picture
    store.update_initiative(target, sponsor="A sponsor the overview does not show")
    demo_window.changed(target)
    qtbot.waitUntil(lambda: dialog.picture is not shown, timeout=60000)
    assert laid_out == [], "an unchanged overview is not laid out again"

    dialog.close()  # closed: an edit starts no read
    previous = dialog.picture
    store.update_initiative(target, sponsor="Another sponsor")
    with qtbot.waitSignal(demo_window.rows_loaded, timeout=60000):
        demo_window.changed(target)
    qtbot.wait(400)
    assert dialog.picture is previous and not demo_window.jobs.running("portfolio_overview")
