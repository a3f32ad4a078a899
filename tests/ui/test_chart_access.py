"""A chart is named once in the accessibility tree: by its view, never again by its canvas."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure
from PySide6.QtGui import QAccessible, QAccessibleInterface

from avi_desktop.ui.chart_view import ChartView

NAME = QAccessible.Text.Name
DESCRIPTION = QAccessible.Text.Description


def _tree(node: QAccessibleInterface) -> list[QAccessibleInterface]:
    found = [node]
    for index in range(node.childCount()):
        child = node.child(index)
        if child is not None and child.isValid():
            found += _tree(child)
    return found


def _figure(width: float, font_pt: float) -> Figure:
    figure = Figure(figsize=(width, width / 2))
    figure.add_subplot().plot([1, 2, 3])
    return figure


def test_the_chart_is_named_once_and_its_canvas_is_an_unnamed_surface(qtbot: Any) -> None:
    view = ChartView("Ring diagram")
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.show_figure(_figure, "Technology Capability 80.0, target 75.0")
    view.draw_now()
    assert view.canvas is not None
    root = QAccessible.queryAccessibleInterface(view)
    assert root is not None
    nodes = _tree(root)
    assert [n.text(NAME) for n in nodes].count("Ring diagram") == 1
    assert root.text(NAME) == "Ring diagram"
    assert root.text(DESCRIPTION) == "Technology Capability 80.0, target 75.0"
    canvas = QAccessible.queryAccessibleInterface(view.canvas)
    assert canvas is not None
    assert canvas.text(NAME) == "" and canvas.text(DESCRIPTION) == ""
    # Drawing again (a resize, another initiative) does not name the new canvas either.
    view.show_figure(_figure, "Technology Capability 60.0, target 75.0")
    view.draw_now()
    assert [n.text(NAME) for n in _tree(root)].count("Ring diagram") == 1
