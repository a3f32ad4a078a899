"""Changing a layer target says which assessments it reaches; existing ones are re-evaluated
or kept as they were, and either way one undo takes the change back."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack

from avi_desktop.model.domain import Layer
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.overview import evaluate_assessment
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui import target_change
from avi_desktop.ui.settings_dialog import SettingsDialog


def portfolio(store: PortfolioStore) -> dict[str, str]:
    """Claims follows the portfolio's targets; Fraud has its own Societal Trust target."""
    instrument = bundled_instrument()
    claims = store.add_initiative(name="Claims triage")
    fraud = store.add_initiative(name="Fraud scoring", targets={"trust": 90})
    ids = {"claims": claims, "fraud": fraud}
    for key, initiative in (("claims", claims), ("fraud", fraud)):
        assessment = store.create_assessment(
            initiative, title="Baseline", instrument=instrument, assessed_on=date(2026, 1, 10)
        )
        respondent = store.add_respondent(assessment, name="R1", group="employees")
        store.set_answers(respondent, {item.id: 4 for item in instrument.items()})
        ids[f"{key}_assessment"] = assessment
    return ids


def test_the_reach_of_a_target_change(store: PortfolioStore) -> None:
    ids = portfolio(store)
    assert store.target_reach({Layer.TRUST: 75.0}).existing == ()
    reach = store.target_reach({Layer.TRUST: 80.0})
    assert reach.following == ("Claims triage",)
    assert reach.own == ("Fraud scoring",)
    assert [a.assessment_id for a in reach.existing] == [ids["claims_assessment"]]
    text = target_change.reach_text(reach)
    assert "New assessments of 1 initiatives" in text and "Fraud scoring" in text
    assert "1 existing assessments" in text


def test_reevaluating_existing_assessments_is_audited_and_undone_with_the_settings(
    store: PortfolioStore, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = portfolio(store)
    before = evaluate_assessment(store, ids["claims_assessment"])
    assert before.layers[Layer.TRUST].target == 75.0
    events = len(store.audit_events())
    monkeypatch.setattr(target_change, "ask", lambda *_a: target_change.REEVALUATE)
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.targets[Layer.TRUST].setValue(80.0)
    assert "1 existing assessments" in dialog.reach.text()
    assert dialog.save()
    (command,) = dialog.commands
    stack = QUndoStack()
    stack.push(command)
    after = evaluate_assessment(store, ids["claims_assessment"])
    assert after.layers[Layer.TRUST].target == 80.0
    score = after.layers[Layer.TRUST].score
    assert score is not None
    assert after.layers[Layer.TRUST].gap == pytest.approx(max(0.0, 80.0 - score))
    own = evaluate_assessment(store, ids["fraud_assessment"])
    assert own.layers[Layer.TRUST].target == 90.0  # its own target is left alone
    trail = store.audit_events()[events:]
    assert any("assessment_targets" in (e.details or {}) for e in trail)
    stack.undo()
    assert store.settings().targets[Layer.TRUST] == 75.0
    assert evaluate_assessment(store, ids["claims_assessment"]).layers[Layer.TRUST].target == 75.0
    stack.redo()
    assert evaluate_assessment(store, ids["claims_assessment"]).layers[Layer.TRUST].target == 80.0


def test_keeping_existing_assessments_leaves_them_as_they_were(
    store: PortfolioStore, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = portfolio(store)
    # Cancelling the question saves nothing.
    monkeypatch.setattr(target_change, "ask", lambda *_a: None)
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.targets[Layer.TRUST].setValue(60.0)
    assert not dialog.save()
    assert store.settings().targets[Layer.TRUST] == 75.0
    monkeypatch.setattr(target_change, "ask", lambda *_a: target_change.KEEP)
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.targets[Layer.TRUST].setValue(80.0)
    assert dialog.save()
    assert store.settings().targets[Layer.TRUST] == 80.0
    assert evaluate_assessment(store, ids["claims_assessment"]).layers[Layer.TRUST].target == 75.0


def test_a_closed_assessment_keeps_the_targets_it_was_closed_with(store: PortfolioStore) -> None:
    """Closed means read-only: it is named apart and never re-targeted."""
    from avi_desktop.model.errors import ReadOnlyError

    ids = portfolio(store)
    store.set_assessment_status(ids["claims_assessment"], "closed")
    reach = store.target_reach({Layer.TRUST: 80.0})
    assert reach.existing == ()
    assert [a.assessment_id for a in reach.closed] == [ids["claims_assessment"]]
    assert "1 closed assessments keep the targets" in target_change.reach_text(reach)
    before = store.get_assessment(ids["claims_assessment"]).targets
    with pytest.raises(ReadOnlyError, match="closed"):
        store.set_assessment_targets({ids["claims_assessment"]: {"trust": 80.0}})
    assert store.get_assessment(ids["claims_assessment"]).targets == before
