"""Charts built from model results, for the window, chart files and PDFs alike. No Qt.

The ring and the trend are scenes (plain data, ``charts.scene``) that matplotlib paints for the
window and ReportLab paints in briefings; the other charts are matplotlib figures.

Importing this package does not import matplotlib (it loads inside the functions that draw),
so the window can start before any chart is needed.
"""

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
