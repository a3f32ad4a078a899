"""Initiatives: add, change, delete and restore (undo of a delete), and read them back."""

from __future__ import annotations

from typing import Unpack

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from avi_desktop.model import audit
from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.domain import Stage
from avi_desktop.model.entities import Decision, DecisionValue, Initiative, new_id
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.store.base import StoreBase, get_row
from avi_desktop.model.store.fields import INITIATIVE_RULES, InitiativeFields
from avi_desktop.model.store.validation import clean_fields, jsonable


def left_stage(initiative: Initiative) -> list[dict[str, str]]:
    """The initiative's stage history with its current stage appended, as it is being left."""
    left = {"stage": Stage(initiative.stage).value, "since": initiative.stage_since.isoformat()}
    return [dict(entry) for entry in initiative.stage_history or []] + [left]


class InitiativesPart(StoreBase):
    def add_initiative(self, **fields: Unpack[InitiativeFields]) -> str:
        """Add an initiative; returns its id. ``fields`` are ``entities.Initiative`` columns."""
        clean = clean_fields(fields, INITIATIVE_RULES, "initiative")
        if "name" not in clean:
            raise ValidationError("The name is required; enter one.", "name")
        now = audit.utcnow()
        clean.setdefault("id", new_id())
        clean.setdefault("stage", Stage.IDEA)
        if clean.get("stage_since") is None:
            clean["stage_since"] = now.date()
        initiative = Initiative(**clean, created_at=now, updated_at=now)
        with self._change(AuditAction.CREATE, AuditEntity.INITIATIVE, initiative.id) as change:
            if change.session.get(Initiative, clean["id"]) is not None:
                raise ValidationError(f"An initiative with id {clean['id']} already exists.")
            change.session.add(initiative)
            change.details = {"name": initiative.name}
        return initiative.id

    def update_initiative(self, initiative_id: str, **fields: Unpack[InitiativeFields]) -> None:
        """Change some fields; a new stage without a date starts today, and the stage left is
        appended to ``stage_history`` unless the caller gives the history."""
        fields.pop("id", None)
        clean = clean_fields(fields, INITIATIVE_RULES, "initiative")
        if not clean:
            return
        with self._change(AuditAction.UPDATE, AuditEntity.INITIATIVE, initiative_id) as change:
            initiative = get_row(change.session, Initiative, initiative_id, "initiative")
            if "stage" in clean and clean["stage"] != initiative.stage:
                if clean.get("stage_since") is None:
                    clean["stage_since"] = audit.utcnow().date()
                # The stage being left joins the history, unless the caller says what the
                # history is (undo restores it exactly).
                clean.setdefault("stage_history", left_stage(initiative))
            for name, value in clean.items():
                setattr(initiative, name, value)
            initiative.updated_at = audit.utcnow()
            change.details = {"changed": {k: jsonable(v) for k, v in clean.items()}}

    def delete_initiative(self, initiative_id: str) -> None:
        """Delete an initiative and everything recorded for it."""
        with self._change(AuditAction.DELETE, AuditEntity.INITIATIVE, initiative_id) as change:
            initiative = get_row(change.session, Initiative, initiative_id, "initiative")
            change.details = {"name": initiative.name}
            change.session.expunge(initiative)
            # The foreign keys cascade in the database: one statement, however much hangs off it.
            change.session.execute(delete(Initiative).where(Initiative.id == initiative_id))

    def get_initiative(self, initiative_id: str) -> Initiative:
        """The initiative with its necessity assessments, assessments, actions and decisions."""
        with self._read() as session:
            found = session.scalars(
                select(Initiative)
                .where(Initiative.id == initiative_id)
                .options(
                    selectinload(Initiative.necessity_assessments),
                    selectinload(Initiative.assessments),
                    selectinload(Initiative.actions),
                    selectinload(Initiative.decisions)
                    .selectinload(Decision.stances)
                    .selectinload(DecisionValue.value),
                )
            ).first()
        if found is None:
            raise ValidationError(
                f"There is no initiative with id {initiative_id} in this portfolio."
            )
        return found

    def initiative_ids(self) -> list[str]:
        """Every initiative's id, by name."""
        with self._read() as session:
            return list(session.scalars(select(Initiative.id).order_by(Initiative.name)))
