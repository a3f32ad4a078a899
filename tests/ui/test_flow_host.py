"""Flows driven through the narrow door alone: a few real widgets and a real store, no window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QStatusBar, QWidget

import avi_desktop.ui
from avi_desktop.model.instrument import Instrument, bundled_instrument
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui import export, initiative_flow
from avi_desktop.ui.assessment_wizard import AssessmentWizard, run_assessment_wizard
from avi_desktop.ui.host import FlowHost, Selection
from avi_desktop.ui.initiative_dialog import InitiativeDialog
from avi_desktop.ui.settings_dialog import SettingsDialog, run_settings_dialog


class FakeHost:
    """Everything a flow may use, and nothing else: no table, no window, no signals."""

    def __init__(self, store: PortfolioStore, parent: QWidget) -> None:
        self.portfolio, self._parent = store, parent
        self.undo_stack = QUndoStack(parent)
        self.status_bar = QStatusBar(parent)
        self.selection: Selection | None = None
        self.errors: list[str] = []
        self.changes: list[str | None] = []

    @property
    def store(self) -> PortfolioStore | None:
        return self.portfolio

    def parent_widget(self) -> QWidget:
        return self._parent

    def selected(self) -> Selection | None:
        return self.selection

    def instrument(self) -> Instrument:
        return bundled_instrument()

    def show_error(self, message: str, title: str = "") -> None:
        self.errors.append(message)

    def show_status(self, message: str, timeout: int = 0) -> None:
        self.status_bar.showMessage(message, timeout)

    def changed(self, select_id: str | None) -> None:
        self.changes.append(select_id)


@pytest.fixture
def host(qtbot: Any, small_portfolio: Path) -> Iterator[FakeHost]:
    parent = QWidget()
    qtbot.addWidget(parent)
    with PortfolioStore.open(small_portfolio) as store:
        yield FakeHost(store, parent)


def _id_of(store: PortfolioStore, name: str) -> str:
    return next(i for i in store.initiative_ids() if store.get_initiative(i).name == name)


def test_add_edit_and_delete_run_through_the_door(
    host: FakeHost, monkeypatch: pytest.MonkeyPatch, answers: list[str]
) -> None:
    door: FlowHost = host  # the fake satisfies the protocol (mypy checks this line)
    store = host.portfolio
    edits: list[Any] = [lambda d: d.name.setText("Underwriting copilot")]

    def fake_exec(dialog: InitiativeDialog) -> int:
        assert dialog.parentWidget() is host.parent_widget()
        edits.pop(0)(dialog)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(InitiativeDialog, "exec", fake_exec)
    initiative_flow.new_initiative(door)
    new_id = _id_of(store, "Underwriting copilot")
    assert host.changes == [new_id]
    assert host.undo_stack.count() == 1

    # Edit and delete act on the host's selection, named as the host shows it.
    host.selection = None
    initiative_flow.edit_initiative(door)
    initiative_flow.delete_initiative(door)
    assert edits == [] and answers == []  # nothing selected: no dialog, no question
    host.selection = Selection(new_id, "Underwriting copilot")
    edits.append(lambda d: d.name.setText("Underwriting assistant"))
    initiative_flow.edit_initiative(door)
    assert store.get_initiative(new_id).name == "Underwriting assistant"
    initiative_flow.delete_initiative(door)  # the fixture answers Yes
    assert "Underwriting copilot" in answers[-1]
    assert new_id not in store.initiative_ids()
    assert host.changes == [new_id, new_id, None]

    host.undo_stack.undo()  # the delete, undone through the host's own stack
    assert store.get_initiative(new_id).name == "Underwriting assistant"
    assert host.changes[-1] == new_id
    assert host.errors == []


def test_a_refused_command_reaches_the_hosts_error_and_not_its_stack(host: FakeHost) -> None:
    from avi_desktop.ui.undo import EditInitiative

    store = host.portfolio
    claims = _id_of(store, "Claims triage")
    command = EditInitiative(
        store,
        claims,
        {"name": "Claims triage"},
        {"name": "   "},  # the store requires a name
        changed=host.changed,
        failed=host.show_error,
    )
    assert not initiative_flow.push(host, command)
    assert host.undo_stack.count() == 0
    assert host.errors and "name" in host.errors[-1].lower()
    assert host.changes == []


def test_an_export_runs_through_the_door_and_its_own_controller(
    host: FakeHost, monkeypatch: pytest.MonkeyPatch, qtbot: Any, tmp_path: Path
) -> None:
    out = tmp_path / "portfolio.csv"
    asked: list[QWidget] = []

    def choose(parent: QWidget, *_a: Any) -> Path:
        asked.append(parent)
        return out

    monkeypatch.setattr(export, "choose_save_path", choose)
    exports = export.ExportController()
    with qtbot.waitSignal(exports.finished, timeout=60000) as signal:
        export.export_portfolio_csv(host, exports)
    assert signal.args == [str(out)]
    assert exports.worker is None
    assert asked == [host.parent_widget()]
    assert host.status_bar.currentMessage() == f"Saved {out}"
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == len(host.portfolio.initiative_ids()) + 1

    # A briefing needs a selection: with none there is no question and no worker.
    export.export_brief(host, exports)
    assert asked == [host.parent_widget()] and exports.worker is None


def test_the_assessment_wizard_offers_the_hosts_export_and_settings_announce_a_change(
    host: FakeHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = _id_of(host.portfolio, "Claims triage")
    host.selection = Selection(claims, "Claims triage")
    exported: list[str] = []
    shown: list[str] = []

    def fake_wizard_exec(wizard: AssessmentWizard) -> int:
        shown.append(wizard.windowTitle())
        wizard.results.export_button.click()
        return 0

    monkeypatch.setattr(AssessmentWizard, "exec", fake_wizard_exec)
    run_assessment_wizard(host, exported.append)
    assert len(shown) == 1
    assert exported == [claims]
    assert host.changes == []  # nothing was saved

    monkeypatch.setattr(SettingsDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)
    run_settings_dialog(host)
    assert host.changes == [claims]  # shown again, keeping the selection


def test_no_flow_module_names_the_window() -> None:
    """Flows know the door only; the window's name stays with the window, its portfolio page
    (built in a module of its own), its table of slots (which hands the window to each flow as
    its door) and the app."""
    ui = Path(avi_desktop.ui.__file__).parent
    naming = sorted(p.name for p in ui.glob("*.py") if "MainWindow" in p.read_text("utf-8"))
    assert naming == ["app.py", "main_window.py", "pane_build.py", "window_slots.py"]


def test_an_action_saved_but_not_undoable_is_reported_as_saved(
    host: FakeHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If reading the saved action back for undo fails, the save still stands and shows."""
    from avi_desktop.model.errors import PortfolioError
    from avi_desktop.ui import action_flow

    store = host.store
    assert store is not None
    initiative = store.initiative_ids()[0]

    def unreadable(*_args: Any) -> None:
        raise PortfolioError("Could not read portfolio.avip (disk I/O error).")

    monkeypatch.setattr(store, "export_record", unreadable)
    fields = {"imperative": "define_value", "title": "Agree what success means"}
    action_id = action_flow.add_action(host, initiative, fields)
    assert action_id is not None
    assert [a.title for a in store.actions(initiative) if a.id == action_id]
    assert host.errors == [
        "Saved, but this change cannot be undone; earlier changes can no longer be undone "
        "either: Could not read portfolio.avip (disk I/O error)."
    ]
    assert host.undo_stack.count() == 0 and host.changes == [initiative]


