"""Add and edit follow-up actions through the flow door, each save an undoable command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.errors import AviError
from avi_desktop.ui.undo import push_saved

if TYPE_CHECKING:
    from collections.abc import Mapping

    from avi_desktop.ui.host import FlowHost


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActionFlow", text)


def add_action(host: FlowHost, initiative_id: str, fields: Mapping[str, Any]) -> str | None:
    """Add an action to the initiative; returns its id, or None when the store refused it."""
    store = host.store
    if store is None:
        return None
    try:
        action_id = store.add_action(initiative_id, **fields)
    except AviError as exc:
        host.show_error(exc.message)
        return None
    text = _tr("Add action “{0}”").format(fields.get("title", ""))
    push_saved(host, text, AuditEntity.ACTION, action_id, None, select_id=initiative_id)
    return action_id


def edit_action(host: FlowHost, action_id: str, fields: Mapping[str, Any]) -> bool:
    """Change an action's fields; undo puts it back exactly as it was."""
    store = host.store
    if store is None:
        return False
    try:
        before = store.export_record(AuditEntity.ACTION, action_id)
        store.update_action(action_id, **fields)
    except AviError as exc:
        host.show_error(exc.message)
        return False
    row = before.rows["actions"][0]
    text = _tr("Edit action “{0}”").format(fields.get("title") or str(row["title"]))
    push_saved(
        host, text, AuditEntity.ACTION, action_id, before, select_id=str(row["initiative_id"])
    )
    return True


def new_action(host: FlowHost, initial: Mapping[str, Any] | None = None) -> str | None:
    """Open the action editor for the selected initiative (filled in from ``initial``) and
    add what it returns."""
    from avi_desktop.ui.action_editor import ActionEditor

    chosen = host.selected()
    if host.store is None or chosen is None:
        return None
    editor = ActionEditor(host.parent_widget(), initial)
    if editor.exec() != ActionEditor.DialogCode.Accepted:
        return None
    return add_action(host, chosen.id, editor.values())


def change_action(host: FlowHost, action_id: str) -> bool:
    """Open the action editor on an action and save what changed."""
    from avi_desktop.ui.action_editor import ActionEditor, fields_of

    store = host.store
    if store is None:
        return False
    try:
        found = [a for a in store.actions() if a.id == action_id]
    except AviError as exc:
        host.show_error(exc.message)
        return False
    if not found:
        return False
    before = fields_of(found[0])
    editor = ActionEditor(host.parent_widget(), before, editing=True)
    if editor.exec() != ActionEditor.DialogCode.Accepted:
        return False
    changed = {k: v for k, v in editor.values().items() if before.get(k) != v}
    if not changed:
        return False
    return edit_action(host, action_id, changed)
