"""Measuring a drawn chart as the user sees it: every text's size and its rendered extent."""

from __future__ import annotations

from typing import Any

from avi_desktop.ui.chart_view import ChartView, small_font_px


def rendered_texts(view: ChartView) -> list[tuple[str, float, Any]]:
    """Every visible text of the chart drawn in ``view``: (text, size in pixels, extent).

    The extent is the text's box as rendered on the canvas, in figure pixels.
    """
    from matplotlib.text import Text

    figure = view.canvas.figure
    view.canvas.draw()
    renderer = view.canvas.get_renderer()
    dpi = figure.dpi
    hidden: set[int] = set()  # labels of ticks outside an axis's range, which are not drawn
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            low, high = sorted(axis.get_view_interval())
            span = (high - low) * 1e-6
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - span <= tick.get_loc() <= high + span:
                    hidden.update((id(tick.label1), id(tick.label2)))
    found = []
    for text in figure.findobj(Text):
        if id(text) in hidden or not (text.get_visible() and text.get_text().strip()):
            continue
        found.append(
            (
                text.get_text(),
                float(text.get_fontsize()) * dpi / 72.0,
                text.get_window_extent(renderer),
            )
        )
    return found


def chart_text_problems(view: ChartView) -> list[str]:
    """What a reader would find wrong: text under the small font, text cut at the chart's
    edges, and texts drawn over one another."""
    floor = small_font_px(view)
    width = view.canvas.figure.bbox.width
    height = view.canvas.figure.bbox.height
    texts = rendered_texts(view)
    problems = [
        f"{text!r} at {size:.1f} px, under the small font {floor:.1f} px"
        for text, size, _ in texts
        if size < floor * 0.99
    ]
    problems += [
        f"{text!r} cut at the chart's edge ({box.x0:.0f}..{box.x1:.0f} of {width:.0f} px)"
        for text, _, box in texts
        if box.x0 < -1 or box.x1 > width + 1 or box.y0 < -1 or box.y1 > height + 1
    ]
    for n, (a, _, box_a) in enumerate(texts):
        for b, _, box_b in texts[n + 1 :]:
            across = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            up = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if across > 1 and up > 1:
                problems.append(f"{a!r} overlaps {b!r}")
    return problems
