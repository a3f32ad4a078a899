"""The detail pane says figures as the briefing does: the KPI's range with its unit and
currency, the investment in the KPI's currency, and pattern evidence without bare jargon."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from avi_desktop.model.domain import Stage
from avi_desktop.model.overview import initiative_overview
from avi_desktop.ui.main_window import MainWindow
from tests.ui.conftest import add_initiatives, open_and_wait


def test_kpi_and_investment_read_as_the_briefing_says_them(
    window: MainWindow, small_portfolio: Path, qtbot: Any
) -> None:
    open_and_wait(qtbot, window, small_portfolio)
    store = window.store
    assert store is not None
    ini = window.portfolio_view.current_id()
    store.update_initiative(
        ini,
        kpi_name="Confirmed fraud value",
        kpi_unit="GBP thousands",
        kpi_baseline=850,
        kpi_target=1400,
        investment_to_date=410000,
        description="Answers staff questions from policy wordings.",
    )
    window.pane.show_initiative(ini)
    facts = window.detail.facts.text()
    assert "Confirmed fraud value: from GBP 850k to GBP 1.4m" in facts
    assert "GBP thousands" not in facts and "850.0" not in facts
    assert "Investment to date:</b> GBP 410,000" in facts
    assert "Description:</b> Answers staff questions" in facts  # as the briefing's facts have
    store.update_initiative(ini, kpi_name="Days to triage", kpi_unit="days", kpi_baseline=11)
    window.pane.show_initiative(ini)
    assert "Days to triage: from 11 days to 1,400 days" in window.detail.facts.text()


def test_a_row_marked_ai_theatre_is_not_told_it_has_no_pattern(
    window: MainWindow, small_portfolio: Path, qtbot: Any
) -> None:
    [plain, marked] = add_initiatives(
        small_portfolio,
        [("Agent notes", "Hannah Cole", Stage.PRODUCTION), ("OCR", "Ops", Stage.RETIRED)],
    )
    open_and_wait(qtbot, window, small_portfolio)
    window.detail.set_portfolio_marks({plain: ("AI Theatre (portfolio)",)})
    assert window.store is not None
    overview = initiative_overview(window.store, plain)
    window.detail.show_overview(replace(overview, patterns=(), recommendations=()))
    said = window.detail.patterns.text()
    assert "No misalignment pattern detected" not in said
    assert "No pattern in this initiative on its own" in said
    assert "portfolio-level pattern AI Theatre: see View ▸ Portfolio overview" in said
    recommendations = window.detail.recommendations.text()
    assert "no assessment to draw one from" in recommendations
    window.pane.show_initiative(marked)
    assert "AI Theatre" not in window.detail.patterns.text()
    window.detail.set_portfolio_marks({marked: ("AI Theatre (portfolio)",)})  # arriving later
    assert "AI Theatre" in window.detail.patterns.text()
