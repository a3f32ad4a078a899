"""Overdue actions listed in the initiative briefing and the committee paper."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

from avi_desktop.model.domain import ActionStatus, Imperative
from avi_desktop.model.entities import Action
from avi_desktop.model.instrument import Instrument
from avi_desktop.reports import write_initiative_brief, write_portfolio_paper
from avi_desktop.reports.options import BriefingOptions
from tests.reports.conftest import Overview, Settings, build_portfolio
from tests.reports.pdftext import page_texts, squeeze


def _action(initiative_id: str, title: str, due: date, status: ActionStatus) -> Action:
    stamp = datetime(2026, 3, 1, 9, 0)
    return Action(
        id=f"act-{title}", initiative_id=initiative_id, imperative=Imperative.DEFINE_VALUE,
        title=title, detail="", owner="Head of Claims", due_on=due, status=status, source={},
        created_at=stamp, updated_at=stamp,
    )  # fmt: skip


def test_the_briefing_lists_an_action_once_its_due_date_has_passed(
    overview: Overview,
    settings: Settings,
    instrument: Instrument,
    tmp_path: Path,
    options: BriefingOptions,
) -> None:
    [before] = write_initiative_brief(overview, settings, instrument, tmp_path / "a.pdf", options)
    text = squeeze(" ".join(page_texts(before)))
    assert "Overdue actions No action is overdue." in text
    later = dataclasses.replace(options, today=date(2026, 5, 10))
    [after] = write_initiative_brief(overview, settings, instrument, tmp_path / "b.pdf", later)
    text = squeeze(" ".join(page_texts(after)))
    assert (
        "Overdue actions Initiative Action Owner Due Claims triage assistant Agree one value "
        "statement with the COO and CFO Head of Claims 30 Apr 2026"
    ) in text


def test_the_committee_paper_lists_overdue_actions_and_no_others(
    tmp_path: Path, settings: Settings, options: BriefingOptions
) -> None:
    portfolio = build_portfolio(3)
    late, closed = date(2026, 2, 1), date(2026, 1, 1)
    actions = [
        _action("i-0001", "Name a KPI owner", late, ActionStatus.IN_PROGRESS),
        _action("i-0002", "Finished work", closed, ActionStatus.DONE),
        _action("i-0002", "Abandoned work", closed, ActionStatus.DROPPED),
        _action("i-0000", "Not yet due", date(2026, 6, 1), ActionStatus.OPEN),
    ]
    [path] = write_portfolio_paper(
        portfolio, settings, tmp_path / "paper.pdf", options, actions=actions
    )
    text = squeeze(" ".join(page_texts(path)))
    assert (
        "Overdue actions Initiative Action Owner Due Initiative 0001 — claims and cover "
        "Name a KPI owner Head of Claims 1 Feb 2026"
    ) in text
    for title in ("Finished work", "Abandoned work", "Not yet due"):
        assert title not in text
