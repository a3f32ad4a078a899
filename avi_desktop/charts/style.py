"""One visual vocabulary for every chart: palette, band shading, hatches, markers and fonts.

Colours come from the Okabe-Ito palette, which stays distinct for the common forms of colour
blindness. Colour never carries meaning alone: each band also has its own hatch and is written
as text, so a greyscale print keeps them apart (aligned solid, developing lined, gap
cross-hatched).

Every band fill is a mark that must show against white (the window and the paper) and against a
ring's grey track at 3:1 or more (WCAG 2.1, 1.4.11), so the fills are the palette's hues
darkened where needed and their hatches are white lines (3:1 against their fill too). Bands
never touch one another: rings and heat-map cells keep a white gap between them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Final

from avi_desktop.charts.palette import OKABE_ITO
from avi_desktop.charts.scene import Marker
from avi_desktop.model.domain import Band, Layer, StakeholderGroup

FONT_FAMILY: Final = "DejaVu Sans"  # bundled with matplotlib: identical output on every machine

BAND_HATCH_COLOURS: Final = {band: "#FFFFFF" for band in Band}  # light lines on a dark fill
BAND_HATCHES: Final = {Band.ALIGNED: "", Band.DEVELOPING: "---", Band.GAP: "xx"}
BAND_TEXT_COLOURS: Final = {  # 4.5:1 or more on the band's fill
    Band.ALIGNED: "#FFFFFF",
    Band.DEVELOPING: "#000000",
    Band.GAP: "#FFFFFF",
}

TRACK_COLOUR: Final = "#EDEDED"  # the unfilled part of a ring
GAP_HATCH: Final = "////"  # the region between score and target
GAP_EDGE: Final = "#444444"
TARGET_COLOUR: Final = "#000000"
INSUFFICIENT_FILL: Final = "#FFFFFF"
INSUFFICIENT_HATCH: Final = "\\\\"  # against the gap's "////", in a lighter grey
INSUFFICIENT_EDGE: Final = "#8C8C8C"
LOW_AGREEMENT_MARK: Final = "▲"
ITEM_CMAP: Final = "cividis"  # colour-blind safe; luminance rises steadily with the item mean
# matplotlib's cividis at 33 even stops, so item shades need no matplotlib (within 5/255 of it).
ITEM_COLOURS: Final = (
    "#00224E", "#00285B", "#002E6A", "#053371", "#1A386F", "#273E6E", "#32436D", "#3B496C",
    "#434E6C", "#4B546C", "#535A6D", "#5A5F6E", "#61656F", "#686A71", "#6F7073", "#767676",
    "#7D7C78", "#848279", "#8C8878", "#938E78", "#9B9476", "#A39A74", "#ABA072", "#B4A76F",
    "#BCAE6C", "#C4B468", "#CDBB63", "#D5C25E", "#DEC958", "#E7D150", "#F0D846", "#F9E03A",
    "#FEE838",
)  # fmt: skip

LAYER_CODES: Final = {
    Layer.TECHNOLOGY: "TC",
    Layer.LEADERSHIP: "LA",
    Layer.ORGANISATION: "OC",
    Layer.TRUST: "ST",
}
LAYER_COLOURS: Final = {
    Layer.TECHNOLOGY: OKABE_ITO["blue"],
    Layer.LEADERSHIP: OKABE_ITO["vermillion"],
    Layer.ORGANISATION: OKABE_ITO["bluish_green"],
    Layer.TRUST: OKABE_ITO["reddish_purple"],
}
LAYER_LINESTYLES: Final = {
    Layer.TECHNOLOGY: "-",
    Layer.LEADERSHIP: "--",
    Layer.ORGANISATION: "-.",
    Layer.TRUST: ":",
}
LAYER_MARKERS: Final[dict[Layer, Marker]] = {
    Layer.TECHNOLOGY: "o",
    Layer.LEADERSHIP: "s",
    Layer.ORGANISATION: "^",
    Layer.TRUST: "D",
}

_GROUP_ORDER: Final = tuple(StakeholderGroup)
_GROUP_MARKERS: Final = ("o", "s", "^", "D", "v", "P", "X", "*", "<", ">")
_GROUP_COLOURS: Final = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["orange"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    "#000000",
    "#7F7F7F",
    "#8C510A",
    "#01665E",
)


def group_marker(group: StakeholderGroup | None) -> str:
    """Marker shape for a stakeholder group: shape tells the groups apart, not colour alone."""
    return "." if group is None else _GROUP_MARKERS[_GROUP_ORDER.index(group)]


def group_colour(group: StakeholderGroup | None) -> str:
    return "#555555" if group is None else _GROUP_COLOURS[_GROUP_ORDER.index(group)]


def base_font_size(width_in: float) -> float:
    """Font size in points that keeps text readable as a figure is scaled for print."""
    return max(6.5, min(11.0, 8.0 * width_in / 6.0))


RC_PARAMS: Final[dict[str, Any]] = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY],
    "svg.hashsalt": "avi-desktop",  # stable SVG ids: same figure, same bytes
    "svg.fonttype": "path",  # text as outlines: vector, and no font needed by the PDF reader
    "pdf.fonttype": 42,
    "hatch.linewidth": 0.7,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "path.simplify": False,
}


@contextmanager
def chart_style(overrides: Mapping[str, Any] | None = None) -> Iterator[None]:
    """Apply the chart rcParams locally, never globally, so the host window is untouched."""
    import matplotlib

    params: Any = {**RC_PARAMS, **(overrides or {})}  # the stubs want literal keys
    with matplotlib.rc_context(params):
        yield


def luminance(colour: str) -> float:
    """Rec. 601 luma (0-255) of a hex colour, the weighting a greyscale print approximates."""
    value = colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b


def colour_at(stops: Sequence[str], fraction: float) -> str:
    """The colour at ``fraction`` (0 to 1) along evenly spaced hex ``stops``, interpolated."""
    position = max(0.0, min(1.0, fraction)) * (len(stops) - 1)
    low = min(int(position), len(stops) - 2)
    share = position - low
    a, b = stops[low].lstrip("#"), stops[low + 1].lstrip("#")
    channels = (
        round(int(a[i : i + 2], 16) * (1 - share) + int(b[i : i + 2], 16) * share)
        for i in (0, 2, 4)
    )
    return "#" + "".join(f"{c:02X}" for c in channels)


def item_colour(fraction: float) -> str:
    """The item shade at ``fraction`` (0 = lowest mean, 1 = highest)."""
    return colour_at(ITEM_COLOURS, fraction)


def text_colour_on(colour: str) -> str:
    """Black or white, whichever reads better on the given fill."""
    return "#000000" if luminance(colour) >= 128 else "#FFFFFF"
