"""The values decision audit: stated values, and decisions logged against them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from avi_desktop.model import audit
from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.domain import ValueStance
from avi_desktop.model.entities import Decision, DecisionValue, Initiative, StatedValue, new_id
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.store.base import StoreBase, get_row
from avi_desktop.model.store.validation import a_date, enum_of, text


class ValuesPart(StoreBase):
    def add_stated_value(self, name: str, description: str = "") -> str:
        """Record a value or principle the organisation says it holds for AI."""
        clean = text(name, "value name", required=True, limit=200)
        value_id = new_id()
        with self._change(AuditAction.CREATE, AuditEntity.STATED_VALUE, value_id) as change:
            session = change.session
            if session.scalar(select(StatedValue.id).where(StatedValue.name == clean)):
                raise ValidationError(f"The stated value '{clean}' already exists.", "name")
            position = session.scalar(select(func.count()).select_from(StatedValue)) or 0
            session.add(
                StatedValue(
                    id=value_id,
                    position=position,
                    name=clean,
                    description=text(description, "description"),
                    created_at=audit.utcnow(),
                )
            )
            change.details = {"name": clean}
        return value_id

    def update_stated_value(
        self, value_id: str, *, name: str | None = None, description: str | None = None
    ) -> None:
        """Rename or reword a stated value; decisions already audited against it keep the link."""
        with self._change(AuditAction.UPDATE, AuditEntity.STATED_VALUE, value_id) as change:
            session = change.session
            value = get_row(session, StatedValue, value_id, "stated value")
            changed: dict[str, str] = {}
            if name is not None:
                clean = text(name, "value name", required=True, limit=200)
                clash = session.scalar(
                    select(StatedValue.id).where(
                        StatedValue.name == clean, StatedValue.id != value_id
                    )
                )
                if clash:
                    raise ValidationError(f"The stated value '{clean}' already exists.", "name")
                if clean != value.name:
                    changed["name"] = clean
            if description is not None:
                wording = text(description, "description")
                if wording != value.description:
                    changed["description"] = wording
            if not changed:
                change.nothing_changed()
                return
            for field, wording in changed.items():
                setattr(value, field, wording)
            change.details = {"changed": changed}

    def stated_values(self) -> list[StatedValue]:
        """The stated values in the order they were recorded."""
        with self._read() as session:
            return list(session.scalars(select(StatedValue).order_by(StatedValue.position)))

    def add_decision(
        self,
        initiative_id: str,
        *,
        decided_on: date,
        title: str,
        situation: str = "",
        actual_logic: str = "",
        cost_of_decision_not_made: str = "",
        decided_by: str = "",
        stances: Mapping[str, ValueStance | str],
        pressure: str = "",
        argued_by: str = "",
    ) -> str:
        """Log a decision taken when something was at stake, and which values it upheld."""
        clean_stances = {
            value_id: enum_of(ValueStance, stance, "stance") for value_id, stance in stances.items()
        }
        decision = Decision(
            id=new_id(),
            initiative_id=initiative_id,
            decided_on=a_date(decided_on, "decision date"),
            title=text(title, "title", required=True, limit=300),
            situation=text(situation, "situation"),
            actual_logic=text(actual_logic, "actual logic"),
            cost_of_decision_not_made=text(cost_of_decision_not_made, "cost of the decision"),
            decided_by=text(decided_by, "decided by", limit=200),
            pressure=text(pressure, "pressure"),
            argued_by=text(argued_by, "who would have argued otherwise"),
            created_at=audit.utcnow(),
        )
        with self._change(AuditAction.CREATE, AuditEntity.DECISION, decision.id) as change:
            session = change.session
            get_row(session, Initiative, initiative_id, "initiative")
            for value_id in clean_stances:
                get_row(session, StatedValue, value_id, "stated value")
            session.add(decision)
            session.flush()
            for value_id, stance in clean_stances.items():
                session.add(
                    DecisionValue(decision_id=decision.id, value_id=value_id, stance=stance)
                )
            change.details = {
                "initiative_id": initiative_id,
                "title": decision.title,
                "stances": clean_stances,
            }
        return decision.id

    def decisions(self, initiative_id: str | None = None) -> list[Decision]:
        """Decisions by date, with their stances and values loaded; of one initiative if given."""
        query = (
            select(Decision)
            .options(selectinload(Decision.stances).selectinload(DecisionValue.value))
            .order_by(Decision.decided_on, Decision.created_at)
        )
        if initiative_id is not None:
            query = query.where(Decision.initiative_id == initiative_id)
        with self._read() as session:
            return list(session.scalars(query))
