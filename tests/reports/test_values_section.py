"""The values audit sections of the briefing and the paper, laid out from the model's figures."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path

from reportlab.platypus import Paragraph, Table

from avi_desktop.model.entities import Decision
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.store import PortfolioStore
from avi_desktop.model.values_audit import portfolio_values_audit
from avi_desktop.reports import BriefingOptions, write_initiative_brief
from avi_desktop.reports.values_section import (
    SLICE_MAX_ROWS,
    initiative_values_section,
    portfolio_values_section,
)
from tests.reports.conftest import Overview, Settings
from tests.reports.pdftext import page_texts, squeeze


def _texts(story: list[object]) -> list[str]:
    return [item.getPlainText() for item in story if isinstance(item, Paragraph)]


def test_the_paper_section_caps_long_tables_and_says_so(store: PortfolioStore) -> None:
    value = store.add_stated_value("Fair to every customer")
    for n in range(SLICE_MAX_ROWS + 5):
        initiative = store.add_initiative(name=f"Initiative {n:03d}")
        store.add_decision(
            initiative,
            decided_on=date(2026, 1, 1) + timedelta(days=n),
            title=f"Decision {n}",
            stances={value: "departed"},
        )
    story = portfolio_values_section(portfolio_values_audit(store), 500.0)
    texts = _texts(story)
    assert texts[0] == "Values decision audit"
    assert texts[1].startswith("1 of 1 stated values is aspirational: Fair to every customer.")
    assert f"The first {SLICE_MAX_ROWS} of {SLICE_MAX_ROWS + 5} rows" in " ".join(texts)
    assert "The newest 40 of 65 decisions" in " ".join(texts)
    assert portfolio_values_section(None, 500.0) == []


def test_sections_without_values_or_decisions_say_what_to_record(store: PortfolioStore) -> None:
    texts = _texts(portfolio_values_section(portfolio_values_audit(store), 500.0))
    assert "No stated value is recorded for this portfolio" in texts[1]
    store.add_stated_value("Open about AI")
    texts = _texts(portfolio_values_section(portfolio_values_audit(store), 500.0))
    assert "No decision has been recorded against these values yet." in texts
    assert (
        "No decision has been recorded for this initiative"
        in _texts(initiative_values_section([], 500.0))[1]
    )


def _cells(story: list[object]) -> list[str]:
    return [
        cell.getPlainText() if isinstance(cell, Paragraph) else str(cell)
        for item in story
        if isinstance(item, Table)
        for row in item._cellvalues
        for cell in row
    ]


def test_enactment_gaps_read_as_percentages_are_printed_elsewhere(store: PortfolioStore) -> None:
    kept, lost, third = (store.add_stated_value(n) for n in ("Kept", "Lost", "Third"))
    initiative = store.add_initiative(name="Claims triage")
    for n, stances in enumerate(
        (
            {kept: "upheld", lost: "departed", third: "departed"},
            {third: "upheld"},
            {third: "upheld"},
        )
    ):
        store.add_decision(
            initiative, decided_on=date(2026, 1, 1 + n), title=f"Decision {n}", stances=stances
        )
    cells = _cells(portfolio_values_section(portfolio_values_audit(store), 500.0))
    assert {"0 %", "100 %", "33.3 %"} <= set(cells)
    assert not [c for c in cells if c.endswith(".0 %")]


def test_a_decision_that_runs_on_to_the_next_page_keeps_its_title_above_it(
    overview: Overview,
    settings: Settings,
    instrument: Instrument,
    out: Path,
    options: BriefingOptions,
) -> None:
    long = " ".join(
        f"The committee weighed consideration {n} against the quarter." for n in range(60)
    )
    decision = Decision(
        id="d-long",
        initiative_id="init-1",
        decided_on=date(2026, 2, 11),
        title="Kept the manual review queue open",
        situation=long,
        actual_logic=long,
        cost_of_decision_not_made=long,
        argued_by="The claimants' panel",
        decided_by="COO",
        created_at=datetime(2026, 2, 11, 9, 0),
    )
    decision.stances = []
    brief = dataclasses.replace(overview, decisions=(decision,))
    [path] = write_initiative_brief(brief, settings, instrument, out, options)
    pages = [squeeze(text) for text in page_texts(path)]
    holding = [n for n, text in enumerate(pages) if "consideration 59" in text or "weighed" in text]
    assert len(holding) >= 2, "the record should run over more than one page"
    for n in holding:
        assert "Kept the manual review queue open" in pages[n], f"page {n + 1} lacks the title"
    last = pages[holding[-1]]
    assert last.index("Kept the manual review queue open") < last.index("claimants' panel")
