"""Add, edit, delete initiatives through the dialog and the undo stack; the form validates."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate

from avi_desktop.model.domain import Stage, StakeholderGroup
from avi_desktop.ui.initiative_dialog import InitiativeDialog, parse_number
from avi_desktop.ui.main_window import MainWindow
from tests.ui.conftest import open_and_wait


def _fill(dialog: InitiativeDialog) -> None:
    dialog.name.setText("Underwriting copilot")
    dialog.business_owner.setText("Chioma Reyes")
    dialog.business_unit.setText("Commercial")
    dialog.kpi_name.setText("Quote turnaround")
    dialog.kpi_baseline.setText("4,000")
    dialog.kpi_target.setText("1500.5")
    dialog.stage.setCurrentIndex(dialog.stage.findData(Stage.PILOT.value))
    dialog.stage_since.setDate(QDate(2026, 2, 1))
    dialog.groups[StakeholderGroup.CUSTOMERS.value].setChecked(True)
    dialog.groups[StakeholderGroup.REGULATORS.value].setChecked(True)


def test_dialog_shows_inline_messages_next_to_bad_fields(qtbot: Any) -> None:
    dialog = InitiativeDialog()
    qtbot.addWidget(dialog)
    dialog.kpi_target.setText("twelve")
    dialog.investment.setText("-5")
    assert dialog.validate() is None
    assert dialog._errors["name"].text() == "Give the initiative a name."
    assert "number" in dialog._errors["kpi_target"].text()
    assert "negative" in dialog._errors["investment_to_date"].text()
    assert dialog._errors["kpi_baseline"].text() == ""
    dialog.name.setText("Fixed")
    dialog.kpi_target.setText("12")
    dialog.investment.setText("")
    values = dialog.validate()
    assert values is not None and values["kpi_target"] == 12.0
    assert values["investment_to_date"] is None


def test_parse_number_accepts_thousands_separators() -> None:
    assert parse_number(" 1,250.5 ") == 1250.5
    assert parse_number("") is None
    with pytest.raises(ValueError):
        parse_number("abc")


def test_create_edit_undo_redo_and_delete_with_undo(
    window: MainWindow, small_portfolio: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    open_and_wait(qtbot, window, small_portfolio)

    def reloading() -> Any:  # every change reloads the table in a worker
        return qtbot.waitSignal(window.rows_loaded, timeout=30000)

    edits: list[Any] = [_fill]

    def fake_exec(dialog: InitiativeDialog) -> int:
        edits.pop(0)(dialog)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(InitiativeDialog, "exec", fake_exec)
    with reloading():
        window.new_initiative()
    store = window.store
    assert store is not None
    new_id = window.portfolio_view.current_id()
    saved = store.get_initiative(new_id)
    assert saved.name == "Underwriting copilot"
    assert saved.kpi_baseline == 4000.0 and saved.kpi_target == 1500.5
    assert saved.stage == "pilot" and saved.stage_since == date(2026, 2, 1)
    assert set(saved.affected_groups) == {"customers", "regulators"}
    assert len(window.portfolio_view.model.all_rows()) == 4

    edits.append(lambda d: d.name.setText("Underwriting assistant"))
    window.edit_initiative()
    assert store.get_initiative(new_id).name == "Underwriting assistant"
    window.undo_stack.undo()
    assert store.get_initiative(new_id).name == "Underwriting copilot"
    window.undo_stack.redo()
    assert store.get_initiative(new_id).name == "Underwriting assistant"

    window.portfolio_view.select(new_id)
    with reloading():
        window.delete_initiative()  # the confirmation is answered Yes by the fixture
    assert new_id not in store.initiative_ids()
    assert len(window.portfolio_view.model.all_rows()) == 3
    with reloading():
        window.undo_stack.undo()
    assert store.get_initiative(new_id).name == "Underwriting assistant"
    assert window.portfolio_view.current_id() == new_id

    # Undo the edit and the add: the portfolio is back to where it started.
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert new_id not in store.initiative_ids()
    window.undo_stack.redo()  # the add comes back with the same id
    assert store.get_initiative(new_id).name == "Underwriting copilot"


def test_search_and_stage_filter_in_the_window(
    window: MainWindow, small_portfolio: Path, qtbot: Any
) -> None:
    open_and_wait(qtbot, window, small_portfolio)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    view = window.portfolio_view
    assert view.model.rowCount() == 3
    window.acts.find.trigger()  # Ctrl+F
    qtbot.waitUntil(view.search.hasFocus)
    view.search.setText("ada")  # owner match, case-insensitive
    assert sorted(r.name for r in view.model.rows()) == ["Chat assistant", "Claims triage"]
    view.stage.setCurrentIndex(view.stage.findData(Stage.PILOT.value))
    assert [r.name for r in view.model.rows()] == ["Claims triage"]
    assert view.count.text() == "1 of 3 initiatives"
    window.clear_filters()
    assert view.model.rowCount() == 3
    view.owner.setCurrentIndex(view.owner.findData("Ben Okafor"))
    assert [r.name for r in view.model.rows()] == ["Fraud scoring"]


def test_a_refused_edit_shows_the_message_and_stays_off_the_undo_stack(
    window: MainWindow, small_portfolio: Path, answers: list[str], qtbot: Any
) -> None:
    from avi_desktop.ui.initiative_flow import push
    from avi_desktop.ui.undo import EditInitiative

    open_and_wait(qtbot, window, small_portfolio)
    store = window.store
    assert store is not None
    initiative_id = next(
        i for i in store.initiative_ids() if store.get_initiative(i).name == "Claims triage"
    )
    command = EditInitiative(
        store,
        initiative_id,
        {"name": "Claims triage"},
        {"name": "   "},  # the store requires a name
        changed=window.changed,
        failed=window.show_error,
    )
    assert not push(window, command)
    assert window.undo_stack.count() == 0
    assert answers and "name" in answers[-1].lower()
    assert store.get_initiative(initiative_id).name == "Claims triage"
