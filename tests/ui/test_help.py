"""Help → Guide and the explanations every figure gives on hover or with What's This."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from avi_desktop.model.domain import Band, Imperative, Layer, NecessityOutcome, PatternId, Stage
from avi_desktop.paths import resource
from avi_desktop.ui.help import GuideDialog
from avi_desktop.ui.main_window import MainWindow


@pytest.fixture
def demo_window(window: MainWindow, qtbot: Any) -> MainWindow:
    with qtbot.waitSignal(window.scores_loaded, timeout=60000):
        window.open_default()
    return window


def test_the_guide_takes_the_process_in_order_and_explains_every_term(qtbot: Any) -> None:
    html = resource("help", "guide.html").read_text(encoding="utf-8")
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', html))  # offline
    guide = GuideDialog()
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText()
    process = [text.index(h) for h in ("Necessity first", "The four layers", "The briefing")]
    assert process == sorted(process)
    glossary = text[text.index("Glossary", text.index("The briefing")) :]
    labels = [
        *(e.label for e in (*Band, *Layer, *PatternId, *Imperative, *NecessityOutcome)),
        "Alignment index",
        "Binding layer",
        "r_wg",
        "SD",
        "Reverse-keyed",
        "Classification",
        "Watermark",
        "Audit trail",
        "Insufficient data",
        "Not applicable",
        "Small-group privacy",
        "Value spread",
    ]
    missing = [label for label in labels if label.lower() not in glossary.lower()]
    assert missing == []
    assert all(stage.label.lower() in text.lower() for stage in Stage)


def test_help_menu_offers_the_guide_and_whats_this(demo_window: MainWindow, qtbot: Any) -> None:
    acts = demo_window.acts
    assert acts.whats_this.shortcut() == QKeySequence("Shift+F1")
    acts.guide.trigger()
    guide = demo_window.guide
    assert guide is not None and guide.isVisible()
    assert "guide" in guide.windowTitle().lower()
    guide.close()


def test_every_figure_explains_itself(demo_window: MainWindow) -> None:
    view = demo_window.portfolio_view
    assert "geometric mean" in view.table.whatsThis()
    workshop = next(r for r in view.model.all_rows() if r.name == "Fraud signal detection")
    view.select(workshop.id)
    detail = demo_window.detail
    summary = detail.summary.whatsThis()
    assert "geometric mean" in summary and "8 respondent" in summary
    assert re.search(r"From \d+ scored answers", summary)
    assert detail.summary.toolTip() == summary
    assert "Ring diagram" in detail.ring.whatsThis()
    model = detail.layers_model
    tips = [model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]
    assert len(tips) == 4 and all(tip for tip in tips)
    assert all("respondent layer score" in tip and "r_wg" in tip for tip in tips)
    assert "History" in detail.history_view.whatsThis()
