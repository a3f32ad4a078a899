"""Realised value, success criteria per group and the necessity suggestion in the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from avi_desktop.model.domain import NecessityOutcome, StakeholderGroup
from avi_desktop.model.necessity import load_necessity_instrument
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.initiative_dialog import InitiativeDialog
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.necessity_wizard import NecessityWizard
from tests.ui.conftest import open_and_wait


def test_kpi_actuals_are_checked_and_returned_oldest_first(qtbot: Any) -> None:
    dialog = InitiativeDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Claims triage")
    dialog.kpi_actuals.add_row("2026-03-31", "8")
    dialog.kpi_actuals.add_row("2026-01-31", "1,000.5")
    values = dialog.validate()
    assert values is not None
    assert values["kpi_actuals"] == [
        {"date": "2026-01-31", "value": 1000.5},
        {"date": "2026-03-31", "value": 8.0},
    ]
    dialog.kpi_actuals.add_row("31/03/2026", "8")
    assert dialog.validate() is None
    assert "YYYY-MM-DD" in dialog._errors["kpi_actuals"].text()


def test_success_criteria_are_kept_for_affected_groups_only(qtbot: Any) -> None:
    dialog = InitiativeDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Claims triage")
    customers = StakeholderGroup.CUSTOMERS.value
    employees = StakeholderGroup.EMPLOYEES.value
    assert not dialog.criteria[customers].isEnabled()
    dialog.groups[customers].setChecked(True)
    assert dialog.criteria[customers].isEnabled()
    dialog.criteria[customers].setText("Paid within a week")
    dialog.criteria[employees].setText("ignored: not an affected group")
    values = dialog.validate()
    assert values is not None
    assert values["success_criteria"] == {customers: "Paid within a week"}
    assert "Ethical use" in dialog.groups[customers].toolTip()  # the group's key concern


def test_recording_actuals_is_one_undoable_edit_shown_in_the_detail_pane(
    window: MainWindow, small_portfolio: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    open_and_wait(qtbot, window, small_portfolio)
    store = window.store
    assert store is not None
    ini = window.portfolio_view.current_id()
    store.update_initiative(
        ini,
        kpi_name="Days to triage",
        kpi_unit="days",
        kpi_baseline=12,
        kpi_target=4,
        investment_to_date=200000,
        affected_groups=["employees"],
    )

    def fill(dialog: InitiativeDialog) -> int:
        dialog.kpi_actuals.add_row("2026-01-31", "10")
        dialog.kpi_actuals.add_row("2026-03-31", "8")
        dialog.criteria["employees"].setText("Less rework")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(InitiativeDialog, "exec", fill)
    window.edit_initiative()
    saved = store.get_initiative(ini)
    assert [a["value"] for a in saved.kpi_actuals] == [10.0, 8.0]
    assert saved.success_criteria == {"employees": "Less rework"}
    window.pane.show_initiative(ini)
    facts = window.detail.facts.text()
    assert "8 days on 31 March 2026" in facts
    assert "50 % of the promised change delivered" in facts
    assert "Less rework" in window.detail.groups.text()
    assert "Job security" in window.detail.groups.text()  # the employees' view of value
    window.undo_stack.undo()
    undone = store.get_initiative(ini)
    assert undone.kpi_actuals == [] and undone.success_criteria == {}
    window.undo_stack.redo()
    assert len(store.get_initiative(ini).kpi_actuals) == 2


def test_the_wizard_suggests_an_outcome_and_an_override_needs_a_reason(
    qtbot: Any, small_portfolio: Path
) -> None:
    with PortfolioStore.open(small_portfolio) as store:
        initiative_id = store.initiative_ids()[0]
        wizard = NecessityWizard(store, initiative_id, load_necessity_instrument())
        qtbot.addWidget(wizard)
        wizard.show()
        choices = {"uncertainty": "low", "data_readiness": "none", "data_rights": False}
        for section in wizard.section_pages:
            for widget in section.questions:
                q = widget.question
                if q.id in choices:
                    widget.set_value(choices[q.id])
                elif q.kind == "yes_no":
                    widget.set_value(q.id == "problem_defined")
                elif q.kind == "choice":
                    widget.set_value(q.choices[-1][0])
                elif q.kind == "number":
                    widget.set_value(10.0)
                else:
                    widget.set_value("Answered")
        for _ in wizard.section_pages:
            wizard.next()
        page = wizard.outcome
        assert page.banner.isVisible()
        assert "Not justified" in page.banner.text() and "Fixed rules" in page.banner.text()
        assert page.chosen() == NecessityOutcome.NOT_JUSTIFIED
        page.outcomes.buttons()[0].setChecked(True)  # Justified, against the suggestion
        page.decided_by.setText("Sponsor")
        assert not page.validatePage()
        assert "say in the rationale why" in page.error.text()
        page.rationale.setPlainText("The regulator requires a model here; data is being bought.")
        page.timing.setCurrentIndex(page.timing.findData(False))
        assert page.validatePage()
        saved = store.get_initiative(initiative_id).necessity_assessments[-1]
        assert saved.outcome == NecessityOutcome.JUSTIFIED
        assert saved.before_technology_decision is False
