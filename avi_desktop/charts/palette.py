"""The charts' colours, apart from the rest of their style: the window's table draws its band
swatches with them and should not load the chart modules to do so (``charts.style`` imports the
scene types; the portfolio page is built on the UI thread).
"""

from __future__ import annotations

from typing import Final

from avi_desktop.model.domain import Band

# Okabe-Ito (2008) colour-blind-safe palette.
OKABE_ITO: Final = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

# Against white / the track: aligned 5.2 / 4.4, developing 3.7 / 3.1, gap 5.2 / 4.4 (WCAG).
# Greyscale luma (of 255) with the hatch: aligned 87, developing about 160, gap about 120.
BAND_COLOURS: Final = {
    Band.ALIGNED: OKABE_ITO["blue"],
    Band.DEVELOPING: "#B87800",  # Okabe-Ito orange, darkened to 3:1 against white
    Band.GAP: "#B35000",  # Okabe-Ito vermillion, darkened to stand apart from developing
}
