"""Close and reopen in the window: the Workshop menu, a closed workshop locked, undo, trail."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QMenu

from avi_desktop.model.domain import AssessmentStatus, StakeholderGroup
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.participants import Participant, create_workshop
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.workshop_flow import UNDO_CLOSE_REASON
from tests.ui.conftest import open_and_wait


@pytest.fixture
def workshop(small_portfolio: Path) -> tuple[str, str]:
    with PortfolioStore.open(small_portfolio) as store:
        initiative_id = next(
            i for i in store.initiative_ids() if store.get_initiative(i).name == "Claims triage"
        )
        assessment_id = create_workshop(
            store, initiative_id, title="Offsite",
            participants=[Participant("P01", StakeholderGroup.CEOS)],
            instrument=bundled_instrument(),
        )  # fmt: skip
    return initiative_id, assessment_id


def _status(window: MainWindow, assessment_id: str) -> AssessmentStatus:
    assert window.store is not None
    return window.store.get_assessment(assessment_id).status


def _reopen_reasons(window: MainWindow, assessment_id: str) -> list[str]:
    assert window.store is not None
    return [
        e.details["reason"]
        for e in window.store.audit_events()
        if e.entity_id == assessment_id and e.details.get("reopened")
    ]


def _trigger(qtbot: Any, window: MainWindow, action: Any) -> None:
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        action.trigger()


def test_the_workshop_menu_holds_the_workshop_actions(window: MainWindow) -> None:
    menu = window.findChild(QMenu, "workshop_menu")
    assert menu is not None and menu.title() == "&Workshop"
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "&New workshop…",
        "&Import response packs…",
        "Re&veal on the projector",
        "Score &privately…",
        "Enter answers from &paper…",
        "Print &questionnaires for the participants (PDF)…",
        "&Close workshop",
        "&Reopen workshop…",
    ]


def test_close_locks_the_workshop_and_reopen_asks_why(
    qtbot: Any,
    window: MainWindow,
    small_portfolio: Path,
    workshop: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    initiative_id, assessment_id = workshop
    open_and_wait(qtbot, window, small_portfolio)
    window.portfolio_view.select(initiative_id)
    acts = window.acts
    assert acts.workshop_close.isEnabled() and acts.workshop_import.isEnabled()
    assert not acts.workshop_reopen.isEnabled()
    assert not window.detail.closed_note.isVisibleTo(window.detail)

    _trigger(qtbot, window, acts.workshop_close)
    assert _status(window, assessment_id) == AssessmentStatus.CLOSED
    # Locked in the window: no answers in, no second close; the pane says so.
    assert not acts.workshop_import.isEnabled() and not acts.workshop_close.isEnabled()
    assert acts.workshop_reopen.isEnabled() and acts.workshop_reveal.isEnabled()
    assert window.detail.closed_note.isVisibleTo(window.detail)
    assert "“Offsite”, is closed" in window.detail.closed_note.text()

    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.undo_stack.undo()
    assert _status(window, assessment_id) == AssessmentStatus.DRAFT  # as it was before
    assert _reopen_reasons(window, assessment_id) == [UNDO_CLOSE_REASON]
    assert acts.workshop_import.isEnabled()
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.undo_stack.redo()
    assert _status(window, assessment_id) == AssessmentStatus.CLOSED

    asked: list[str] = []

    def reason(_parent: Any, _title: str, label: str, *_a: Any) -> tuple[str, bool]:
        asked.append(label)
        return "  A late pack from the CFO  ", True

    monkeypatch.setattr(QInputDialog, "getText", reason)
    _trigger(qtbot, window, acts.workshop_reopen)
    assert asked and "Offsite" in asked[0]
    assert _status(window, assessment_id) == AssessmentStatus.OPEN
    assert _reopen_reasons(window, assessment_id)[-1] == "A late pack from the CFO"
    assert not window.detail.closed_note.isVisibleTo(window.detail)
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.undo_stack.undo()  # undoing the reopen closes it again
    assert _status(window, assessment_id) == AssessmentStatus.CLOSED


def test_reopen_without_a_reason_changes_nothing(
    qtbot: Any,
    window: MainWindow,
    small_portfolio: Path,
    workshop: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    initiative_id, assessment_id = workshop
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda message, _title="": errors.append(message))
    with PortfolioStore.open(small_portfolio) as store:
        store.set_assessment_status(assessment_id, AssessmentStatus.CLOSED)
    open_and_wait(qtbot, window, small_portfolio)
    window.portfolio_view.select(initiative_id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a: ("   ", True))
    window.acts.workshop_reopen.trigger()
    assert _status(window, assessment_id) == AssessmentStatus.CLOSED
    assert errors and "reason" in errors[0]
    assert window.undo_stack.count() == 0


def test_workshop_actions_follow_the_latest_assessment(
    qtbot: Any, window: MainWindow, small_portfolio: Path
) -> None:
    with PortfolioStore.open(small_portfolio) as store:
        by_name = {store.get_initiative(i).name: i for i in store.initiative_ids()}
        store.create_assessment(  # an individual assessment, not a workshop
            by_name["Fraud scoring"], title="Solo", instrument=bundled_instrument(),
            assessed_on=date(2026, 3, 1),
        )  # fmt: skip
    open_and_wait(qtbot, window, small_portfolio)
    acts = window.acts
    window.portfolio_view.select(by_name["Chat assistant"])  # no assessment at all
    assert acts.workshop_new.isEnabled()
    assert not any(
        a.isEnabled() for a in (acts.workshop_import, acts.workshop_reveal, acts.workshop_close)
    )
    window.portfolio_view.select(by_name["Fraud scoring"])
    assert acts.workshop_close.isEnabled()  # any assessment can be closed
    assert not acts.workshop_import.isEnabled() and not acts.workshop_reveal.isEnabled()
