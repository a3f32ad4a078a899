"""The detail pane at the first-run window size: nothing cut, charts fit, the pane scrolls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFont, QWheelEvent
from PySide6.QtWidgets import QApplication, QTableView

from avi_desktop.ui.chart_view import ChartView, small_font_px
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.portfolio_model import COLUMNS
from tests.ui.chart_text import chart_text_problems, rendered_texts

# What the window picks on first run on a 1366 x 768 laptop screen (200 average characters
# by 45 lines at the default font); the offscreen test screen is smaller than any laptop.
FIRST_RUN = (1200, 652)


@pytest.fixture
def demo_window(window: MainWindow, qtbot: Any) -> MainWindow:
    window.resize(*FIRST_RUN)
    window.show()
    with qtbot.waitSignal(window.scores_loaded, timeout=60000):
        window.open_default()
    return window


def _cut_cells(view: QTableView) -> list[str]:
    """Cells whose text is wider than their column (what Qt would elide)."""
    model, metrics = view.model(), view.fontMetrics()
    cut = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            text = str(model.index(row, column).data() or "")
            room = view.columnWidth(column) - 6  # the cell's text margins (3 px a side)
            words = text.split() if view.wordWrap() else [text]
            if any(metrics.horizontalAdvance(word) > room for word in words):
                cut.append(text)
    return cut


def test_every_demo_initiative_reads_whole_at_the_first_run_size(
    demo_window: MainWindow, qtbot: Any
) -> None:
    detail = demo_window.detail
    rows = [r for r in demo_window.portfolio_view.model.all_rows() if r.alignment_index]
    assert len(rows) >= 5
    for row in rows:
        demo_window.portfolio_view.select(row.id)
        qtbot.wait(50)
        detail.ring.draw_now()
        qtbot.waitUntil(lambda: detail.ring.canvas is not None and detail.ring.dpi > 0)
        view = detail.layers_view
        assert _cut_cells(view) == [], row.name
        assert not view.horizontalScrollBar().isVisible(), row.name
        total = sum(view.rowHeight(r) for r in range(view.model().rowCount()))
        assert total <= view.viewport().height(), f"{row.name}: the layer table scrolls"
        # The ring fits the pane: the figure is exactly the chart's width, inside the viewport.
        ring = detail.ring
        assert ring.width() <= detail.viewport().width()
        figure = ring.canvas.figure
        assert abs(figure.get_figwidth() * ring.dpi - ring.width()) <= 2
        for label in (detail.title, detail.summary, detail.facts):
            assert label.wordWrap()


# The same laptop at a 2x scale factor: 683 x 384 logical pixels (1366 x 768 at 2x), where
# the window's first run fills the screen; fonts keep their logical size.
SMALL_SCREEN = (683, 384)


def _scored(window: MainWindow) -> list[str]:
    return [r.id for r in window.portfolio_view.model.all_rows() if r.alignment_index]


def _charts_of(detail: Any, qtbot: Any) -> list[ChartView]:
    """The detail pane's charts once drawn at the pane's present width."""
    shown = [view for view in (detail.ring, detail.trend) if not view.isHidden()]
    for view in shown:
        view.draw_now()
        qtbot.waitUntil(lambda v=view: v.canvas is not None and v.dpi > 0)
        qtbot.waitUntil(lambda v=view: abs(v.width() - v._drawn_width) <= 4, timeout=5000)
    return shown


def _check_every_initiative(window: MainWindow, qtbot: Any) -> list[str]:
    detail = window.detail
    problems: list[str] = []
    scored = _scored(window)
    assert len(scored) >= 5
    for initiative in scored:
        window.portfolio_view.select(initiative)
        qtbot.wait(20)
        charts = _charts_of(detail, qtbot)
        assert detail.ring in charts
        qtbot.wait(20)
        viewport = detail.viewport()
        assert detail.horizontalScrollBar().maximum() == 0, f"{initiative}: the pane scrolls"
        for view in charts:
            name = f"{initiative} {view.accessibleName()}"
            right = view.mapTo(viewport, view.rect().topRight()).x()
            assert right <= viewport.width(), f"{name}: beyond the pane's right edge"
            figure = view.canvas.figure
            assert abs(figure.get_figwidth() * view.dpi - view.width()) <= 2, name
            problems += [f"{name}: {p}" for p in chart_text_problems(view)]
    return problems


@pytest.mark.parametrize("size", [FIRST_RUN, SMALL_SCREEN], ids=["first-run", "small-screen-at-2x"])
def test_every_chart_text_is_the_small_font_or_more_and_the_charts_fit(
    demo_window: MainWindow, qtbot: Any, size: tuple[int, int]
) -> None:
    demo_window.resize(*size)
    qtbot.wait(50)
    problems = _check_every_initiative(demo_window, qtbot)
    assert problems == [], "\n".join(problems)


@pytest.fixture
def doubled_font(qapp: Any) -> Iterator[None]:
    """The system's font scale at 2x: every font, the small font too, twice its size."""
    before = QApplication.font()
    font = QFont(before)
    font.setPointSizeF(before.pointSizeF() * 2)
    QApplication.setFont(font)
    yield
    QApplication.setFont(before)


def test_chart_text_follows_a_doubled_font_at_the_first_run_size(
    doubled_font: None, demo_window: MainWindow, qtbot: Any
) -> None:
    problems = _check_every_initiative(demo_window, qtbot)
    assert problems == [], "\n".join(problems)
    ring = demo_window.detail.ring
    # The floor really is the doubled font: the chart's smallest text is twice as large.
    sizes = [size for _, size, _ in rendered_texts(ring)]
    assert min(sizes) >= small_font_px(ring) * 0.99 > 20


def test_another_initiative_starts_at_the_top_and_the_wheel_over_a_chart_scrolls(
    demo_window: MainWindow, qtbot: Any
) -> None:
    detail = demo_window.detail
    scored = [r.id for r in demo_window.portfolio_view.model.all_rows() if r.alignment_index]
    demo_window.portfolio_view.select(scored[0])
    detail.ring.draw_now()
    qtbot.waitUntil(lambda: detail.ring.canvas is not None)
    bar = detail.verticalScrollBar()
    assert bar.maximum() > 0
    canvas = detail.ring.canvas
    centre = QPointF(canvas.width() / 2, canvas.height() / 2)
    wheel = QWheelEvent(
        centre,
        canvas.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, wheel)
    assert bar.value() > 0, "the wheel over the chart scrolled the pane"
    bar.setValue(bar.maximum())
    demo_window.portfolio_view.select(scored[1])
    assert bar.value() == 0


def test_the_patterns_column_shows_without_scrolling_at_the_first_run_size(
    demo_window: MainWindow, qtbot: Any
) -> None:
    view = demo_window.portfolio_view
    table = view.table
    column = [key for key, _ in COLUMNS].index("patterns")
    qtbot.waitUntil(lambda: table.columnWidth(column) > 0)
    right = table.columnViewportPosition(column) + table.columnWidth(column)
    assert table.horizontalScrollBar().value() == 0
    assert right <= table.viewport().width()  # the whole column is in view
    header = table.horizontalHeader()
    two_lines = header.fontMetrics().lineSpacing() * 2
    assert header.height() >= two_lines  # the wrapped titles ("Alignment / index") show whole
    row = next(r for r in view.model.all_rows() if r.patterns)
    index = view.model.index(view.model.row_of(row.id), column)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "\n".join(row.patterns)
