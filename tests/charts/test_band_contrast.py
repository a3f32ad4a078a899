"""Chart marks keep 3:1 against what they touch, text on a fill 4.5:1 (WCAG 2.1, 1.4.11/1.4.3).

One style module feeds the window, the chart files and the printed briefings, so checking its
colours checks all three. The backgrounds are white (window and paper); a ring's score meets its
grey track or the white gap region, and its white hatch lines lie on the fill.
"""

from __future__ import annotations

import pytest

from avi_desktop.charts import ring
from avi_desktop.charts.palette import BAND_COLOURS
from avi_desktop.charts.style import (
    BAND_HATCH_COLOURS,
    BAND_HATCHES,
    BAND_TEXT_COLOURS,
    GAP_EDGE,
    INSUFFICIENT_EDGE,
    INSUFFICIENT_FILL,
    TARGET_COLOUR,
    TRACK_COLOUR,
)
from avi_desktop.model.domain import Band

WHITE = "#FFFFFF"


def relative_luminance(colour: str) -> float:
    value = colour.lstrip("#")

    def channel(byte: str) -> float:
        c = int(byte, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(value[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_ratio_is_wcags() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#FAD4C4", WHITE) == pytest.approx(1.37, abs=0.01)  # the old gap fill
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("band", list(Band))
def test_every_band_fill_shows_against_what_it_touches(band: Band) -> None:
    fill = BAND_COLOURS[band]
    # The page and the window; the gap region after a score (white face); the ring's track.
    for background in (WHITE, INSUFFICIENT_FILL, TRACK_COLOUR):
        assert contrast(fill, background) >= 3.0, (band, background)
    # The target tick and a previous score's outline sit on the fill.
    assert contrast(TARGET_COLOUR, fill) >= 3.0, band
    if BAND_HATCHES[band]:  # the hatch that tells the bands apart in greyscale shows on it
        assert contrast(BAND_HATCH_COLOURS[band], fill) >= 3.0, band
    # Text written on the band's fill (a heat-map cell without a hatch) reads at 4.5:1.
    assert contrast(BAND_TEXT_COLOURS[band], fill) >= 4.5, band


def test_the_other_ring_marks_show_against_white_and_the_track() -> None:
    for mark in (GAP_EDGE, INSUFFICIENT_EDGE, TARGET_COLOUR):
        assert contrast(mark, WHITE) >= 3.0, mark
    assert contrast(TARGET_COLOUR, TRACK_COLOUR) >= 3.0


def test_bands_never_touch_one_another() -> None:
    """No ratio between two band fills is required, because they are never adjacent: a white
    space separates the rings (and the heat map's cells, which leave a margin)."""
    assert ring.RING_SPACING > 0
    for index in range(3):
        assert ring.ring_radii(index)[1] < ring.ring_radii(index + 1)[0]
