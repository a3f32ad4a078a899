"""The detail pane at the first-run window size: nothing cut, charts fit, the pane scrolls."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QTableView

from avi_desktop.ui.chart_view import NARROWEST_IN, small_font_px, smallest_text_pt
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.portfolio_model import COLUMNS

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


def _text_px(figure: Any, dpi: float) -> list[float]:
    from matplotlib.text import Text

    return sorted(
        float(t.get_fontsize()) * dpi / 72
        for t in figure.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    )


@pytest.mark.parametrize("pane", [600, 1200])
def test_chart_text_follows_the_small_font_and_the_chart_fits(
    demo_window: MainWindow, qtbot: Any, pane: int
) -> None:
    detail = demo_window.detail
    demo_window.resize(pane * 2, 800)
    demo_window._pane[2].setSizes([pane, pane])  # type: ignore[index]
    demo_window.portfolio_view.select(
        next(r.id for r in demo_window.portfolio_view.model.all_rows() if r.alignment_index)
    )
    detail.ring.draw_now()
    qtbot.waitUntil(lambda: detail.ring.canvas is not None)
    qtbot.waitUntil(lambda: abs(detail.ring.width() - detail.ring._drawn_width) <= 4, timeout=5000)
    ring = detail.ring
    sizes = _text_px(ring.canvas.figure, ring.dpi)
    median = sizes[len(sizes) // 2]
    floor = small_font_px(ring)
    if pane >= 1000:
        # Room enough: most of the chart's text (key, labels, legend) is the small font or more.
        assert median >= floor * 0.99, (median, floor)
    else:
        # Narrower: the chart is drawn as narrow as its own layout allows, never zoomed down
        # further while that narrower layout would still fit.
        needed = floor * 72 / smallest_text_pt(ring.canvas.figure)
        assert ring.dpi >= needed * 0.99 or ring.canvas.figure.get_figwidth() <= NARROWEST_IN
    assert abs(ring.canvas.figure.get_figwidth() * ring.dpi - ring.width()) <= 2
    assert ring.width() <= detail.viewport().width()


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
