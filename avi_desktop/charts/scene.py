"""A chart described as plain data: panels of wedges, boxes, lines and text, with legends.

The ring diagram and the trend are built as a :class:`Scene` once, then painted: by matplotlib
for the window and for chart files (:mod:`avi_desktop.charts.paint`), and straight onto the page
by ReportLab in briefings (:mod:`avi_desktop.reports.scene`). Describing a chart as data is what
lets a briefing print it without importing matplotlib (about 0.9 s of the second a briefing is
allowed, on a two-core laptop), while the window and the page still show the same drawing.

Units follow matplotlib's so both painters read them the same way: sizes, line widths and
offsets are in points; shape coordinates are in their panel's data units; panel and legend
positions are fractions of the figure; angles are degrees anticlockwise from three o'clock;
dash patterns are multiples of the line width; hatches use matplotlib's pattern letters, each
repeat making the pattern denser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

HAlign = Literal["left", "center", "right"]
VAlign = Literal["top", "center", "bottom", "baseline"]
Marker = Literal["o", "s", "^", "D", "X", "|"]

# matplotlib's named line styles, as multiples of the line width (its rc defaults).
DASHES: Final[dict[str, tuple[float, ...]]] = {
    "-": (),
    "--": (3.7, 1.6),
    "-.": (6.4, 1.6, 1.0, 1.6),
    ":": (1.0, 1.65),
}
HATCH_DENSITY: Final = 6  # hatch lines per inch for each repeat of a pattern letter
HATCH_WIDTH: Final = 0.7  # points


@dataclass(frozen=True)
class TextBox:
    """A box behind a text; ``pad`` is a fraction of the font size, as in matplotlib."""

    face: str = "#FFFFFF"
    edge: str | None = None
    linewidth: float = 0.0
    pad: float = 0.1
    rounded: bool = False
    alpha: float = 1.0


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    ha: HAlign = "center"
    va: VAlign = "center"
    colour: str = "#000000"
    rotation: float = 0.0  # about the anchor point
    box: TextBox | None = None
    linespacing: float = 1.2
    gid: str = ""


@dataclass(frozen=True)
class Wedge:
    """Part of a ring: from ``theta1`` to ``theta2`` between ``radius - width`` and ``radius``."""

    centre: tuple[float, float]
    radius: float
    width: float
    theta1: float
    theta2: float
    face: str | None = None  # None: not filled
    edge: str | None = None  # also the hatch colour
    linewidth: float = 0.0
    dash: str | tuple[float, ...] = "-"
    hatch: str = ""
    gid: str = ""


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    face: str | None = None
    edge: str | None = None
    linewidth: float = 0.0
    hatch: str = ""
    gid: str = ""


@dataclass(frozen=True)
class Line:
    """A polyline, optionally with a marker at every point."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    colour: str = "#000000"
    linewidth: float = 1.0
    dash: str | tuple[float, ...] = "-"
    cap: Literal["butt", "round", "projecting"] | None = None  # None: matplotlib's default
    marker: Marker | None = None
    markersize: float = 6.0
    gid: str = ""


Shape = Text | Wedge | Box | Line


@dataclass(frozen=True)
class Axis:
    """Ticks and a title along one side of a panel."""

    ticks: tuple[tuple[float, str], ...]
    title: str = ""
    size: float = 8.0
    rotation: float = 0.0  # of the tick labels


@dataclass(frozen=True)
class Frame:
    """Left and bottom axes for a panel that plots data, with horizontal grid lines."""

    x: Axis
    y: Axis
    grid_colour: str = "#E0E0E0"
    grid_width: float = 0.6


@dataclass
class Panel:
    """A region of the figure with its own data coordinates.

    With ``equal`` the data units are the same length across and up (circles stay round): the
    region is shrunk to fit and centred, as matplotlib does for an equal-aspect axes.
    """

    rect: tuple[float, float, float, float]  # left, bottom, width, height (figure fractions)
    xlim: tuple[float, float] = (0.0, 1.0)
    ylim: tuple[float, float] = (0.0, 1.0)
    equal: bool = False
    frame: Frame | None = None
    shapes: list[Shape] = field(default_factory=list)
    # Left, bottom, right, top margins in points, kept when a window resizes the figure (tick
    # labels need the same room at any size); ``rect`` gives them at the scene's own size.
    margins: tuple[float, float, float, float] | None = None

    def add(self, *shapes: Shape) -> None:
        self.shapes.extend(shapes)


