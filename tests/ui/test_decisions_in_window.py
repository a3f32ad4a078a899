"""The decision log and stated values in the window: logged, edited, deleted, each save
undoable; a retired value not offered for a new decision; the values audit view."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.domain import ValueStance
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui import decision_flow, undo
from avi_desktop.ui.decision_editor import DecisionEditor
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.values_audit_view import ValuesAuditView
from avi_desktop.ui.values_dialog import ValuesDialog
from tests.ui.conftest import open_and_wait


def _select(window: MainWindow, name: str) -> str:
    row = next(r for r in window.portfolio_view.model.all_rows() if r.name == name)
    window.portfolio_view.select(row.id)
    return row.id


def _values(path: Path) -> tuple[str, str, str]:
    with PortfolioStore.open(path) as store:
        fair = store.add_stated_value("Fair to every customer", "No group is worse served.")
        human = store.add_stated_value("Human judgement stays accountable")
        old = store.add_stated_value("Move fast")
        store.retire_stated_value(old, date(2026, 1, 1))
    return fair, human, old


def test_log_edit_and_delete_a_decision_each_undoable(
    window: MainWindow, qtbot: Any, small_portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fair, human, old = _values(small_portfolio)
    open_and_wait(qtbot, window, small_portfolio)
    store = window.store
    assert store is not None
    claims = _select(window, "Claims triage")
    section = window.detail.decisions
    assert section.add_button.isVisibleTo(window.detail)
    assert not section.edit_button.isVisibleTo(window.detail)  # nothing to edit yet
    seen: list[DecisionEditor] = []

    def fill(editor: DecisionEditor) -> int:
        seen.append(editor)
        editor.date.setDate(QDate(2026, 5, 4))
        editor.title.setText("Launched before the bias review")
        editor.decided_by.setText("COO")
        editor.pressure.setPlainText("The board date")
        editor.actual_logic.setPlainText("Revenue this quarter")
        editor.cost_of_decision_not_made.setPlainText("Six weeks later, with the review")
        editor.argued_by.setPlainText("The data protection officer")
        editor.set_stance(fair, ValueStance.DEPARTED)
        editor.set_stance(human, ValueStance.UPHELD)
        editor.accept()
        return int(editor.result())

    monkeypatch.setattr(DecisionEditor, "exec", fill)
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        section.add_button.click()
    assert old not in seen[0].stance_boxes  # a retired value is not offered for a new one
    (decision,) = store.decisions(claims)
    assert (decision.title, decision.decided_on, decision.pressure, decision.argued_by) == (
        "Launched before the bias review",
        date(2026, 5, 4),
        "The board date",
        "The data protection officer",
    )
    assert {s.value_id: s.stance for s in decision.stances} == {
        fair: ValueStance.DEPARTED,
        human: ValueStance.UPHELD,
    }
    assert window.undo_stack.undoText() == "Log decision “Launched before the bias review”"
    assert section.model.rowCount() == 1
    assert section.model.text(0, 3) == (
        "upheld: Human judgement stays accountable; departed from: Fair to every customer"
    )

    # Retire a value the decision has: editing the decision still offers it, marked retired.
    store.retire_stated_value(fair, date(2026, 6, 1))

    def edit(editor: DecisionEditor) -> int:
        seen.append(editor)
        assert editor.title.text() == "Launched before the bias review"
        assert editor.stance_boxes[fair].currentData() == "departed"
        editor.set_stance(human, None)
        editor.accept()
        return int(editor.result())

    monkeypatch.setattr(DecisionEditor, "exec", edit)
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        section.edit_button.click()
    assert "(retired)" in seen[1].stance_boxes[fair].accessibleName()
    assert [s.value_id for s in store.decisions(claims)[0].stances] == [fair]
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.undo_stack.undo()
    assert len(store.decisions(claims)[0].stances) == 2

    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        section.delete_button.click()
    assert store.decisions(claims) == []
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.undo_stack.undo()  # the delete
    assert len(store.decisions(claims)[0].stances) == 2
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.undo_stack.undo()  # the edit was undone already: this is the add
    assert store.decisions(claims) == []
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.undo_stack.redo()
    assert store.decisions(claims)[0].argued_by == "The data protection officer"


def test_a_save_that_cannot_be_undone_is_reported_as_saved(
    window: MainWindow, qtbot: Any, small_portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_and_wait(qtbot, window, small_portfolio)
    store = window.store
    assert store is not None
    claims = _select(window, "Claims triage")
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda message, title="": errors.append(message))

    def refuse(*_a: Any, **_k: Any) -> Any:
        raise ValidationError("the record could not be read back")

    monkeypatch.setattr(undo, "record_change", refuse)
    count = window.undo_stack.count()
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        decision_flow.add_decision(
            window, claims, {"decided_on": date(2026, 5, 4), "title": "Paused", "stances": {}}
        )
    assert errors == [
        "Saved, but this change cannot be undone; earlier changes can no longer be undone "
        "either: the record could not be read back"
    ]
    assert [d.title for d in store.decisions(claims)] == ["Paused"]
    assert window.undo_stack.count() == count
    assert window.detail.decisions.model.rowCount() == 1  # shown, as saved


def test_stated_values_added_renamed_retired_never_deleted_while_referred(
    window: MainWindow, qtbot: Any, small_portfolio: Path
) -> None:
    open_and_wait(qtbot, window, small_portfolio)
    store = window.store
    assert store is not None
    claims = _select(window, "Claims triage")
    dialog = ValuesDialog(window)
    qtbot.addWidget(dialog)
    fair = dialog.save_new("Fair to every customer")
    spare = dialog.save_new("Open about AI")
    assert fair and spare
    store.add_decision(
        claims, decided_on=date(2026, 3, 1), title="Shipped", stances={fair: "departed"}
    )
    dialog.refresh(fair)
    assert dialog.model.text(0, 2) == "1"
    assert not dialog.delete_button.isEnabled()
    assert "retire it instead" in dialog.delete_button.toolTip()
    assert "cannot be deleted" in dialog.note.text()
    dialog.save_wording(dialog._values[0], "Fair to every customer and employee", "")
    dialog.toggle_retired()
    assert store.stated_values()[0].retired_on == date.today()
    assert dialog.retire_button.text() == "&Use again"
    assert store.stated_values()[0].name == "Fair to every customer and employee"
    dialog.refresh(spare)
    assert dialog.delete_button.isEnabled()
    dialog.delete_value()
    assert [v.id for v in store.stated_values()] == [fair]
    texts = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
    assert texts == [
        "Add stated value “Fair to every customer”",
        "Add stated value “Open about AI”",
        "Edit stated value “Fair to every customer and employee”",
        "Retire stated value “Fair to every customer and employee”",
        "Delete stated value “Open about AI”",
    ]
    for _ in range(3):
        window.undo_stack.undo()
    (first, second) = store.stated_values()
    assert (first.name, first.retired_on, second.name) == (
        "Fair to every customer",
        None,
        "Open about AI",
    )
    assert store.export_record(AuditEntity.STATED_VALUE, spare).rows["stated_values"]


def test_values_audit_view_shows_overall_per_initiative_over_time_and_evidence(
    window: MainWindow, qtbot: Any, demo_copy: Path
) -> None:
    open_and_wait(qtbot, window, demo_copy)
    view = ValuesAuditView(window)
    qtbot.addWidget(view)
    assert window.acts.values_audit.isEnabled()
    rows = {view.values_model.text(r, 0): r for r in range(view.values_model.rowCount())}
    fair = rows["Fair to every customer"]
    assert view.values_model.text(fair, 1) == "Aspirational"
    assert view.values_model.text(fair, 4) == "100 %"  # as the briefing and the CLI print it
    assert "= 100 %." in view.values_model.index(fair, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "aspirational" in view.summary.text()
    view.values_view.selectRow(fair)
    assert "Fair to every customer" in view.evidence_title.text()
    assert view.evidence_model.rowCount() >= 1
    assert view.evidence_model.text(0, 3) == "Departed from"
    assert view.initiative_model.rowCount() >= 1
    assert all(" Q" in view.quarter_model.text(r, 1) for r in range(view.quarter_model.rowCount()))
    assert [view.tabs.tabText(i) for i in range(3)] == ["&Overall", "By &initiative", "Over &time"]


def test_the_new_screens_are_named_and_free_of_mnemonic_clashes(
    window: MainWindow, qtbot: Any, small_portfolio: Path
) -> None:
    from tests.ui.test_app_and_access import mnemonic_clashes, unnamed_controls

    fair, _, _ = _values(small_portfolio)
    open_and_wait(qtbot, window, small_portfolio)
    store = window.store
    assert store is not None
    claims = _select(window, "Claims triage")
    store.add_stated_value("Safety & security")
    store.add_decision(
        claims, decided_on=date(2026, 3, 1), title="Shipped", stances={fair: "departed"}
    )
    store.retire_stated_value(fair, date(2026, 4, 1))
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.changed(claims)
    window.show()
    menus = tuple(a.text() for a in window.menuBar().actions())
    assert mnemonic_clashes(window, menus) == []
    assert unnamed_controls(window) == []
    decision = store.decisions(claims)[0]
    from avi_desktop.ui.decision_editor import fields_of

    editor = DecisionEditor(window, store.stated_values(), fields_of(decision), editing=True)
    values = ValuesDialog(window)
    values.refresh(fair)  # retired: the button reads "Use again"
    for dialog in (editor, values, ValuesAuditView(window)):
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_controls(dialog) == [], type(dialog).__name__
        assert mnemonic_clashes(dialog) == [], type(dialog).__name__
        dialog.close()
    labels = [label.text() for label in editor.findChildren(QLabel)]
    assert "Safety && security" in labels
