"""Painting a chart :class:`~avi_desktop.charts.scene.Scene` straight onto a PDF page.

The window paints the same scene with matplotlib (:mod:`avi_desktop.charts.paint`); this painter
follows matplotlib's conventions (text boxes measured from the height of "lp", legends packed
column by column, hatches so many lines per inch, dashes in line widths) so that paper and
screen show the same chart. Text stays text, in the embedded family, so a reader can search
and copy the figures a chart prints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Final

from reportlab.lib.colors import HexColor
from reportlab.platypus.flowables import Flowable

from avi_desktop.charts.scene import (
    HATCH_WIDTH,
    Axis,
    Box,
    Colourbar,
    Frame,
    Legend,
    LegendEntry,
    Line,
    Marker,
    Panel,
    Scene,
    Text,
    Wedge,
    dash_pattern,
    hatch_counts,
    panel_box,
)
from avi_desktop.charts.style import colour_at
from avi_desktop.reports.fonts import register_fonts
from avi_desktop.reports.scene_text import LINE_HEIGHT, draw_text, line_baselines, text_width

AXIS_WIDTH: Final = 0.8  # matplotlib's axes.linewidth, also its tick width
TICK_LENGTH: Final = 3.5
TICK_PAD: Final = 3.5
LABEL_PAD: Final = 4.0
_CAPS: Final = {"butt": 0, "round": 1, "projecting": 2}
_EVEN_ODD: Final = 0  # ReportLab's FILL_EVEN_ODD


class SceneFlowable(Flowable):  # type: ignore[misc]
    """A chart scene drawn ``width_pt`` wide (never taller than ``max_height_pt``)."""

    def __init__(self, scene: Scene, width_pt: float, max_height_pt: float = 1e9) -> None:
        super().__init__()
        self.scene = scene
        self.scale = min(width_pt / scene.width_pt, max_height_pt / scene.height_pt)
        self.width = scene.width_pt * self.scale
        self.height = scene.height_pt * self.scale
        self.hAlign = "LEFT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        paint_scene(canvas, self.scene)
        canvas.restoreState()


def paint_scene(canvas: Any, scene: Scene) -> None:
    """Paint ``scene`` with its lower-left corner at the canvas origin, one unit a point."""
    register_fonts()
    for panel in scene.panels:
        _Panel(canvas, scene, panel).paint()
    for legend in scene.legends:
        _legend(canvas, scene, legend)
    for bar in scene.colourbars:
        _colourbar(canvas, scene, bar)


class _Panel:
    def __init__(self, canvas: Any, scene: Scene, panel: Panel) -> None:
        self.canvas = canvas
        self.panel = panel
        self.box = panel_box(scene, panel)
        _, _, w, h = self.box
        (x0, x1), (y0, y1) = panel.xlim, panel.ylim
        self.sx, self.sy = w / (x1 - x0), h / (y1 - y0)

    def at(self, x: float, y: float) -> tuple[float, float]:
        left, bottom, _, _ = self.box
        return (
            left + (x - self.panel.xlim[0]) * self.sx,
            bottom + (y - self.panel.ylim[0]) * self.sy,
        )

    def paint(self) -> None:
        frame = self.panel.frame
        if frame is not None:
            self._grid(frame)
        # matplotlib's order: patches, then lines, then text, each in the order added.
        order = {Wedge: 0, Box: 0, Line: 1, Text: 2}
        for shape in sorted(self.panel.shapes, key=lambda s: order[type(s)]):
            if isinstance(shape, Wedge):
                self._wedge(shape)
            elif isinstance(shape, Box):
                self._box(shape)
            elif isinstance(shape, Line):
                _polyline(
                    self.canvas,
                    [self.at(x, y) for x, y in zip(shape.xs, shape.ys, strict=True)],
                    shape,
                )
            else:
                x, y = self.at(shape.x, shape.y)
                draw_text(self.canvas, shape, x, y)
        if frame is not None:
            self._axes(frame)

    def _wedge(self, shape: Wedge) -> None:
        canvas = self.canvas
        cx, cy = self.at(*shape.centre)
        outer, inner = shape.radius * self.sx, (shape.radius - shape.width) * self.sx
        sweep = shape.theta2 - shape.theta1
        if sweep <= 0:
            return  # a score of 0 fills nothing (and an arc of no extent cannot be drawn)
        path = canvas.beginPath()
        if sweep >= 360.0:
            path.circle(cx, cy, outer)
            if inner > 0:
                path.circle(cx, cy, inner)
        else:
            path.arc(cx - outer, cy - outer, cx + outer, cy + outer, shape.theta1, sweep)
            if inner > 0:
                path.arcTo(cx - inner, cy - inner, cx + inner, cy + inner, shape.theta2, -sweep)
            else:
                path.lineTo(cx, cy)
            path.close()
        bounds = (cx - outer, cy - outer, cx + outer, cy + outer)
        _fill_and_stroke(canvas, path, bounds, shape)

    def _box(self, shape: Box) -> None:
        x0, y0 = self.at(shape.x, shape.y)
        x1, y1 = self.at(shape.x + shape.width, shape.y + shape.height)
        path = self.canvas.beginPath()
        path.rect(x0, y0, x1 - x0, y1 - y0)
        _fill_and_stroke(self.canvas, path, (x0, y0, x1, y1), shape)

    def _grid(self, frame: Frame) -> None:
        canvas = self.canvas
        left, _, width, _ = self.box
        canvas.saveState()
        canvas.setStrokeColor(HexColor(frame.grid_colour))
        canvas.setLineWidth(frame.grid_width)
        canvas.setLineCap(2)
        for value, _label in frame.y.ticks:
            _, y = self.at(self.panel.xlim[0], value)
            canvas.line(left, y, left + width, y)
        canvas.restoreState()

    def _axes(self, frame: Frame) -> None:
        canvas = self.canvas
        left, bottom, width, height = self.box
        canvas.saveState()
        canvas.setStrokeColor(HexColor("#000000"))
        canvas.setLineWidth(AXIS_WIDTH)
        canvas.setLineCap(2)
        canvas.line(left, bottom, left + width, bottom)
        canvas.line(left, bottom, left, bottom + height)
        canvas.setLineCap(0)
        label_depth = self._x_ticks(frame.x)
        label_width = self._y_ticks(frame.y)
        canvas.restoreState()
        gap = TICK_LENGTH + TICK_PAD + LABEL_PAD
        if frame.x.title:
            size = frame.x.size * 1.1
            title = Text(0, 0, frame.x.title, size, va="top")
            draw_text(canvas, title, left + width / 2, bottom - gap - label_depth)
        if frame.y.title:
            size = frame.y.size * 1.1
            title = Text(0, 0, frame.y.title, size, va="bottom", rotation=90.0)
            draw_text(canvas, title, left - gap - label_width, bottom + height / 2)

    def _x_ticks(self, axis: Axis) -> float:
        """Draw the ticks and labels under the panel; return how deep the labels reach."""
        canvas = self.canvas
        _, bottom, _, _ = self.box
        depth = 0.0
        for value, label in axis.ticks:
            x, _ = self.at(value, self.panel.ylim[0])
            canvas.line(x, bottom, x, bottom - TICK_LENGTH)
            y = bottom - TICK_LENGTH - TICK_PAD
            if axis.rotation:
                text = Text(0, 0, label, axis.size, ha="right", va="top", rotation=axis.rotation)
                angle = math.radians(axis.rotation)
                extent = draw_text(canvas, text, x, y) * math.sin(angle)
                depth = max(depth, extent + LINE_HEIGHT * axis.size * math.cos(angle))
            else:
                draw_text(canvas, Text(0, 0, label, axis.size, va="top"), x, y)
                depth = max(depth, LINE_HEIGHT * axis.size)
        return depth

    def _y_ticks(self, axis: Axis) -> float:
        """Draw the ticks and labels left of the panel; return how wide the labels are."""
        canvas = self.canvas
        left, _, _, _ = self.box
        widest = 0.0
        for value, label in axis.ticks:
            _, y = self.at(self.panel.xlim[0], value)
            canvas.line(left, y, left - TICK_LENGTH, y)
            text = Text(0, 0, label, axis.size, ha="right")
            widest = max(widest, draw_text(canvas, text, left - TICK_LENGTH - TICK_PAD, y))
        return widest


def _fill_and_stroke(
    canvas: Any,
    path: Any,
    bounds: tuple[float, float, float, float],
    look: Wedge | Box | LegendEntry,
) -> None:
    """Fill, hatch (in the edge colour, as matplotlib does), then stroke a closed path."""
    face, edge, hatch, linewidth = look.face, look.edge, look.hatch, look.linewidth
    dash = look.dash if isinstance(look, Wedge) else "-"
    if face is not None:
        canvas.setFillColor(HexColor(face))
        canvas.drawPath(path, stroke=0, fill=1, fillMode=_EVEN_ODD)
    if hatch and edge is not None:
        canvas.saveState()
        canvas.clipPath(path, stroke=0, fill=0, fillMode=_EVEN_ODD)
        _hatch_lines(canvas, bounds, hatch, edge)
        canvas.restoreState()
    if edge is not None and linewidth > 0:
        canvas.saveState()
        canvas.setStrokeColor(HexColor(edge))
        canvas.setLineWidth(linewidth)
        pattern = dash_pattern(dash)
        if pattern:
            canvas.setDash([d * linewidth for d in pattern], 0)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()


def _hatch_lines(
    canvas: Any, bounds: tuple[float, float, float, float], hatch: str, colour: str
) -> None:
    """Parallel lines across ``bounds``, so many per inch, on a grid fixed to the chart origin."""
    x0, y0, x1, y1 = bounds
    canvas.setStrokeColor(HexColor(colour))
    canvas.setLineWidth(HATCH_WIDTH)
    canvas.setLineCap(2)
    for direction, per_inch in hatch_counts(hatch).items():
        spacing = 72.0 / per_inch
        if direction == "-":
            for k in range(math.floor(y0 / spacing), math.ceil(y1 / spacing) + 1):
                y = (k + 0.5) * spacing
                canvas.line(x0, y, x1, y)
        elif direction == "|":
            for k in range(math.floor(x0 / spacing), math.ceil(x1 / spacing) + 1):
                x = (k + 0.5) * spacing
                canvas.line(x, y0, x, y1)
        else:
            # Rising lines are y = x + c, falling ones y = -x + c; matplotlib's diagonal
            # patterns step c by two spacings.
            sign = 1.0 if direction == "/" else -1.0
            step = 2 * spacing
            ends = [y - sign * x for x in (x0, x1) for y in (y0, y1)]
            for k in range(math.floor(min(ends) / step), math.ceil(max(ends) / step) + 1):
                c = k * step
                canvas.line(x0, sign * x0 + c, x1, sign * x1 + c)


def _polyline(canvas: Any, points: Sequence[tuple[float, float]], line: Line) -> None:
    if not points:
        return
    canvas.saveState()
    colour = HexColor(line.colour)
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(line.linewidth)
    pattern = dash_pattern(line.dash)
    # matplotlib's defaults: square ends on solid lines, flat ends on dashes.
    canvas.setLineCap(_CAPS[line.cap or ("butt" if pattern else "projecting")])
    canvas.setLineJoin(1)
    if len(points) > 1 and line.linewidth > 0:
        if pattern:
            canvas.setDash([d * line.linewidth for d in pattern], 0)
        path = canvas.beginPath()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()
    if line.marker is not None:
        for x, y in points:
            _draw_marker(
                canvas, line.marker, x, y, size=line.markersize, colour=line.colour, width=1.0
            )


def _draw_marker(
    canvas: Any, marker: Marker, x: float, y: float, *, size: float, colour: str, width: float
) -> None:
    """One of matplotlib's markers, ``size`` points across, filled and edged in ``colour``."""
    canvas.saveState()
    canvas.setFillColor(HexColor(colour))
    canvas.setStrokeColor(HexColor(colour))
    canvas.setLineWidth(width)
    canvas.setLineJoin(0)
    if marker == "|":
        canvas.setLineCap(0)
        canvas.line(x, y - size / 2, x, y + size / 2)
    elif marker == "o":
        canvas.circle(x, y, size / 2, stroke=1, fill=1)
    else:
        path = canvas.beginPath()
        corners = _MARKER_SHAPES[marker]
        path.moveTo(x + corners[0][0] * size, y + corners[0][1] * size)
        for cx, cy in corners[1:]:
            path.lineTo(x + cx * size, y + cy * size)
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)
    canvas.restoreState()


