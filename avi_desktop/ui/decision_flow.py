"""Log, edit and delete decisions, and change stated values, through the flow door.

Each save is an undoable command. The work is written first; if it then cannot be put on the
undo stack the save still stands, so the user is told it was saved but cannot be undone
(as ``ui.action_flow`` does), never that it failed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.errors import AviError
from avi_desktop.ui.undo import RecordCommand, push_saved

if TYPE_CHECKING:
    from collections.abc import Mapping

    from avi_desktop.ui.host import FlowHost


def _tr(text: str) -> str:
    return QCoreApplication.translate("DecisionFlow", text)


def add_decision(host: FlowHost, initiative_id: str, fields: Mapping[str, Any]) -> str | None:
    """Log a decision for the initiative; its id, or None when the store refused it."""
    store = host.store
    if store is None:
        return None
    try:
        decision_id = store.add_decision(initiative_id, **fields)
    except AviError as exc:
        host.show_error(exc.message)
        return None
    text = _tr("Log decision “{0}”").format(fields.get("title", ""))
    push_saved(host, text, AuditEntity.DECISION, decision_id, None, select_id=initiative_id)
    return decision_id


def edit_decision(host: FlowHost, decision_id: str, fields: Mapping[str, Any]) -> bool:
    """Change a decision's fields (and stances); undo puts it back exactly as it was."""
    store = host.store
    if store is None:
        return False
    try:
        before = store.export_record(AuditEntity.DECISION, decision_id)
        store.update_decision(decision_id, **fields)
    except AviError as exc:
        host.show_error(exc.message)
        return False
    row = before.rows["decisions"][0]
    text = _tr("Edit decision “{0}”").format(fields.get("title") or str(row["title"]))
    push_saved(
        host, text, AuditEntity.DECISION, decision_id, before, select_id=str(row["initiative_id"])
    )
    return True


def _editor(host: FlowHost, initial: Mapping[str, Any] | None, editing: bool) -> Any:
    from avi_desktop.ui.decision_editor import DecisionEditor

    assert host.store is not None
    editor = DecisionEditor(
        host.parent_widget(), host.store.stated_values(), initial, editing=editing
    )
    return editor if editor.exec() == DecisionEditor.DialogCode.Accepted else None


def new_decision(host: FlowHost) -> str | None:
    """Open the decision editor for the selected initiative and log what it returns."""
    chosen = host.selected()
    if host.store is None or chosen is None:
        return None
    try:
        editor = _editor(host, None, editing=False)
    except AviError as exc:
        host.show_error(exc.message)
        return None
    return None if editor is None else add_decision(host, chosen.id, editor.values())


def _decision(host: FlowHost, decision_id: str) -> Any:
    assert host.store is not None
    found = [d for d in host.store.decisions() if d.id == decision_id]
    return found[0] if found else None


def change_decision(host: FlowHost, decision_id: str) -> bool:
    """Open the decision editor on a decision and save what changed."""
    from avi_desktop.ui.decision_editor import fields_of

    if host.store is None:
        return False
    try:
        decision = _decision(host, decision_id)
        if decision is None:
            return False
        before = fields_of(decision)
        editor = _editor(host, before, editing=True)
    except AviError as exc:
        host.show_error(exc.message)
        return False
    if editor is None:
        return False
    changed = {k: v for k, v in editor.values().items() if before.get(k) != v}
    if not changed:
        return False
    return edit_decision(host, decision_id, changed)


def delete_decision(host: FlowHost, decision_id: str, *, confirm: bool = True) -> bool:
    """Delete a decision after asking; undo brings it back with its stances."""
    store = host.store
    if store is None:
        return False
    try:
        before = store.export_record(AuditEntity.DECISION, decision_id)
    except AviError as exc:
        host.show_error(exc.message)
        return False
    row = before.rows["decisions"][0]
    title, initiative_id = str(row["title"]), str(row["initiative_id"])
    if confirm:
        answer = QMessageBox.question(
            host.parent_widget(),
            _tr("Delete decision"),
            _tr(
                "Delete the decision “{0}” from the values audit? Edit ▸ Undo brings it back."
            ).format(title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    command = RecordCommand(
        _tr("Delete decision “{0}”").format(title), store, decision_id, before, None,
        entity=AuditEntity.DECISION, select_id=initiative_id, changed=host.changed,
        failed=host.show_error,
    )  # fmt: skip
    try:
        command.apply()
    except AviError as exc:
        host.show_error(exc.message)
        return False
    host.undo_stack.push(command)
    return True
