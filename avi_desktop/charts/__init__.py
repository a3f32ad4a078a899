"""Charts built from model results, for the window, chart files and PDFs alike. No Qt.

The ring and the trend are scenes (plain data, ``charts.scene``) that matplotlib paints for the
window and ReportLab paints in briefings; the other charts are matplotlib figures.

Importing this package imports nothing else: each name below loads its module on first use
(PEP 562). The window's table needs only ``charts.palette`` while it shows the rows read before
the store opens; importing every chart with the package pulled in the model and SQLAlchemy
(through the dispersion chart's privacy rules), 0.3 s of the UI thread.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from avi_desktop.charts.dispersion import dispersion_figure
    from avi_desktop.charts.export import figure_drawing, figure_svg, save_figure
    from avi_desktop.charts.portfolio import (
        HeatmapEntry,
        heatmap_entries,
        heatmap_figure,
        portfolio_counts,
        portfolio_counts_figure,
    )
    from avi_desktop.charts.ring import ring_figure
    from avi_desktop.charts.ring_flow import ring_pane_figure
    from avi_desktop.charts.trend import trend_figure

_WHERE = {
    "dispersion_figure": "dispersion",
    "figure_drawing": "export",
    "figure_svg": "export",
    "save_figure": "export",
    "HeatmapEntry": "portfolio",
    "heatmap_entries": "portfolio",
    "heatmap_figure": "portfolio",
    "portfolio_counts": "portfolio",
    "portfolio_counts_figure": "portfolio",
    "ring_figure": "ring",
    "ring_pane_figure": "ring_flow",
    "trend_figure": "trend",
}

__all__ = [
    "HeatmapEntry",
    "dispersion_figure",
    "figure_drawing",
    "figure_svg",
    "heatmap_entries",
    "heatmap_figure",
    "portfolio_counts",
    "portfolio_counts_figure",
    "ring_figure",
    "ring_pane_figure",
    "save_figure",
    "trend_figure",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
