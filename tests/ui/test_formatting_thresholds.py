"""The layer table's agreement tooltip names the instrument's threshold, not a fixed one."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.ui import formatting


def test_agreement_tip_names_the_threshold_it_is_given() -> None:
    default = formatting.layer_header_tips()[-1]
    assert "below 0.70 is low" in default
    assert formatting.layer_header_tips(bundled_instrument().low_agreement_rwg)[-1] == default
    assert "below 0.80 is low" in formatting.layer_header_tips(0.8)[-1]


def test_the_detail_pane_tip_follows_the_instrument_it_is_given(qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    from avi_desktop.ui.detail_pane import DetailPane

    pane = DetailPane()
    qtbot.addWidget(pane)
    stricter = replace(bundled_instrument(), low_agreement_rwg=0.85)
    pane.set_instrument(stricter)
    model = pane.layers_model
    last = model.columnCount() - 1
    tip = model.headerData(last, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "below 0.85 is low" in tip
