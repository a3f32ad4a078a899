"""Follow-up actions, each filed under one of the four leadership imperatives."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Unpack

from sqlalchemy import select

from avi_desktop.model import audit
from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.domain import ActionStatus, Imperative
from avi_desktop.model.entities import Action, Initiative, new_id
from avi_desktop.model.store.base import StoreBase, get_row
from avi_desktop.model.store.fields import ACTION_RULES, ActionFields
from avi_desktop.model.store.validation import clean_fields, jsonable


class ActionsPart(StoreBase):
    def add_action(
        self,
        initiative_id: str,
        *,
        imperative: Imperative | str,
        title: str,
        detail: str = "",
        owner: str = "",
        due_on: date | None = None,
        source: Mapping[str, Any] | None = None,
        status: ActionStatus | str = ActionStatus.OPEN,
    ) -> str:
        """Add a follow-up action under one of the four leadership imperatives."""
        fields: ActionFields = {
            "status": status,
            "imperative": imperative,
            "title": title,
            "detail": detail,
            "owner": owner,
            "due_on": due_on,
            "source": source,
        }
        clean = clean_fields(fields, ACTION_RULES, "action")
        now = audit.utcnow()
        action = Action(
            id=new_id(),
            initiative_id=initiative_id,
            created_at=now,
            updated_at=now,
            **clean,
        )
        with self._change(AuditAction.CREATE, AuditEntity.ACTION, action.id) as change:
            get_row(change.session, Initiative, initiative_id, "initiative")
            change.session.add(action)
            change.details = {"initiative_id": initiative_id, "title": clean["title"]}
        return action.id

    def update_action(self, action_id: str, **fields: Unpack[ActionFields]) -> None:
        """Change an action's fields (status, owner, due date, ...)."""
        clean = clean_fields(fields, ACTION_RULES, "action")
        if not clean:
            return
        with self._change(AuditAction.UPDATE, AuditEntity.ACTION, action_id) as change:
            action = get_row(change.session, Action, action_id, "action")
            for name, value in clean.items():
                setattr(action, name, value)
            action.updated_at = audit.utcnow()
            change.details = {"changed": {k: jsonable(v) for k, v in clean.items()}}

    def actions(self, initiative_id: str | None = None) -> list[Action]:
        """Actions, oldest first; of one initiative when given."""
        query = select(Action).order_by(Action.created_at)
        if initiative_id is not None:
            query = query.where(Action.initiative_id == initiative_id)
        with self._read() as session:
            return list(session.scalars(query))
