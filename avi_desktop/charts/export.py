"""Writing figures out: PNG, SVG or PDF files, SVG bytes, and vector drawings for ReportLab.

Output is deterministic (no dates or version stamps in the metadata, fixed SVG ids), so the same
figure gives the same bytes, and files are written beside their destination and renamed into
place so a failed export never leaves half a file where the old one was.
"""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from avi_desktop.charts.style import FONT_FAMILY, chart_style
from avi_desktop.model.errors import ExportError
from avi_desktop.model.files import write_export

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from reportlab.graphics.shapes import Drawing

FORMATS: Final = ("png", "svg", "pdf")
PNG_DPI: Final = 150

# Keys each backend would otherwise fill with the date or the library version.
_METADATA: Final[dict[str, dict[str, Any]]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
}


def figure_format(path: Path) -> str:
    """The output format named by a file's suffix, or an ExportError saying which are known."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(
            f"Cannot tell the chart format from '{path.name}'; "
            "end the file name with .png, .svg or .pdf."
        )
    return fmt


def render(fig: Figure, fmt: str, *, dpi: float = PNG_DPI, text_as_text: bool = False) -> bytes:
    """The figure encoded as PNG, SVG or PDF bytes, the same bytes every time.

    SVG text is drawn as outlines unless ``text_as_text``, which keeps ``<text>`` elements
    naming DejaVu Sans (smaller, searchable, and far quicker for ReportLab to convert).
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown chart format '{fmt}'; use png, svg or pdf.")
    buffer = io.BytesIO()
    with chart_style({"svg.fonttype": "none"} if text_as_text else None):
        if fmt == "png":
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            FigureCanvasAgg(fig)  # attaches itself to the figure; no pyplot, no GUI backend
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt], facecolor="white")
    data = buffer.getvalue()
    return _stable_svg_ids(data) if fmt == "svg" else data


_HASHED_ID: Final = re.compile(rb'id="([pmh][0-9a-f]{10})"')


def _stable_svg_ids(svg: bytes) -> bytes:
    """Number matplotlib's hashed clip, marker and hatch ids in order of appearance.

    The hashes cover raw float clip boxes, whose last bits can differ between two layouts of the
    same figure; numbering keeps the same figure's SVG byte-for-byte identical.
    """
    names: dict[bytes, bytes] = {}
    for match in _HASHED_ID.finditer(svg):
        old = match.group(1)
        names.setdefault(old, old[:1] + b"id" + str(len(names)).encode())
    if not names:
        return svg
    pattern = re.compile(rb'(id="|#)(' + b"|".join(map(re.escape, names)) + rb")\b")
    return pattern.sub(lambda m: m.group(1) + names[m.group(2)], svg)


def save_figure(fig: Figure, path: Path | str, *, dpi: float = PNG_DPI) -> Path:
    """Write the figure to ``path`` in the format its suffix names; return the path."""
    target = Path(path)
    data = render(fig, figure_format(target), dpi=dpi)
    write_export(target, lambda stream: stream.write(data))
    return target


def figure_svg(fig: Figure, *, text_as_text: bool = False) -> bytes:
    """The figure as deterministic SVG bytes; text as outlines unless ``text_as_text``."""
    return render(fig, "svg", text_as_text=text_as_text)


def figure_drawing(fig: Figure, width_pt: float) -> Drawing:
    """The figure as a vector ReportLab Drawing scaled to ``width_pt`` points wide.

    Text stays text, in DejaVu Sans embedded from matplotlib's own copy (registered with
    ReportLab once), so the PDF is searchable and looks the same as the PNG.
    """
    from reportlab.graphics.shapes import Drawing
    from svglib.svglib import svg2rlg

    _register_fonts()
    drawing = svg2rlg(io.BytesIO(flatten_hatches(figure_svg(fig, text_as_text=True))))
    if not isinstance(drawing, Drawing) or drawing.width <= 0:
        raise ExportError("The chart could not be converted for the PDF; export it as PNG instead.")
    scale = width_pt / float(drawing.width)
    drawing.width = width_pt
    drawing.height = float(drawing.height) * scale
    drawing.scale(scale, scale)
    return drawing


