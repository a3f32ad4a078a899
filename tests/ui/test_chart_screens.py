"""Every chart text at the small font or more outside the detail pane too: the assessment
wizard's results page and the workshop reveal, at the first-run size, on a small screen at 2x
(683 x 384 logical) and with a doubled system font."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.overview import initiative_overview
from avi_desktop.model.results import AssessmentResult
from avi_desktop.ui.assessment_wizard import ResultsPage
from avi_desktop.ui.chart_view import ChartView
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.reveal import RevealView
from tests.ui.chart_text import chart_text_problems

SIZES = {"first-run": (1200, 652), "small-screen-at-2x": (683, 384)}


@pytest.fixture(params=["normal font", "doubled font"])
def font_scale(request: Any, qapp: Any) -> Iterator[str]:
    before = QApplication.font()
    if request.param == "doubled font":
        font = QFont(before)
        font.setPointSizeF(before.pointSizeF() * 2)
        QApplication.setFont(font)
    yield request.param
    QApplication.setFont(before)


@pytest.fixture(scope="module")
def demo_results(qapp: Any, tmp_path_factory: Any) -> list[tuple[str, AssessmentResult]]:
    """The latest result of every scored demo initiative."""
    from avi_desktop.ui.prefs import Preferences

    folder = tmp_path_factory.mktemp("demo")
    window = MainWindow(Preferences(folder / "prefs.ini"), data_dir=folder)
    try:
        window.open_default()
        store = window.store
        assert store is not None
        found = []
        for initiative_id in store.initiative_ids():
            latest = initiative_overview(store, initiative_id).latest
            if latest is not None and latest.alignment_index is not None:
                found.append((store.get_initiative(initiative_id).name, latest))
    finally:
        window.close_portfolio()
        window.deleteLater()
    assert len(found) >= 5
    return found


def _drawn(view: ChartView, qtbot: Any) -> list[str]:
    view.draw_now()
    qtbot.waitUntil(lambda: view.canvas is not None and view.dpi > 0)
    qtbot.waitUntil(lambda: abs(view.width() - view._drawn_width) <= 4, timeout=5000)
    view.draw_now()
    return chart_text_problems(view)


@pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))
def test_the_results_page_ring(
    qtbot: Any, font_scale: str, size: tuple[int, int], demo_results: Any
) -> None:
    page = ResultsPage()
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    problems = []
    for name, result in demo_results:
        page.show_result(result, bundled_instrument())
        qtbot.wait(10)
        problems += [f"{name}: {p}" for p in _drawn(page.ring, qtbot)]
        viewport = page.ring.parentWidget()
        assert viewport is not None
        assert page.ring.geometry().right() <= viewport.width(), name
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))
def test_the_reveal_charts(
    qtbot: Any, font_scale: str, size: tuple[int, int], demo_results: Any
) -> None:
    problems = []
    for name, result in demo_results[:3]:
        view = RevealView(result, bundled_instrument(), 3, name)
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
        view.toggle_individual()  # the answers step as well
        kinds = set()
        for _ in view.slides:
            if view.slide.kind in ("ring", "answers"):
                kinds.add(view.slide.kind)
                problems += [f"{name} {view.slide.kind}: {p}" for p in _drawn(view.chart, qtbot)]
                area = view.chart_area
                assert area.horizontalScrollBar().maximum() == 0, name
            view.step(1)
        assert kinds == {"ring", "answers"}
        view.close()
    assert problems == [], "\n".join(problems)
