"""Every figure of the values audit explains itself on hover and with What's This (Shift+F1)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from avi_desktop.ui.help import GuideDialog
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.records_model import RecordsModel
from avi_desktop.ui.values_audit_view import ValuesAuditView
from tests.ui.conftest import open_and_wait

TIP = Qt.ItemDataRole.ToolTipRole


def _unexplained(view: ValuesAuditView) -> list[str]:
    """Each figure in the view without its explanation, as "where: what"."""
    found: list[str] = []
    for label in view.findChildren(QLabel):
        if re.search(r"\d", label.text()) and not (label.toolTip() and label.whatsThis()):
            found.append(f"label {label.text()[:40]!r}")
    for table in view.findChildren(QTableView):
        model = table.model()
        assert isinstance(model, RecordsModel)
        if not table.whatsThis():
            found.append(f"table {table.accessibleName()!r}: no What's This")
        for column in range(model.columnCount()):
            if not model.headerData(column, Qt.Orientation.Horizontal, TIP):
                found.append(f"table {table.accessibleName()!r}: column {column} unexplained")
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                if not model.index(row, column).data(TIP):
                    found.append(f"table {table.accessibleName()!r}: cell {row},{column}")
    return found


def test_every_figure_of_the_values_audit_explains_itself(
    window: MainWindow, qtbot: Any, demo_copy: Path
) -> None:
    open_and_wait(qtbot, window, demo_copy)
    view = ValuesAuditView(window)
    qtbot.addWidget(view)
    models = (view.values_model, view.initiative_model, view.quarter_model, view.evidence_model)
    assert all(m.rowCount() for m in models)  # the demo fills every table
    assert _unexplained(view) == []
    decisions = len(view.audit.decisions)
    # What it is, how it was computed, from how many decisions.
    assert f"against the {decisions} recorded decisions" in view.summary.whatsThis()
    assert "aspirational" in view.summary.whatsThis()
    rows = {view.values_model.text(r, 0): r for r in range(view.values_model.rowCount())}
    tip = view.values_model.index(rows["Fair to every customer"], 4).data(TIP)
    value = next(v for v in view.audit.values if v.name == "Fair to every customer")
    assert f"Enactment gap {value.departed} ÷ {value.tested} = " in tip
    assert f"of the {decisions} recorded decisions" in tip
    assert "÷" in view.values_model.headerData(4, Qt.Orientation.Horizontal, TIP)
    view.values_view.selectRow(rows["Fair to every customer"])
    assert f"of the {decisions} recorded decisions" in view.evidence_view.whatsThis()
    # A figure left without its explanation is caught.
    view.quarter_view.setWhatsThis("")
    assert _unexplained(view) == ["table 'Over time, by quarter': no What's This"]


def test_the_guide_explains_every_term_of_the_values_audit(
    window: MainWindow, qtbot: Any, demo_copy: Path
) -> None:
    open_and_wait(qtbot, window, demo_copy)
    view = ValuesAuditView(window)
    qtbot.addWidget(view)
    guide = GuideDialog()
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText()
    glossary = text[text.index("Glossary", text.index("The briefing")) :].lower()
    terms = {
        str(model.headerData(c, Qt.Orientation.Horizontal))
        for model in (view.values_model, view.initiative_model, view.evidence_model)
        for c in range(model.columnCount())
    }
    terms |= {view.values_model.text(r, 1) for r in range(view.values_model.rowCount())}
    terms -= {"Date", "Initiative", "Quarter", "The value"}  # plain words
    assert {"Enactment gap", "Operational", "Aspirational"} <= terms
    assert sorted(t for t in terms if t.lower() not in glossary) == []
    assert "enactment gap" in text[: text.index("Glossary", text.index("The briefing"))].lower()