@dataclass(frozen=True)
class LegendEntry:
    """A key: a swatch (``kind="patch"``) or a line with an optional marker."""

    label: str
    kind: Literal["patch", "line"]
    face: str | None = None
    edge: str | None = None
    hatch: str = ""
    linewidth: float = 0.0
    dash: str | tuple[float, ...] = "-"
    colour: str = "#000000"
    marker: Marker | None = None
    markersize: float = 6.0
    markeredgewidth: float = 1.0
    show_line: bool = True


@dataclass(frozen=True)
class Legend:
    """Entries in columns (filled column by column), anchored at a point of the figure."""

    entries: tuple[LegendEntry, ...]
    anchor: tuple[float, float]  # figure fractions
    loc: Literal["lower left", "lower center"] = "lower left"
    columns: int = 1
    size: float = 8.0
    handlelength: float = 2.0  # in font sizes, like every spacing below
    columnspacing: float = 2.0


@dataclass(frozen=True)
class Colourbar:
    """A horizontal colour scale for ``colours`` (evenly spaced stops) from ``vmin`` to ``vmax``."""

    rect: tuple[float, float, float, float]
    colours: tuple[str, ...]
    vmin: float
    vmax: float
    ticks: tuple[float, ...]
    title: str
    size: float


@dataclass
class Scene:
    width_in: float
    height_in: float
    panels: list[Panel] = field(default_factory=list)
    legends: list[Legend] = field(default_factory=list)
    colourbars: list[Colourbar] = field(default_factory=list)

    @property
    def width_pt(self) -> float:
        return self.width_in * 72.0

    @property
    def height_pt(self) -> float:
        return self.height_in * 72.0

    def panel(
        self,
        rect: tuple[float, float, float, float],
        *,
        xlim: tuple[float, float] = (0.0, 1.0),
        ylim: tuple[float, float] = (0.0, 1.0),
        equal: bool = False,
        frame: Frame | None = None,
        margins: tuple[float, float, float, float] | None = None,
    ) -> Panel:
        """Add and return a panel covering ``rect`` of the figure."""
        new = Panel(rect, xlim, ylim, equal, frame, margins=margins)
        self.panels.append(new)
        return new

    def texts(self) -> list[str]:
        """Every piece of text in the scene, for tests and for search."""
        found = [s.text for p in self.panels for s in p.shapes if isinstance(s, Text)]
        for p in self.panels:
            if p.frame is not None:
                for axis in (p.frame.x, p.frame.y):
                    found += [label for _, label in axis.ticks] + [axis.title]
        found += [e.label for legend in self.legends for e in legend.entries]
        found += [bar.title for bar in self.colourbars]
        return [t for t in found if t]


def panel_box(scene: Scene, panel: Panel) -> tuple[float, float, float, float]:
    """Where ``panel``'s data area lies on the figure, in points: left, bottom, width, height."""
    left, bottom, width, height = panel.rect
    x, y = left * scene.width_pt, bottom * scene.height_pt
    w, h = width * scene.width_pt, height * scene.height_pt
    if panel.equal:
        span_x = panel.xlim[1] - panel.xlim[0]
        span_y = panel.ylim[1] - panel.ylim[0]
        scale = min(w / span_x, h / span_y)
        x, y = x + (w - span_x * scale) / 2, y + (h - span_y * scale) / 2
        w, h = span_x * scale, span_y * scale
    return x, y, w, h


def points_per_unit(scene: Scene, panel: Panel) -> float:
    """Points per data unit across ``panel`` (the same up, for an equal-aspect panel)."""
    _, _, width, _ = panel_box(scene, panel)
    return width / (panel.xlim[1] - panel.xlim[0])


def dash_pattern(dash: str | tuple[float, ...]) -> tuple[float, ...]:
    """A line style as on/off lengths in line widths; empty for a solid line."""
    return DASHES[dash] if isinstance(dash, str) else dash


def hatch_counts(hatch: str) -> dict[str, int]:
    """Hatch lines per inch in each direction: '/' rising, '\\' falling, '-' across, '|' up.

    Only line patterns are supported; a dot or star pattern would otherwise print as nothing.
    """
    unsupported = set(hatch) - set("/\\xX-+|")
    if unsupported:
        raise ValueError(f"Hatch letters {''.join(sorted(unsupported))!r} are not supported.")
    counts = {
        "/": hatch.count("/") + hatch.count("x") + hatch.count("X"),
        "\\": hatch.count("\\") + hatch.count("x") + hatch.count("X"),
        "-": hatch.count("-") + hatch.count("+"),
        "|": hatch.count("|") + hatch.count("+"),
    }
    return {key: value * HATCH_DENSITY for key, value in counts.items() if value}
