"""Add, edit and delete initiatives from the window, each as an undoable command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from avi_desktop.model.errors import AviError
from avi_desktop.ui.initiative_dialog import InitiativeDialog
from avi_desktop.ui.undo import AddInitiative, DeleteInitiative, EditInitiative, snapshot

if TYPE_CHECKING:
    from avi_desktop.ui.main_window import MainWindow
    from avi_desktop.ui.undo import StoreCommand


def push(window: MainWindow, command: StoreCommand) -> bool:
    """Run a command, then put it on the undo stack; a refused edit becomes a message."""
    try:
        command.apply()
    except AviError as exc:
        window.show_error(exc.message)
        return False
    window.undo_stack.push(command)
    return True


def new_initiative(window: MainWindow) -> None:
    if window.store is None:
        return
    dialog = InitiativeDialog(window)
    if dialog.exec() != InitiativeDialog.DialogCode.Accepted:
        return
    push(
        window, AddInitiative(window.store, dialog.values(), window.after_change, window.show_error)
    )


def edit_initiative(window: MainWindow) -> None:
    initiative_id = window.portfolio_view.current_id()
    if window.store is None or not initiative_id:
        return
    try:
        before = snapshot(window.store.get_initiative(initiative_id))
    except AviError as exc:
        window.show_error(exc.message)
        return
    dialog = InitiativeDialog(window, before)
    if dialog.exec() != InitiativeDialog.DialogCode.Accepted:
        return
    command = EditInitiative(
        window.store,
        initiative_id,
        before,
        dialog.values(),
        changed=window.after_change,
        failed=window.show_error,
    )
    if not command.is_empty:
        push(window, command)


def delete_initiative(window: MainWindow) -> None:
    initiative_id = window.portfolio_view.current_id()
    if window.store is None or not initiative_id:
        return
    name = window.portfolio_view.model.row_at(window.portfolio_view.table.currentIndex().row()).name
    answer = QMessageBox.question(
        window,
        window.tr("Delete initiative"),
        window.tr(
            "Delete “{0}” with its assessments, actions and decisions? You can undo this with "
            "Edit > Undo while the portfolio stays open."
        ).format(name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    push(
        window,
        DeleteInitiative(window.store, initiative_id, name, window.after_change, window.show_error),
    )
