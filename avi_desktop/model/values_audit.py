"""The values decision audit: stated values set against the decisions actually taken.

Following the article, a stated value is only as real as the decisions that enact it under
pressure. For each value we count the recorded decisions that upheld it and those that departed
from it; the *enactment gap* is the share of those decisions that departed from it. The same
counts are given per initiative and per quarter, so a value enacted in one place (or year) and
only stated in another shows as such, with the decisions as evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from avi_desktop.model.domain import LabelledEnum, ValueStance
from avi_desktop.model.entities import Decision, StatedValue

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore


class ValueStatus(LabelledEnum):
    """What the decisions say about a stated value (the article's stated against enacted)."""

    OPERATIONAL = "operational", "Operational"  # upheld at least once when it counted
    ASPIRATIONAL = "aspirational", "Aspirational"  # departed from, never upheld: stated only
    UNTESTED = "untested", "Untested"  # no recorded decision has put it at stake yet


def status_of(upheld: int, departed: int) -> ValueStatus:
    """Aspirational when departed from and never upheld; untested with no decision yet."""
    if upheld + departed == 0:
        return ValueStatus.UNTESTED
    return ValueStatus.OPERATIONAL if upheld else ValueStatus.ASPIRATIONAL


def quarter_of(day: date) -> str:
    """The calendar quarter a decision falls in, as ``2026 Q1`` (sorts in time order)."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class ValueRecord:
    """How one stated value fared in the recorded decisions."""

    value_id: str
    name: str
    description: str
    upheld: int
    departed: int
    retired_on: date | None = None

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
        return status_of(self.upheld, self.departed)


@dataclass(frozen=True)
class ValueSlice:
    """One value's decisions within one initiative or one quarter."""

    value_id: str
    key: str  # the initiative's id, or the quarter
    label: str  # the initiative's name, or the quarter
    upheld: int
    departed: int

    @property
    def status(self) -> ValueStatus:
        return status_of(self.upheld, self.departed)


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
    pressure: str = ""
    argued_by: str = ""
    stances: tuple[tuple[str, ValueStance], ...] = ()  # (value id, stance), for the slices

    def stance_on(self, value_id: str) -> ValueStance | None:
        return dict(self.stances).get(value_id)


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

    def evidence(self, value_id: str) -> tuple[DecisionRecord, ...]:
        """The decisions that put this value at stake, newest first."""
        return tuple(d for d in self.decisions if d.stance_on(value_id) is not None)

    def _slices(self, key: Callable[[DecisionRecord], tuple[str, str]]) -> tuple[ValueSlice, ...]:
        counts: dict[tuple[str, str], list[int]] = {}
        labels: dict[str, str] = {}
        for decision in self.decisions:
            slice_key, label = key(decision)
            labels[slice_key] = label
            for value_id, stance in decision.stances:
                tally = counts.setdefault((value_id, slice_key), [0, 0])
                tally[stance is ValueStance.DEPARTED] += 1
        order = {v.value_id: n for n, v in enumerate(self.values)}
        return tuple(
            ValueSlice(value_id, slice_key, labels[slice_key], upheld, departed)
            for (value_id, slice_key), (upheld, departed) in sorted(
                counts.items(),
                key=lambda kv: (order.get(kv[0][0], len(order)), labels[kv[0][1]].casefold()),
            )
        )

    def by_initiative(self) -> tuple[ValueSlice, ...]:
        """Each value's upheld and departed counts per initiative, by value then initiative."""
        return self._slices(lambda d: (d.initiative_id, d.initiative_name or d.initiative_id))

    def by_quarter(self) -> tuple[ValueSlice, ...]:
        """Each value's upheld and departed counts per calendar quarter, oldest first."""
        return self._slices(lambda d: (quarter_of(d.decided_on), quarter_of(d.decided_on)))

    def to_json(self) -> dict[str, Any]:
        def slices(found: Iterable[ValueSlice], value_id: str, name: str) -> list[Any]:
            return [
                {name: s.key, "label": s.label, "upheld": s.upheld, "departed": s.departed,
                 "status": s.status.value}
                for s in found if s.value_id == value_id
            ]  # fmt: skip

        initiatives, quarters = self.by_initiative(), self.by_quarter()
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
                    "retired_on": v.retired_on.isoformat() if v.retired_on else None,
                    "by_initiative": slices(initiatives, v.value_id, "initiative_id"),
                    "by_quarter": slices(quarters, v.value_id, "quarter"),
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
                    "pressure": d.pressure,
                    "actual_logic": d.actual_logic,
                    "cost_of_decision_not_made": d.cost_of_decision_not_made,
                    "decided_by": d.decided_by,
                    "argued_by": d.argued_by,
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
                pressure=decision.pressure or "",
                argued_by=decision.argued_by or "",
                stances=tuple(sorted((s.value_id, s.stance) for s in decision.stances)),
            )
        )
    value_records = tuple(
        ValueRecord(
            value_id=value.id,
            name=value.name,
            description=value.description,
            upheld=counts[value.id][ValueStance.UPHELD],
            departed=counts[value.id][ValueStance.DEPARTED],
            retired_on=value.retired_on,
        )
        for value in sorted(values, key=lambda v: (v.position, v.name))
    )
    ordered = tuple(sorted(records, key=lambda r: (r.decided_on, r.title), reverse=True))
    return ValuesAudit(values=value_records, decisions=ordered)


def touched_values(decisions: Iterable[Decision]) -> list[StatedValue]:
    """The stated values these decisions put at stake (loaded with them), in recorded order."""
    found = {s.value.id: s.value for d in decisions for s in d.stances}
    return sorted(found.values(), key=lambda v: (v.position, v.name))


def portfolio_values_audit(store: PortfolioStore, initiative_id: str | None = None) -> ValuesAudit:
    """The audit of the whole portfolio (or of one initiative's decisions) read from the store."""
    names = store.decision_initiative_names()
    return values_audit(store.stated_values(), store.decisions(initiative_id), names)