_HALF: Final = math.sqrt(0.5)  # half the diagonal of a unit square
_MARKER_SHAPES: Final[dict[str, tuple[tuple[float, float], ...]]] = {
    "s": ((-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)),
    "^": ((0.0, 0.5), (-0.5, -0.5), (0.5, -0.5)),
    "D": ((0.0, -_HALF), (_HALF, 0.0), (0.0, _HALF), (-_HALF, 0.0)),
    "X": tuple(
        (a / 4, b / 4)
        for a, b in (
            (-1, -2), (0, -1), (1, -2), (2, -1), (1, 0), (2, 1),
            (1, 2), (0, 1), (-1, 2), (-2, 1), (-1, 0), (-2, -1),
        )
    ),
}  # fmt: skip


def _columns(entries: Sequence[LegendEntry], count: int) -> list[list[LegendEntry]]:
    """Split entries into ``count`` columns the way numpy's array_split does (matplotlib's)."""
    size, extra = divmod(len(entries), count)
    columns, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        if end > start:
            columns.append(list(entries[start:end]))
        start = end
    return columns


def _legend(canvas: Any, scene: Scene, legend: Legend) -> None:
    if not legend.entries:
        return  # a trend with no scores at all has nothing to key
    fs = legend.size
    handle_w, handle_h = legend.handlelength * fs, 0.7 * fs
    text_pad, row_gap = 0.8 * fs, 0.5 * fs
    columns = _columns(legend.entries, legend.columns)
    widths = [
        max(handle_w + text_pad + text_width(e.label, fs) for e in column) for column in columns
    ]
    rows = max(len(column) for column in columns)
    row_h = LINE_HEIGHT * fs
    content_w = sum(widths) + legend.columnspacing * fs * (len(columns) - 1)
    content_h = rows * row_h + (rows - 1) * row_gap
    inset = (0.5 + 0.4) * fs  # matplotlib's borderaxespad and borderpad
    ax, ay = legend.anchor[0] * scene.width_pt, legend.anchor[1] * scene.height_pt
    left = ax + inset if legend.loc == "lower left" else ax - content_w / 2
    top = ay + inset + content_h
    x = left
    for column, width in zip(columns, widths, strict=True):
        for row, entry in enumerate(column):
            first, _ = line_baselines([entry.label], fs, LINE_HEIGHT)
            baseline = top - row * (row_h + row_gap) + first[0]
            _legend_handle(canvas, entry, x, baseline, width=handle_w, height=handle_h)
            label = Text(0, 0, entry.label, fs, ha="left", va="baseline")
            draw_text(canvas, label, x + handle_w + text_pad, baseline)
        x += width + legend.columnspacing * fs


