"""Undo through the real flows: each wizard's work is its own command, taken back first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget, QWizard

from avi_desktop.model.domain import Imperative, Layer
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui import initiative_flow
from avi_desktop.ui.assessment_wizard import (
    AssessmentWizard,
    resume_assessment_wizard,
    run_assessment_wizard,
)
from avi_desktop.ui.host import Selection
from avi_desktop.ui.initiative_dialog import InitiativeDialog
from avi_desktop.ui.necessity_wizard import NecessityWizard, run_necessity_wizard
from avi_desktop.ui.settings_dialog import SettingsDialog, run_settings_dialog
from tests.ui.test_flow_host import FakeHost
from tests.ui.test_undo_property import dump
from tests.ui.test_wizards import _answer_everything, _answer_layer


@pytest.fixture
def host(qtbot: Any, small_portfolio: Path) -> Iterator[FakeHost]:
    parent = QWidget()
    qtbot.addWidget(parent)
    with PortfolioStore.open(small_portfolio) as store:
        yield FakeHost(store, parent)


def _necessity_exec(wizard: NecessityWizard) -> int:
    wizard.show()
    _answer_everything(wizard)
    for _ in wizard.section_pages:
        wizard.next()
    wizard.outcome.rationale.setPlainText("A model is the only way to read the claims.")
    wizard.outcome.decided_by.setText("Risk committee")
    wizard.outcome.outcomes.buttons()[0].setChecked(True)  # justified
    wizard.button(QWizard.WizardButton.FinishButton).click()
    return 1


def _assessment_exec(wizard: AssessmentWizard, score: int = 4) -> int:
    wizard.show()
    wizard.intro.respondent.setText("Ada Byrne")
    for page in wizard.layer_pages:
        _answer_layer(page, score)
    for _ in range(len(wizard.layer_pages) + 1):
        wizard.next()
    assert wizard.currentPage() is wizard.results
    return 1


def test_ctrl_z_after_both_wizards_takes_back_the_latest_work_first(
    host: FakeHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's case: adding an initiative, then both wizards, then Ctrl+Z once."""
    store = host.portfolio
    monkeypatch.setattr(
        InitiativeDialog,
        "exec",
        lambda d: (d.name.setText("Underwriting copilot"), d.accept(), int(d.result()))[-1],
    )
    initiative_flow.new_initiative(host)
    new_id = host.changes[-1] or ""
    host.selection = Selection(new_id, "Underwriting copilot")
    after_add = dump(store)
    monkeypatch.setattr(NecessityWizard, "exec", _necessity_exec)
    run_necessity_wizard(host)
    after_necessity = dump(store)
    monkeypatch.setattr(AssessmentWizard, "exec", _assessment_exec)
    run_assessment_wizard(host, lambda _id: None)
    after_assessment = dump(store)
    initiative = store.get_initiative(new_id)
    assert len(initiative.necessity_assessments) == 1 and len(initiative.assessments) == 1
    assert host.undo_stack.count() == 3
    assert host.undo_stack.undoText().startswith("Four-layer assessment")

    host.undo_stack.undo()  # the assessment, with its respondent and answers, and only it
    assert dump(store) == after_necessity
    host.undo_stack.undo()  # the necessity assessment
    assert dump(store) == after_add
    host.undo_stack.undo()  # the initiative itself
    assert new_id not in store.initiative_ids()
    for _ in range(3):
        host.undo_stack.redo()
    assert dump(store) == after_assessment  # everything back, ids and answers as they were
    assert host.errors == []
    assert store.verify().ok


def test_undo_of_a_resumed_draft_puts_the_draft_back_as_it_was(
    host: FakeHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = host.portfolio
    claims = store.initiative_ids()[0]
    host.selection = Selection(claims, "Claims")

    def draft_exec(wizard: AssessmentWizard) -> int:
        wizard.intro.respondent.setText("Ada Byrne")
        _answer_layer(wizard.layer_pages[0], 2)
        assert wizard.save_draft()
        return 0

    monkeypatch.setattr(AssessmentWizard, "exec", draft_exec)
    run_assessment_wizard(host, lambda _id: None)
    draft = dump(store)
    monkeypatch.setattr(AssessmentWizard, "exec", lambda w: _assessment_exec(w, 5))
    resume_assessment_wizard(host, lambda _id: None)
    assert dump(store) != draft
    host.undo_stack.undo()
    assert dump(store) == draft
    assert host.undo_stack.count() == 2 and host.errors == []


def test_settings_and_stated_values_are_each_undone(
    host: FakeHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = host.portfolio
    start = dump(store)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Fairness", True))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *_a, **_k: ("Alike", True))

    def settings_exec(dialog: SettingsDialog) -> int:
        dialog.add_value()
        dialog.targets[Layer.TRUST].setValue(80.0)
        dialog.organisation.setText("Southwind")
        dialog.accept()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(SettingsDialog, "exec", settings_exec)
    run_settings_dialog(host)
    assert [v.name for v in store.stated_values()] == ["Fairness"]
    assert store.settings().organisation == "Southwind"
    assert host.undo_stack.count() == 2
    host.undo_stack.undo()  # the settings first: the value stays
    assert store.settings().organisation == "Northwind"
    assert store.settings().targets[Layer.TRUST] != 80.0
    assert [v.name for v in store.stated_values()] == ["Fairness"]
    host.undo_stack.undo()
    assert dump(store) == start


def test_deleting_says_what_goes_with_the_initiative_and_undo_brings_it_all_back(
    host: FakeHost, answers: list[str]
) -> None:
    store = host.portfolio
    claims = store.initiative_ids()[0]
    name = store.get_initiative(claims).name
    for title in ("Name a KPI", "Brief the board", "Train adjusters"):
        store.add_action(claims, imperative=Imperative.DEFINE_VALUE, title=title)
    store.add_necessity(
        claims, answers={}, outcome="justified", rationale="Fit.", decided_by="Board"
    )
    before = dump(store)
    host.selection = Selection(claims, name)
    initiative_flow.delete_initiative(host)
    assert f"Delete “{name}” with 1 necessity assessment and 3 actions?" in answers[-1]
    assert claims not in store.initiative_ids()
    host.undo_stack.undo()
    assert dump(store) == before
