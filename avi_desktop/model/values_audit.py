"""The values decision audit: stated values set against the decisions actually taken.

Following the article, a stated value is only as real as the decisions that enact it under
pressure. For each value we count the recorded decisions that upheld it and those that departed
from it; the *enactment gap* is the share of those decisions that departed from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from avi_desktop.model.domain import LabelledEnum, ValueStance
from avi_desktop.model.entities import Decision, StatedValue


class ValueStatus(LabelledEnum):
    """What the decisions say about a stated value (the article's stated against enacted)."""

    OPERATIONAL = "operational", "Operational"  # upheld at least once when it counted
    ASPIRATIONAL = "aspirational", "Aspirational"  # departed from, never upheld: stated only
    UNTESTED = "untested", "Untested"  # no recorded decision has put it at stake yet


@dataclass(frozen=True)
class ValueRecord:
    """How one stated value fared in the recorded decisions."""

    value_id: str
    name: str
    description: str
    upheld: int
    departed: int

    @property
    def tested(self) -> int:
        """Decisions in which the value was at stake."""
        return self.upheld + self.departed

    @property
    def enactment_gap(self) -> float | None:
        """Share of decisions that departed from the value, 0..1; None when never tested."""
        return self.departed / self.tested if self.tested else None

    @property
    def status(self) -> ValueStatus:
        """Aspirational when departed from and never upheld; untested with no decision yet."""
        if self.tested == 0:
            return ValueStatus.UNTESTED
        return ValueStatus.OPERATIONAL if self.upheld else ValueStatus.ASPIRATIONAL


@dataclass(frozen=True)
class DecisionRecord:
    decision_id: str
    initiative_id: str
    initiative_name: str
    decided_on: date
    title: str
    situation: str
    actual_logic: str
    cost_of_decision_not_made: str
    decided_by: str
    upheld: tuple[str, ...]  # value names
    departed: tuple[str, ...]


@dataclass(frozen=True)
class ValuesAudit:
    values: tuple[ValueRecord, ...]
    decisions: tuple[DecisionRecord, ...]  # newest first

    @property
    def untested(self) -> tuple[ValueRecord, ...]:
        """Stated values no recorded decision has yet put to the test."""
        return tuple(value for value in self.values if value.status is ValueStatus.UNTESTED)

    @property
    def aspirational(self) -> tuple[ValueRecord, ...]:
        """Stated values departed from whenever they were at stake: stated, not enacted."""
        return tuple(value for value in self.values if value.status is ValueStatus.ASPIRATIONAL)

    def to_json(self) -> dict[str, Any]:
        return {
            "values": [
                {
                    "id": v.value_id,
                    "name": v.name,
                    "description": v.description,
                    "upheld": v.upheld,
                    "departed": v.departed,
                    "enactment_gap": v.enactment_gap,
                    "status": v.status.value,
                }
                for v in self.values
            ],
            "decisions": [
                {
                    "id": d.decision_id,
                    "initiative": {"id": d.initiative_id, "name": d.initiative_name},
                    "decided_on": d.decided_on.isoformat(),
                    "title": d.title,
                    "situation": d.situation,
                    "actual_logic": d.actual_logic,
                    "cost_of_decision_not_made": d.cost_of_decision_not_made,
                    "decided_by": d.decided_by,
                    "upheld": list(d.upheld),
                    "departed": list(d.departed),
                }
                for d in self.decisions
            ],
        }


def values_audit(
    values: Sequence[StatedValue],
    decisions: Iterable[Decision],
    initiative_names: dict[str, str] | None = None,
) -> ValuesAudit:
    """Build the audit from stated values and decisions (pass one initiative's for its view)."""
    names = {value.id: value.name for value in values}
    counts = {value.id: {ValueStance.UPHELD: 0, ValueStance.DEPARTED: 0} for value in values}
    records = []
    for decision in decisions:
        upheld: list[str] = []
        departed: list[str] = []
        for stance in decision.stances:
            kind = stance.stance
            counts.setdefault(stance.value_id, {ValueStance.UPHELD: 0, ValueStance.DEPARTED: 0})
            counts[stance.value_id][kind] += 1
            target = upheld if kind is ValueStance.UPHELD else departed
            target.append(names.get(stance.value_id, stance.value_id))
        records.append(
            DecisionRecord(
                decision_id=decision.id,
                initiative_id=decision.initiative_id,
                initiative_name=(initiative_names or {}).get(decision.initiative_id, ""),
                decided_on=decision.decided_on,
                title=decision.title,
                situation=decision.situation,
                actual_logic=decision.actual_logic,
                cost_of_decision_not_made=decision.cost_of_decision_not_made,
                decided_by=decision.decided_by,
                upheld=tuple(sorted(upheld)),
                departed=tuple(sorted(departed)),
            )
        )
    value_records = tuple(
        ValueRecord(
            value_id=value.id,
            name=value.name,
            description=value.description,
            upheld=counts[value.id][ValueStance.UPHELD],
            departed=counts[value.id][ValueStance.DEPARTED],
        )
        for value in sorted(values, key=lambda v: (v.position, v.name))
    )
    ordered = tuple(sorted(records, key=lambda r: (r.decided_on, r.title), reverse=True))
    return ValuesAudit(values=value_records, decisions=ordered)
