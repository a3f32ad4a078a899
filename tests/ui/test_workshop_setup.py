"""Workshop > New workshop…: participants by hand and from CSV, the missing-group warning, undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from avi_desktop.model.domain import AssessmentMode, StakeholderGroup
from avi_desktop.model.participants import Participant
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.host import Selection
from avi_desktop.ui.workshop_setup import WorkshopSetupDialog, missing_groups, new_workshop
from tests.ui.test_flow_host import FakeHost

AFFECTED = ["employees", "customers", "regulators"]


@pytest.fixture
def host(qtbot: Any, small_portfolio: Path) -> Iterator[FakeHost]:
    parent = QWidget()
    qtbot.addWidget(parent)
    with PortfolioStore.open(small_portfolio) as store:
        initiative_id = next(
            i for i in store.initiative_ids() if store.get_initiative(i).name == "Claims triage"
        )
        store.update_initiative(initiative_id, affected_groups=AFFECTED)
        fake = FakeHost(store, parent)
        fake.selection = Selection(initiative_id, "Claims triage")
        yield fake


def _workshops(store: PortfolioStore, initiative_id: str) -> list[Any]:
    return [a for a in store.assessments(initiative_id) if a.mode == AssessmentMode.WORKSHOP]


def test_participants_typed_in_create_one_undoable_workshop_after_the_warning(
    qtbot: Any, host: FakeHost, monkeypatch: pytest.MonkeyPatch, answers: list[str]
) -> None:
    def fill(dialog: WorkshopSetupDialog) -> int:
        dialog.title.setText("Board offsite")
        for name, group in (("Ana", StakeholderGroup.EMPLOYEES), ("P02", StakeholderGroup.CFOS)):
            dialog.name.setText(name)
            dialog.role.setText("Claims lead" if name == "Ana" else "")
            dialog.group.setCurrentIndex(dialog.group.findData(group.value))
            qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter adds the row
        assert dialog.model.rowCount() == 2
        assert "Customers, Regulators" in dialog.coverage.text()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(WorkshopSetupDialog, "exec", fill)
    assert host.selection is not None
    initiative_id = host.selection.id
    new_id = new_workshop(host)

    assert new_id is not None
    # Warned before creating, naming exactly the affected groups nobody speaks for.
    (warning,) = answers
    assert "Customers" in warning and "Regulators" in warning and "Employees" not in warning
    store = host.portfolio
    (workshop,) = _workshops(store, initiative_id)
    assert workshop.id == new_id and workshop.title == "Board offsite"
    people = [(r.name, r.role, r.stakeholder_group) for r in workshop.respondents]
    assert people == [
        ("Ana", "Claims lead", StakeholderGroup.EMPLOYEES),
        ("P02", "", StakeholderGroup.CFOS),
    ]
    assert host.undo_stack.count() == 1
    host.undo_stack.undo()
    assert _workshops(store, initiative_id) == []
    host.undo_stack.redo()
    (again,) = _workshops(store, initiative_id)
    assert again.id == new_id and len(again.respondents) == 2


def test_declining_the_warning_creates_nothing(
    qtbot: Any, host: FakeHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def decline(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", decline)
    dialog = WorkshopSetupDialog("Claims triage", AFFECTED)
    qtbot.addWidget(dialog)
    dialog.add([Participant("Ana", StakeholderGroup.EMPLOYEES)])
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert asked and "Regulators" in asked[0]
    # With every affected group present, no question at all.
    dialog.add(
        [
            Participant("Cy", StakeholderGroup.CUSTOMERS),
            Participant("Rae", StakeholderGroup.REGULATORS),
        ]
    )
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(asked) == 1


def test_participants_from_csv_and_an_error_that_names_the_row(
    qtbot: Any, host: FakeHost, tmp_path: Path
) -> None:
    dialog = WorkshopSetupDialog("Claims triage", AFFECTED)
    qtbot.addWidget(dialog)
    good = tmp_path / "people.csv"
    good.write_text(
        "name,role,stakeholder_group\nP01,Analyst,employees\nP02,,Customers\nP03,Counsel,"
        "regulators\n",
        encoding="utf-8",
    )
    assert dialog.add_csv(good)
    assert [dialog.model.text(r, 2) for r in range(3)] == ["Employees", "Customers", "Regulators"]
    assert "Affected groups with nobody" not in dialog.coverage.text()

    bad = tmp_path / "bad.csv"
    bad.write_text("name,role,stakeholder_group\nP04,,cfos\nP05,,shareholders\n", encoding="utf-8")
    assert not dialog.add_csv(bad)
    assert dialog.message.isVisibleTo(dialog)
    assert "line 3" in dialog.message.text() and "shareholders" in dialog.message.text()
    assert dialog.model.rowCount() == 3  # the file is taken whole or not at all

    # The same names again are refused, naming the duplicate.
    assert not dialog.add_csv(good)
    assert "P01" in dialog.message.text()
    dialog.table.selectRow(0)
    dialog.remove_selected()
    assert [dialog.model.text(r, 0) for r in range(2)] == ["P02", "P03"]


def test_missing_groups_keeps_the_papers_order() -> None:
    present = [Participant("A", StakeholderGroup.CUSTOMERS)]
    assert missing_groups(["regulators", "boards", "customers"], present) == [
        StakeholderGroup.BOARDS,
        StakeholderGroup.REGULATORS,
    ]
    assert missing_groups([], present) == []