def _legend_handle(
    canvas: Any, entry: LegendEntry, x: float, baseline: float, *, width: float, height: float
) -> None:
    if entry.kind == "patch":
        path = canvas.beginPath()
        path.rect(x, baseline, width, height)
        bounds = (x, baseline, x + width, baseline + height)
        _fill_and_stroke(canvas, path, bounds, entry)
        return
    middle = baseline + height / 2
    if entry.show_line:
        line = Line((), (), entry.colour, entry.linewidth, entry.dash)
        _polyline(canvas, [(x, middle), (x + width, middle)], line)
    if entry.marker is not None:
        _draw_marker(
            canvas,
            entry.marker,
            x + width / 2,
            middle,
            size=entry.markersize,
            colour=entry.colour,
            width=entry.markeredgewidth,
        )


def _colourbar(canvas: Any, scene: Scene, bar: Colourbar) -> None:
    left, bottom, width, height = (
        bar.rect[0] * scene.width_pt,
        bar.rect[1] * scene.height_pt,
        bar.rect[2] * scene.width_pt,
        bar.rect[3] * scene.height_pt,
    )
    strips = 96
    step = width / strips
    for n in range(strips):
        canvas.setFillColor(HexColor(colour_at(bar.colours, (n + 0.5) / strips)))
        # A hair of overlap, so no seam shows between strips when the page is zoomed.
        canvas.rect(left + n * step, bottom, step + 0.3, height, stroke=0, fill=1)
    canvas.saveState()
    canvas.setStrokeColor(HexColor("#000000"))
    canvas.setLineWidth(AXIS_WIDTH)
    canvas.rect(left, bottom, width, height, stroke=1, fill=0)
    label_size = bar.size * 0.94
    for value in bar.ticks:
        x = left + (value - bar.vmin) / (bar.vmax - bar.vmin) * width
        canvas.line(x, bottom, x, bottom - TICK_LENGTH)
        label = Text(0, 0, f"{value:g}", label_size, va="top")
        draw_text(canvas, label, x, bottom - TICK_LENGTH - TICK_PAD)
    canvas.restoreState()
    y = bottom - TICK_LENGTH - TICK_PAD - LINE_HEIGHT * label_size - LABEL_PAD
    draw_text(canvas, Text(0, 0, bar.title, bar.size, va="top"), left + width / 2, y)
