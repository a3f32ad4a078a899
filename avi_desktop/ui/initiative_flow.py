"""Add, edit and delete initiatives through the flow door, each as an undoable command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from avi_desktop.model.errors import AviError
from avi_desktop.ui.initiative_dialog import InitiativeDialog
from avi_desktop.ui.undo import AddInitiative, DeleteInitiative, EditInitiative, snapshot

if TYPE_CHECKING:
    from avi_desktop.ui.host import FlowHost
    from avi_desktop.ui.undo import StoreCommand


def _tr(text: str) -> str:
    return QCoreApplication.translate("InitiativeFlow", text)


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
    answer = QMessageBox.question(
        host.parent_widget(),
        _tr("Delete initiative"),
        _tr(
            "Delete “{0}” with its assessments, actions and decisions? You can undo this with "
            "Edit > Undo while the portfolio stays open."
        ).format(chosen.name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    push(host, DeleteInitiative(store, chosen.id, chosen.name, host.changed, host.show_error))
