"""Charts in briefings: the charts package's figures embedded as vector drawings.

Every chart comes from ``avi_desktop.charts`` (one drawing of each chart for screen and paper);
this module only sizes it for the page and keeps it on one page with its caption.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from avi_desktop.reports.fonts import FAMILY
from avi_desktop.reports.styles import para, styles

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MAX_HEIGHT_PT = 600.0  # an A4 frame is about 688 pt tall; the rest is left for the caption


class ChartCache:
    """Drawings built once per briefing and reused for every recipient's copy.

    Converting a figure is most of a briefing's cost; a drawing only paints on the canvas it is
    given, so the same one can be laid out in each copy.
    """

    def __init__(self) -> None:
        self._drawings: dict[str, Any] = {}

    def drawing(self, key: str, build: Callable[[], Figure], width_pt: float) -> Any:
        """The drawing stored under ``key``, building it on first use."""
        if key not in self._drawings:
            self._drawings[key] = figure_drawing(build, width_pt)
        return self._drawings[key]


def figure_drawing(build: Callable[[], Figure], width_pt: float) -> Any:
    """Build a figure with ``build`` and convert it to a vector drawing ``width_pt`` wide."""
    from avi_desktop.charts import export

    fig = build()
    try:
        drawing = export.figure_drawing(fig, width_pt)
    finally:
        fig.clear()
    # A drawing starts in Helvetica unless told otherwise, which would pull an unembedded
    # base-14 font into the file even though chart text is drawn as outlines.
    drawing.initialFontName = FAMILY
    if drawing.height > MAX_HEIGHT_PT:
        # A tall chart (a workshop with many items) is shrunk to fit one page with its caption.
        factor = MAX_HEIGHT_PT / float(drawing.height)
        drawing.width = float(drawing.width) * factor
        drawing.height = MAX_HEIGHT_PT
        drawing.scale(factor, factor)
    return drawing


def chart(
    build: Callable[[], Figure],
    width_pt: float,
    caption: str = "",
    *,
    cache: ChartCache | None = None,
    key: str = "",
) -> list[Any]:
    """A chart as a vector drawing kept on one page with its caption."""
    from reportlab.platypus import KeepTogether, Spacer

    if cache is not None and key:
        drawing = cache.drawing(key, build, width_pt)
    else:
        drawing = figure_drawing(build, width_pt)
    parts: list[Any] = [drawing]
    if caption:
        parts.append(para(caption, styles().figure))
    return [KeepTogether([*parts, Spacer(1, 4)])]
