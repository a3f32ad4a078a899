"""Undoing a stage change in the window puts the stage history back exactly; redo records it."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtGui import QUndoStack

from avi_desktop.model.domain import Stage
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.undo import EditInitiative, snapshot


def test_undo_and_redo_of_a_stage_change_keep_the_history_exact(
    store: PortfolioStore, qapp: Any
) -> None:
    claims = store.add_initiative(
        name="Claims triage", stage=Stage.PILOT, stage_since=date(2025, 6, 2),
        stage_history=[{"stage": "idea", "since": "2025-01-06"}],
    )  # fmt: skip
    before = snapshot(store.get_initiative(claims))
    assert before["stage_history"] == [{"stage": "idea", "since": "2025-01-06"}]
    failures: list[str] = []
    # The dialog's values: every field it shows, the stage changed (it has no history field).
    after = {k: v for k, v in before.items() if k != "stage_history"} | {"stage": "production"}
    command = EditInitiative(
        store, claims, before, after, changed=lambda _: None, failed=failures.append
    )
    stack = QUndoStack()
    command.apply()
    stack.push(command)
    done = store.get_initiative(claims).stage_history
    assert done == [
        {"stage": "idea", "since": "2025-01-06"},
        {"stage": "pilot", "since": "2025-06-02"},
    ]
    stack.undo()
    restored = store.get_initiative(claims)
    assert (restored.stage, restored.stage_since) == (Stage.PILOT, date(2025, 6, 2))
    assert restored.stage_history == [{"stage": "idea", "since": "2025-01-06"}]
    stack.redo()
    assert store.get_initiative(claims).stage_history == done
    assert failures == []
