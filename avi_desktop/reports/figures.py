"""Charts in briefings: the charts package's charts embedded as vector graphics.

Every chart comes from ``avi_desktop.charts`` (one description of each chart for screen and
paper); this module only sizes it for the page and keeps it on one page with its caption. A
chart described as a scene (the ring, the trend, the portfolio heat map) is painted straight
onto the page; a matplotlib figure (the workshop charts) is converted through SVG. Only the
briefing writers import this module, so ReportLab is loaded here at module level.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reportlab.platypus.flowables import Flowable

from avi_desktop.reports.fonts import FAMILY
from avi_desktop.reports.styles import para, styles

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from avi_desktop.charts.scene import Scene

Build = Callable[[], "Figure | Scene"]

MAX_HEIGHT_PT = 650.0  # an A4 frame is about 688 pt tall; the rest is left for the caption


class ChartCache:
    """Drawings built once per briefing and reused for every recipient's copy.

    Converting a figure is most of a briefing's cost; a drawing only paints on the canvas it is
    given, so the same one can be laid out in each copy.
    """

    def __init__(self) -> None:
        self._drawings: dict[str, Any] = {}

    def __contains__(self, key: object) -> bool:
        return key in self._drawings

    def drawing(self, key: str, build: Build, width_pt: float) -> Any:
        """The drawing stored under ``key``, building it on first use."""
        if key not in self._drawings:
            self._drawings[key] = figure_drawing(build, width_pt)
        return self._drawings[key]


def figure_drawing(build: Build, width_pt: float) -> Any:
    """Build a chart with ``build`` and make it a vector flowable ``width_pt`` wide."""
    from avi_desktop.charts.scene import Scene

    fig = build()
    if isinstance(fig, Scene):
        from avi_desktop.reports.scene import SceneFlowable

        return SceneFlowable(fig, width_pt, MAX_HEIGHT_PT)
    from avi_desktop.charts import export

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
    build: Build,
    width_pt: float,
    caption: str = "",
    *,
    cache: ChartCache | None = None,
    key: str = "",
) -> list[Any]:
    """A chart as a vector drawing kept on one page with its caption."""
    from reportlab.platypus import KeepTogether, Spacer

    drawing = _drawing(build, width_pt, cache, key)
    parts: list[Any] = [drawing]
    if caption:
        parts.append(para(caption, styles().figure))
    return [KeepTogether([*parts, Spacer(1, 4)])]


def fitted_scene(
    build: Callable[[float, float], Scene],
    width_pt: float,
    after: list[Any],
    *,
    heights: tuple[float, float],
) -> list[Any]:
    """A chart drawn at print size, then ``after``: the chart takes the height they leave free.

    Nothing is scaled: ``build(width, height)`` lays the chart out
    for the room there is (between ``heights``, in points), so its text keeps its printed size.
    """
    return [FittedScene(build, width_pt, heights, lambda w: stack_height(after, w)), *after]


def stack_height(flowables: list[Any], width: float) -> float:
    """The height ``flowables`` take laid out one under another ``width`` points wide."""
    total = 0.0
    for flowable in flowables:
        _, height = flowable.wrap(width, 1e6)
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _drawing(build: Build, width_pt: float, cache: ChartCache | None, key: str) -> Any:
    if cache is not None and key:
        return cache.drawing(key, build, width_pt)
    return figure_drawing(build, width_pt)


class FittedScene(Flowable):  # type: ignore[misc]
    """A scene laid out at layout time for the height left above ``reserve`` points."""

    def __init__(
        self,
        build: Callable[[float, float], Scene],
        width_pt: float,
        heights: tuple[float, float],
        reserve: Callable[[float], float],
    ) -> None:
        super().__init__()
        self.build = build
        self.width_pt = width_pt
        self.heights = heights
        self.reserve = reserve
        self.hAlign = "LEFT"
        self._built: dict[tuple[float, float], Any] = {}
        self._flowable: Any = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        from avi_desktop.reports.scene import SceneFlowable

        low, high = self.heights
        width = min(self.width_pt, avail_width)
        room = avail_height - self.reserve(avail_width)
        key = (round(width), round(max(low, min(high, room))))
        if key not in self._built:
            self._built[key] = SceneFlowable(self.build(key[0], key[1]), key[0])
        self._flowable = self._built[key]
        self.width, self.height = self._flowable.width, self._flowable.height
        return self.width, self.height

    def draw(self) -> None:
        self._flowable.drawOn(self.canv, 0, 0)
