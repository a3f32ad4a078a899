"""The values decision audit: stated values, and decisions logged against them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from avi_desktop.model import audit
from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.domain import ValueStance
from avi_desktop.model.entities import Decision, DecisionValue, Initiative, StatedValue, new_id
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.store.base import StoreBase, get_row
from avi_desktop.model.store.validation import (
    Rules,
    a_date,
    clean_fields,
    enum_of,
    jsonable,
    text,
)


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

    def retire_stated_value(self, value_id: str, retired_on: date | None) -> None:
        """Retire a value from a date (None takes it back into use): it stays on the decisions
        that have it but is offered for no new one."""
        when = a_date(retired_on, "retirement date", optional=True)
        with self._change(AuditAction.UPDATE, AuditEntity.STATED_VALUE, value_id) as change:
            value = get_row(change.session, StatedValue, value_id, "stated value")
            if value.retired_on == when:
                change.nothing_changed()
                return
            value.retired_on = when
            change.details = {"changed": {"retired_on": when.isoformat() if when else None}}

    def add_decision(
        self,
        initiative_id: str,
        *,
        decided_on: date,
        title: str,
        situation: str = "",
        pressure: str = "",
        actual_logic: str = "",
        cost_of_decision_not_made: str = "",
        decided_by: str = "",
        argued_by: str = "",
        stances: Mapping[str, ValueStance | str],
    ) -> str:
        """Log a decision taken when something was at stake, and which values it upheld.

        A retired value takes no new decision."""
        clean_stances = _stances(stances)
        decision = Decision(
            id=new_id(),
            initiative_id=initiative_id,
            decided_on=a_date(decided_on, "decision date"),
            title=text(title, "title", required=True, limit=300),
            situation=text(situation, "situation"),
            pressure=text(pressure, "pressure"),
            actual_logic=text(actual_logic, "actual logic"),
            cost_of_decision_not_made=text(cost_of_decision_not_made, "cost of the decision"),
            decided_by=text(decided_by, "decided by", limit=200),
            argued_by=text(argued_by, "who would have argued differently"),
            created_at=audit.utcnow(),
        )
        with self._change(AuditAction.CREATE, AuditEntity.DECISION, decision.id) as change:
            session = change.session
            get_row(session, Initiative, initiative_id, "initiative")
            _check_values(session, clean_stances, keep=set())
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

    def update_decision(
        self,
        decision_id: str,
        *,
        stances: Mapping[str, ValueStance | str] | None = None,
        **fields: Any,
    ) -> None:
        """Change a decision's fields and, when given, its stances (the whole set).

        A value retired since stays on the decision; a retired value cannot be added to it."""
        clean = clean_fields(fields, DECISION_RULES, "decision")
        new_stances = None if stances is None else _stances(stances)
        with self._change(AuditAction.UPDATE, AuditEntity.DECISION, decision_id) as change:
            session = change.session
            decision = get_row(session, Decision, decision_id, "decision")
            changed: dict[str, Any] = {k: v for k, v in clean.items() if getattr(decision, k) != v}
            for name, value in changed.items():
                setattr(decision, name, value)
            details: dict[str, Any] = {"changed": {k: jsonable(v) for k, v in changed.items()}}
            if new_stances is not None:
                old = {s.value_id: s.stance for s in decision.stances}
                if old != new_stances:
                    _check_values(session, new_stances, keep=set(old))
                    decision.stances.clear()
                    session.flush()
                    for value_id, stance in new_stances.items():
                        decision.stances.append(DecisionValue(value_id=value_id, stance=stance))
                    details["stances"] = dict(new_stances)
            if len(details) == 1 and not changed:
                change.nothing_changed()
                return
            change.details = details

    def decision_initiative_names(self) -> dict[str, str]:
        """The names of the initiatives that have decisions, by id (one small query, however
        large the portfolio)."""
        query = (
            select(Initiative.id, Initiative.name)
            .where(Initiative.id.in_(select(Decision.initiative_id)))
            .order_by(Initiative.name)
        )
        with self._read() as session:
            return {row.id: row.name for row in session.execute(query)}

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


DECISION_RULES: Final[Rules] = {
    "decided_on": lambda v: a_date(v, "decision date"),
    "title": lambda v: text(v, "title", required=True, limit=300),
    "situation": lambda v: text(v, "situation"),
    "pressure": lambda v: text(v, "pressure"),
    "actual_logic": lambda v: text(v, "actual logic"),
    "cost_of_decision_not_made": lambda v: text(v, "cost of the decision"),
    "decided_by": lambda v: text(v, "decided by", limit=200),
    "argued_by": lambda v: text(v, "who would have argued differently"),
}


def _stances(stances: Mapping[str, ValueStance | str]) -> dict[str, ValueStance]:
    return {
        value_id: enum_of(ValueStance, stance, "stance") for value_id, stance in stances.items()
    }


def _check_values(session: Session, stances: Mapping[str, ValueStance], keep: set[str]) -> None:
    """Every value exists, and none is retired unless the decision already had it."""
    for value_id in stances:
        value = get_row(session, StatedValue, value_id, "stated value")
        if value.retired_on is not None and value_id not in keep:
            raise ValidationError(
                f"The stated value '{value.name}' was retired on "
                f"{value.retired_on.isoformat()}; it takes no new decision.",
                "stances",
            )
