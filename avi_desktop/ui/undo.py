"""Undoable edits: each command calls the store, and its inverse undoes it.

Commands hold plain field snapshots, never ORM objects or sessions. The first run happens in
``apply`` (before the command joins the undo stack) so that a refused edit raises its
``AviError`` to the caller and never lands on the stack; later undo/redo failures are reported
through ``failed`` rather than raised inside Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from avi_desktop.model.errors import AviError

if TYPE_CHECKING:
    from avi_desktop.model.audit import AuditEntity
    from avi_desktop.model.store import PortfolioSettings, PortfolioStore
    from avi_desktop.model.store.records import SavedRecord
    from avi_desktop.ui.host import FlowHost

INITIATIVE_FIELDS: tuple[str, ...] = (
    "name", "description", "business_problem", "expected_output", "output_use",
    "kpi_name", "kpi_unit", "kpi_baseline", "kpi_target", "business_unit", "business_owner",
    "data_ai_partner", "sponsor", "stage", "stage_since", "investment_to_date",
    "affected_groups", "tags", "kpi_actuals", "success_criteria", "stage_history",
)  # fmt: skip

Changed = Callable[[str | None], None]  # called with the initiative id to select, or None
Failed = Callable[[str], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Undo", text)


def snapshot(initiative: Any) -> dict[str, Any]:
    """The editable fields of an initiative, copied (lists too)."""
    data = {name: getattr(initiative, name) for name in INITIATIVE_FIELDS}
    data["affected_groups"] = list(data["affected_groups"] or [])
    data["tags"] = list(data["tags"] or [])
    data["kpi_actuals"] = [dict(entry) for entry in data["kpi_actuals"] or []]
    data["success_criteria"] = dict(data["success_criteria"] or {})
    data["stage_history"] = [dict(entry) for entry in data["stage_history"] or []]
    return data


class StoreCommand(QUndoCommand):
    """A store write and its inverse; ``apply`` runs it the first time."""

    def __init__(self, text: str, store: PortfolioStore, changed: Changed, failed: Failed):
        super().__init__(text)
        self._store, self._changed, self._failed = store, changed, failed
        self._applied = False

    def mark_done(self) -> None:
        """The work is already written (by a wizard or dialog): pushing must not run it again."""
        self._applied = True

    def apply(self) -> None:
        """Run the command now; raises ``AviError`` when the store refuses it."""
        self._do()
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # QUndoStack.push calls redo(); the work is already done
            self._applied = False
            return
        self._guard(self._do)

    def undo(self) -> None:
        self._guard(self._undo)

    def _guard(self, step: Callable[[], None]) -> None:
        try:
            step()
        except AviError as exc:
            self._failed(exc.message)

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class AddInitiative(StoreCommand):
    def __init__(
        self, store: PortfolioStore, fields: Mapping[str, Any], changed: Changed, failed: Failed
    ):
        super().__init__(
            _tr("Add initiative “{0}”").format(fields.get("name", "")), store, changed, failed
        )
        self._fields = dict(fields)
        self.initiative_id: str | None = None

    def _do(self) -> None:
        if self.initiative_id is None:
            self.initiative_id = self._store.add_initiative(**self._fields)
        else:  # redo after undo: bring back the same id so later commands still apply
            self._store.add_initiative(id=self.initiative_id, **self._fields)
        self._changed(self.initiative_id)

    def _undo(self) -> None:
        assert self.initiative_id is not None
        self._store.delete_initiative(self.initiative_id)
        self._changed(None)


class EditInitiative(StoreCommand):
    def __init__(
        self,
        store: PortfolioStore,
        initiative_id: str,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        *,
        changed: Changed,
        failed: Failed,
    ):
        super().__init__(
            _tr("Edit initiative “{0}”").format(after.get("name", "")), store, changed, failed
        )
        self._id = initiative_id
        # Only what changed, so undo never overwrites unrelated fields.
        self._before = {k: before[k] for k in after if before.get(k) != after[k]}
        self._after = {k: after[k] for k in self._before}
        if "stage" in self._before and "stage_since" in before:
            # A new stage starts today unless dated; undo puts back the old stage's date too.
            self._before.setdefault("stage_since", before["stage_since"])
        if "stage" in self._before and "stage_history" in before:
            # Leaving a stage appends it to the history; undo puts the history back exactly.
            self._before.setdefault("stage_history", before["stage_history"])

    @property
    def is_empty(self) -> bool:
        return not self._after

    def _do(self) -> None:
        self._store.update_initiative(self._id, **self._after)
        self._changed(self._id)

    def _undo(self) -> None:
        self._store.update_initiative(self._id, **self._before)
        self._changed(self._id)


class RecordCommand(StoreCommand):
    """A record (with everything under it) taken from one saved state to another.

    ``before`` None: the command created it, so undo deletes it. ``after`` None: the command
    deletes it. Otherwise undo restores ``before`` exactly and redo restores ``after``. A flow
    whose work is already written (a wizard's) pushes it with ``push_done``.
    """

    def __init__(
        self,
        text: str,
        store: PortfolioStore,
        record_id: str,
        before: SavedRecord | None,
        after: SavedRecord | None,
        *,
        entity: AuditEntity,
        select_id: str | None,
        changed: Changed,
        failed: Failed,
    ):
        super().__init__(text, store, changed, failed)
        self._entity, self._id, self._select = entity, record_id, select_id
        self._before, self._after = before, after

    def _put(self, state: SavedRecord | None) -> None:
        if state is None:
            self._store.delete_record(self._entity, self._id)
        else:
            self._store.restore_record(state)
        # A record that selects itself (an initiative) has nothing to select once it is gone.
        gone = state is None and self._select == self._id
        self._changed(None if gone else self._select)

    def _do(self) -> None:
        self._put(self._after)

    def _undo(self) -> None:
        self._put(self._before)


def record_change(
    text: str,
    store: PortfolioStore,
    entity: AuditEntity,
    record_id: str,
    before: SavedRecord | None,
    *,
    select_id: str | None,
    changed: Changed,
    failed: Failed,
) -> RecordCommand:
    """The command for work already written: ``before`` as it was, the record as it is now."""
    command = RecordCommand(
        text, store, record_id, before, store.export_record(entity, record_id),
        entity=entity, select_id=select_id, changed=changed, failed=failed,
    )  # fmt: skip
    command.mark_done()
    return command


def push_saved(
    host: FlowHost,
    text: str,
    entity: AuditEntity,
    record_id: str,
    before: SavedRecord | None,
    *,
    select_id: str | None,
) -> None:
    """Put work a flow already saved on the undo stack, then show it.

    If the saved record cannot be read back for undo, the save still stands: say it is saved
    but cannot be undone, never that it failed. The stack is then cleared: an older command on
    the same record would restore a state from before this change and silently drop it.
    """
    store = host.store
    assert store is not None
    try:
        command = record_change(
            text, store, entity, record_id, before,
            select_id=select_id, changed=host.changed, failed=host.show_error,
        )  # fmt: skip
    except AviError as exc:
        host.undo_stack.clear()
        host.show_error(
            _tr(
                "Saved, but this change cannot be undone; earlier changes can no longer be "
                "undone either: {0}"
            ).format(exc.message)
        )
    else:
        host.undo_stack.push(command)
    host.changed(select_id)


class EditStatedValue(StoreCommand):
    def __init__(
        self,
        store: PortfolioStore,
        value_id: str,
        before: tuple[str, str],
        after: tuple[str, str],
        *,
        changed: Changed,
        failed: Failed,
    ):
        super().__init__(_tr("Edit stated value “{0}”").format(after[0]), store, changed, failed)
        self._id, self._before, self._after = value_id, before, after

    @property
    def is_empty(self) -> bool:
        return self._before == self._after

    def _put(self, state: tuple[str, str]) -> None:
        self._store.update_stated_value(self._id, name=state[0], description=state[1])
        self._changed(None)

    def _do(self) -> None:
        self._put(self._after)

    def _undo(self) -> None:
        self._put(self._before)


class ChangeSettings(StoreCommand):
    """Organisation, classification and targets, from one set to another."""

    def __init__(
        self,
        store: PortfolioStore,
        before: PortfolioSettings,
        after: PortfolioSettings,
        *,
        changed: Changed,
        failed: Failed,
    ):
        super().__init__(_tr("Change portfolio settings"), store, changed, failed)
        self._before, self._after = before, after

    @property
    def is_empty(self) -> bool:
        return self._before == self._after

    def _put(self, state: PortfolioSettings) -> None:
        self._store.update_settings(
            organisation=state.organisation,
            classification=state.classification,
            targets=state.targets,
            currency=state.currency,
        )
        self._changed(None)

    def _do(self) -> None:
        self._put(self._after)

    def _undo(self) -> None:
        self._put(self._before)
