"""Painting a :class:`~avi_desktop.charts.scene.Scene` as a matplotlib figure.

Used for the window (FigureCanvasQTAgg) and for chart files. One axes per panel, with the
panel's data limits, so every shape keeps its data coordinates and its ``gid``; text keeps its
size in points. Legends and colour bars use matplotlib's own, which the paper painter lays out
the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from avi_desktop.charts.scene import (
    Box,
    Colourbar,
    Frame,
    Legend,
    LegendEntry,
    Line,
    Panel,
    Scene,
    Text,
    TextBox,
    Wedge,
)
from avi_desktop.charts.style import chart_style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def scene_figure(scene: Scene) -> Figure:
    """A new matplotlib figure showing ``scene``."""
    from matplotlib.figure import Figure

    with chart_style():
        fig = Figure(figsize=(scene.width_in, scene.height_in), layout=None)
        for panel in scene.panels:
            _paint_panel(fig, panel)
        for legend in scene.legends:
            _paint_legend(fig, legend)
        for bar in scene.colourbars:
            _paint_colourbar(fig, bar)
    return fig


def _linestyle(dash: str | tuple[float, ...]) -> Any:
    """matplotlib's own name for a named style (it scales dashes by width as the scene does)."""
    if isinstance(dash, str):
        return dash
    return (0, dash) if dash else "-"


def _paint_panel(fig: Figure, panel: Panel) -> None:
    ax = fig.add_axes(panel.rect)
    if panel.margins is not None:
        ax.set_axes_locator(_keep_margins(fig, panel.margins))
    ax.set_xlim(*panel.xlim)
    ax.set_ylim(*panel.ylim)
    if panel.equal:
        ax.set_aspect("equal")
    if panel.frame is None:
        ax.set_axis_off()
    else:
        _paint_frame(ax, panel.frame)
    for shape in panel.shapes:
        if isinstance(shape, Wedge):
            _wedge(ax, shape)
        elif isinstance(shape, Box):
            _box(ax, shape)
        elif isinstance(shape, Line):
            _line(ax, shape)
        else:
            _text(ax, shape)


def _keep_margins(fig: Figure, margins: tuple[float, float, float, float]) -> Any:
    """An axes locator holding the panel ``margins`` points from the figure's edges."""
    from matplotlib.transforms import Bbox

    left, bottom, right, top = margins

    def locate(ax: Axes, renderer: object) -> Bbox:
        width, height = (float(v) * 72.0 for v in fig.get_size_inches())
        return Bbox.from_bounds(
            left / width,
            bottom / height,
            max(0.05, 1 - (left + right) / width),
            max(0.05, 1 - (bottom + top) / height),
        )

    return locate


def _paint_frame(ax: Axes, frame: Frame) -> None:
    from matplotlib.ticker import FixedFormatter, FixedLocator

    for axis, spec in ((ax.xaxis, frame.x), (ax.yaxis, frame.y)):
        axis.set_major_locator(FixedLocator([value for value, _ in spec.ticks]))
        axis.set_major_formatter(FixedFormatter([label for _, label in spec.ticks]))
        axis.set_tick_params(labelsize=spec.size)
        axis.set_label_text(spec.title, fontsize=spec.size * 1.1)
    if frame.x.rotation:
        for label in ax.get_xticklabels():
            label.set(rotation=frame.x.rotation, ha="right", rotation_mode="anchor")
    ax.grid(axis="y", color=frame.grid_colour, linewidth=frame.grid_width)
    ax.set_axisbelow(True)


def _wedge(ax: Axes, shape: Wedge) -> None:
    from matplotlib.patches import Wedge as MplWedge

    patch = MplWedge(
        shape.centre,
        shape.radius,
        shape.theta1,
        shape.theta2,
        width=shape.width,
        facecolor=shape.face or "none",
        fill=shape.face is not None,
        edgecolor=shape.edge or "none",
        linewidth=shape.linewidth,
        linestyle=_linestyle(shape.dash),
        hatch=shape.hatch or None,
    )
    patch.set_gid(shape.gid or None)
    ax.add_patch(patch)


def _box(ax: Axes, shape: Box) -> None:
    from matplotlib.patches import Rectangle

    patch = Rectangle(
        (shape.x, shape.y),
        shape.width,
        shape.height,
        facecolor=shape.face or "none",
        fill=shape.face is not None,
        edgecolor=shape.edge or "none",
        linewidth=shape.linewidth,
        hatch=shape.hatch or None,
        clip_on=False,
    )
    patch.set_gid(shape.gid or None)
    ax.add_patch(patch)


def _line(ax: Axes, shape: Line) -> None:
    (line,) = ax.plot(
        shape.xs,
        shape.ys,
        color=shape.colour,
        linewidth=shape.linewidth,
        linestyle=_linestyle(shape.dash),
        solid_capstyle=shape.cap or "projecting",
        dash_capstyle=shape.cap or "butt",
        marker=shape.marker or "",
        markersize=shape.markersize,
        clip_on=False,
    )
    line.set_gid(shape.gid or None)


def _bbox(box: TextBox | None) -> dict[str, object] | None:
    if box is None:
        return None
    return {
        "boxstyle": f"{'round' if box.rounded else 'square'},pad={box.pad}",
        "facecolor": box.face,
        "edgecolor": box.edge or "none",
        "linewidth": box.linewidth,
        "alpha": box.alpha,
    }


def _text(ax: Axes, shape: Text) -> None:
    text = ax.text(
        shape.x,
        shape.y,
        shape.text,
        ha=shape.ha,
        va=shape.va,
        fontsize=shape.size,
        fontweight="bold" if shape.bold else "normal",
        color=shape.colour,
        rotation=shape.rotation,
        rotation_mode="anchor",
        linespacing=shape.linespacing,
        bbox=_bbox(shape.box),
        zorder=5,
        clip_on=False,
    )
    text.set_gid(shape.gid or None)


def _handle(entry: LegendEntry) -> Any:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if entry.kind == "patch":
        return Patch(
            facecolor=entry.face or "none",
            edgecolor=entry.edge or "none",
            hatch=entry.hatch or None,
            linewidth=entry.linewidth,
            label=entry.label,
        )
    return Line2D(
        [],
        [],
        color=entry.colour,
        linewidth=entry.linewidth,
        linestyle=_linestyle(entry.dash) if entry.show_line else "none",
        marker=entry.marker or "",
        markersize=entry.markersize,
        markeredgewidth=entry.markeredgewidth,
        label=entry.label,
    )


def _paint_legend(fig: Figure, legend: Legend) -> None:
    fig.legend(
        handles=[_handle(entry) for entry in legend.entries],
        loc=legend.loc,
        bbox_to_anchor=legend.anchor,
        ncol=legend.columns,
        fontsize=legend.size,
        frameon=False,
        handlelength=legend.handlelength,
        columnspacing=legend.columnspacing,
    )


def _paint_colourbar(fig: Figure, bar: Colourbar) -> None:
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import LinearSegmentedColormap, Normalize

    cmap = LinearSegmentedColormap.from_list("scene", list(bar.colours))
    cax = fig.add_axes(bar.rect)
    mappable = ScalarMappable(norm=Normalize(bar.vmin, bar.vmax), cmap=cmap)
    drawn = fig.colorbar(mappable, cax=cax, orientation="horizontal", ticks=list(bar.ticks))
    drawn.set_label(bar.title, fontsize=bar.size)
    drawn.ax.tick_params(labelsize=bar.size * 0.94)