@cache
def _register_fonts() -> None:
    """Map the SVG's 'DejaVu Sans' to the TrueType files bundled with matplotlib.

    Without this svglib would ask the system's fontconfig, which differs between machines.
    """
    import matplotlib
    from svglib.fonts import register_font

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    # Names of our own, so a document's body font registered under "DejaVuSans" is left alone.
    for weight, file, name in (
        ("normal", "DejaVuSans.ttf", "AviChart-DejaVuSans"),
        ("bold", "DejaVuSans-Bold.ttf", "AviChart-DejaVuSans-Bold"),
        ("700", "DejaVuSans-Bold.ttf", "AviChart-DejaVuSans-Bold"),
    ):
        register_font(FONT_FAMILY, str(folder / file), weight=weight, rlgFontName=name)


_SVG_NS: Final = "http://www.w3.org/2000/svg"
_XLINK_NS: Final = "http://www.w3.org/1999/xlink"
_PATTERN_FILL: Final = re.compile(r"fill:\s*url\(#([^)]+)\)")
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def flatten_hatches(svg: bytes) -> bytes:
    """Replace SVG pattern fills (matplotlib's hatches) by plain shapes ReportLab can draw.

    svglib ignores ``<pattern>`` fills and would drop every hatched shape, and the hatches carry
    meaning (bands and gaps must read in greyscale). Each hatched shape becomes its background
    colour plus the pattern's strokes tiled over it and clipped to the shape: still all vector.
    """
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", _XLINK_NS)
    root = ET.fromstring(svg)
    ns = {"svg": _SVG_NS}
    patterns: dict[str, tuple[str, float, float, list[ET.Element]]] = {}
    for pattern in root.iterfind(".//svg:pattern", ns):
        background = "none"
        strokes = []
        for child in pattern:
            if child.tag == f"{{{_SVG_NS}}}rect":
                background = child.get("fill", "none")
            else:
                strokes.append(child)
        patterns[pattern.get("id", "")] = (
            background,
            float(pattern.get("width", "72")),
            float(pattern.get("height", "72")),
            strokes,
        )
    if not patterns:
        return svg
    view = [float(v) for v in root.get("viewBox", "0 0 0 0").split()]
    canvas = (view[0], view[1], view[0] + view[2], view[1] + view[3])
    defs = ET.SubElement(root, f"{{{_SVG_NS}}}defs")
    parents = {child: parent for parent in root.iter() for child in parent}
    for number, element in enumerate(list(root.iter())):
        style = element.get("style", "")
        match = _PATTERN_FILL.search(style)
        if match is None or match.group(1) not in patterns:
            continue
        background, width, height, strokes = patterns[match.group(1)]
        element.set("style", _PATTERN_FILL.sub(f"fill: {background}", style))
        clip = ET.SubElement(defs, f"{{{_SVG_NS}}}clipPath", {"id": f"hatch-clip-{number}"})
        shape = ET.SubElement(
            clip,
            element.tag,
            {
                key: value
                for key, value in element.attrib.items()
                if key not in ("style", "clip-path", "id")
            },
        )
        box = canvas if element.get("transform") else _bounds(element) or canvas
        tiles = ET.Element(f"{{{_SVG_NS}}}g", {"clip-path": f"url(#hatch-clip-{number})"})
        if element.get("transform"):
            shape.set("transform", element.get("transform", ""))
        x = math.floor(box[0] / width) * width
        while x < box[2]:
            y = math.floor(box[1] / height) * height
            while y < box[3]:
                tile = ET.SubElement(tiles, f"{{{_SVG_NS}}}g", {"transform": f"translate({x} {y})"})
                for stroke in strokes:
                    tile.append(stroke)
                y += height
            x += width
        parent = parents[element]
        parent.insert(list(parent).index(element) + 1, tiles)
    for pattern_defs in root.iterfind(".//svg:defs", ns):
        for pattern in pattern_defs.findall("svg:pattern", ns):
            pattern_defs.remove(pattern)
    flattened: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return flattened


def _bounds(element: ET.Element) -> tuple[float, float, float, float] | None:
    """A conservative bounding box of a path or rect (control points included)."""
    if element.tag == f"{{{_SVG_NS}}}rect":
        x, y = float(element.get("x", "0")), float(element.get("y", "0"))
        return x, y, x + float(element.get("width", "0")), y + float(element.get("height", "0"))
    numbers = [float(n) for n in _NUMBER.findall(element.get("d", ""))]
    if len(numbers) < 2:
        return None
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)
