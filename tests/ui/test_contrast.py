"""Contrast in the window: text at least 4.5:1, swatches at least 3:1 (WCAG 2.1, 1.4.3/1.4.11)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from avi_desktop.model.domain import Band
from avi_desktop.ui.portfolio_model import PortfolioTableModel, TableRow
from avi_desktop.ui.style import swatch, use_readable_selection


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_selected_text_reads_at_4_5_to_1(qapp: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    try:
        use_readable_selection(app)
        palette = app.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            highlight = palette.color(group, QPalette.ColorRole.Highlight)
            text = palette.color(group, QPalette.ColorRole.HighlightedText)
            assert ratio(highlight, text) >= 4.5
    finally:
        app.setPalette(before)


def test_band_swatches_show_against_the_row_and_the_selection(qapp: Any) -> None:
    model = PortfolioTableModel()
    model.set_rows([TableRow("a", "Claims", "pilot", "", "", worst_band=band) for band in Band])
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Worst band"
    )
    backgrounds = [QColor("#ffffff"), QColor("#f7f7f7"), QColor("#2a6fb0")]  # rows, selection
    for row in range(model.rowCount()):
        icon = model.index(row, column).data(Qt.ItemDataRole.DecorationRole)
        image: QImage = icon.pixmap(12, 12).toImage()
        outline, ring = image.pixelColor(0, 0), image.pixelColor(1, 1)
        for background in backgrounds:
            # The swatch's edge that meets the background keeps 3:1 against it.
            assert max(ratio(outline, background), ratio(ring, background)) >= 3.0
        assert ratio(outline, ring) >= 3.0
    # The mark itself is drawn whole inside.
    assert swatch(QColor("#E69F00")).pixmap(12, 12).toImage().pixelColor(6, 6) == QColor("#E69F00")
