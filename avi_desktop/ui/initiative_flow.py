"""Add, edit and delete initiatives through the flow door, each as an undoable command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.errors import AviError
from avi_desktop.ui.initiative_dialog import InitiativeDialog
from avi_desktop.ui.undo import AddInitiative, EditInitiative, RecordCommand, snapshot

if TYPE_CHECKING:
    from avi_desktop.ui.host import FlowHost
    from avi_desktop.ui.undo import StoreCommand


def _tr(text: str) -> str:
    return QCoreApplication.translate("InitiativeFlow", text)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def what_goes_with(initiative: Any) -> str:
    """What a delete takes with it: "with 2 four-layer assessments, 1 necessity assessment,
    3 actions and 1 decision", or "" when nothing hangs off the initiative."""
    parts = [
        _count(number, one, many)
        for number, one, many in (
            (
                len(initiative.assessments),
                _tr("four-layer assessment"),
                _tr("four-layer assessments"),
            ),
            (
                len(initiative.necessity_assessments),
                _tr("necessity assessment"),
                _tr("necessity assessments"),
            ),
            (len(initiative.actions), _tr("action"), _tr("actions")),
            (len(initiative.decisions), _tr("decision"), _tr("decisions")),
        )
        if number
    ]
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + _tr(" and ") + parts[-1]
    return _tr("with {0}").format(listed)


def push(host: FlowHost, command: StoreCommand) -> bool:
    """Run a command, then put it on the undo stack; a refused edit becomes a message."""
    try:
        command.apply()
    except AviError as exc:
        host.show_error(exc.message)
        return False
    host.undo_stack.push(command)
    return True


def new_initiative(host: FlowHost) -> None:
    """Ask for a new initiative's fields and add it."""
    store = host.store
    if store is None:
        return
    dialog = InitiativeDialog(host.parent_widget())
    if dialog.exec() != InitiativeDialog.DialogCode.Accepted:
        return
    push(host, AddInitiative(store, dialog.values(), host.changed, host.show_error))


def edit_initiative(host: FlowHost) -> None:
    """Edit the selected initiative; an edit that changes nothing stays off the undo stack."""
    store, chosen = host.store, host.selected()
    if store is None or chosen is None:
        return
    try:
        before = snapshot(store.get_initiative(chosen.id))
    except AviError as exc:
        host.show_error(exc.message)
        return
    dialog = InitiativeDialog(host.parent_widget(), before)
    if dialog.exec() != InitiativeDialog.DialogCode.Accepted:
        return
    command = EditInitiative(
        store, chosen.id, before, dialog.values(), changed=host.changed, failed=host.show_error
    )
    if not command.is_empty:
        push(host, command)


def delete_initiative(host: FlowHost) -> None:
    """Delete the selected initiative after asking; Edit > Undo brings it back."""
    store, chosen = host.store, host.selected()
    if store is None or chosen is None:
        return
    try:
        goes = what_goes_with(store.get_initiative(chosen.id))
    except AviError as exc:
        host.show_error(exc.message)
        return
    question = (
        _tr("Delete “{0}” {1}?").format(chosen.name, goes)
        if goes
        else _tr("Delete “{0}”?").format(chosen.name)
    )
    answer = QMessageBox.question(
        host.parent_widget(),
        _tr("Delete initiative"),
        question + " " + _tr("You can undo this with Edit ▸ Undo while the portfolio stays open."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        before = store.export_record(AuditEntity.INITIATIVE, chosen.id)
    except AviError as exc:
        host.show_error(exc.message)
        return
    # Undo restores the initiative with everything that went with it, and selects it again.
    delete = RecordCommand(
        _tr("Delete initiative “{0}”").format(chosen.name), store, chosen.id, before, None,
        entity=AuditEntity.INITIATIVE, select_id=chosen.id, changed=host.changed,
        failed=host.show_error,
    )  # fmt: skip
    push(host, delete)