def test_a_change_that_cannot_be_undone_is_never_dropped_by_undoing_an_earlier_one(
    host: FakeHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undoing the earlier edit of the same action would put back its title from before, and
    silently lose the later edit that has no command of its own: the stack is cleared."""
    from avi_desktop.model.errors import PortfolioError
    from avi_desktop.ui import action_flow, undo

    store = host.store
    assert store is not None
    initiative = store.initiative_ids()[0]
    fields = {"imperative": "define_value", "title": "First"}
    action_id = action_flow.add_action(host, initiative, fields)
    assert action_id is not None
    assert action_flow.edit_action(host, action_id, {"title": "Second"})
    assert host.undo_stack.count() == 2 and host.errors == []

    def unreadable(*_args: Any, **_kwargs: Any) -> None:
        raise PortfolioError("Could not read portfolio.avip (disk I/O error).")

    monkeypatch.setattr(undo, "record_change", unreadable)
    assert action_flow.edit_action(host, action_id, {"title": "Third"})
    host.undo_stack.undo()  # Ctrl+Z: nothing to take back
    assert [a.title for a in store.actions(initiative) if a.id == action_id] == ["Third"]
    assert not host.undo_stack.canUndo() and not host.undo_stack.canRedo()
    assert host.errors == [
        "Saved, but this change cannot be undone; earlier changes can no longer be undone "
        "either: Could not read portfolio.avip (disk I/O error)."
    ]
