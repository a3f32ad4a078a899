"""What the pattern rules read about an initiative, gathered once so detection needs no database.

The rules read the stage and its dates, the KPI with its baseline, target and measured values,
the owner and the data/AI partner, the affected groups with their success criteria, and the
decisions that departed from a stated value. ``departures_by_initiative`` reads the last of these
for a whole portfolio in one query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select, true

from avi_desktop.model.domain import Stage, ValueStance
from avi_desktop.model.entities import Decision, DecisionValue, StatedValue

_STAGES = {stage.value: stage for stage in Stage}

# Stages at which a system is live: its KPI should have moved by now.
LIVE_STAGES: frozenset[Stage] = frozenset({Stage.PRODUCTION, Stage.SCALED})


@dataclass(frozen=True)
class DecisionFacts:
    """A recorded decision, with the stated values it departed from (often none)."""

    decision_id: str
    decided_on: date
    title: str
    departed: tuple[str, ...]  # names of the stated values departed from
    pressure: str = ""


@dataclass(frozen=True)
class KpiPoint:
    on: date
    value: float


@dataclass(frozen=True)
class InitiativeFacts:
    """The initiative fields the patterns read."""

    initiative_id: str
    name: str
    stage: Stage
    stage_since: date
    today: date
    kpi_name: str = ""
    business_owner: str = ""
    data_ai_partner: str = ""
    kpi_baseline: float | None = None
    kpi_target: float | None = None
    kpi_actuals: tuple[KpiPoint, ...] = ()  # oldest first
    affected_groups: tuple[str, ...] = ()  # stakeholder group keys
    success_criteria: Mapping[str, str] = field(default_factory=dict)
    decisions: tuple[DecisionFacts, ...] = ()  # every recorded decision, oldest first
    # Each stage the initiative has been in, with the date it began, oldest first, where the
    # caller knows them; without it only the current stage and its date are known.
    stage_history: tuple[tuple[Stage, date], ...] = ()

    @classmethod
    def from_initiative(
        cls,
        initiative: Any,
        today: date | None = None,
        decisions: tuple[DecisionFacts, ...] | None = None,
    ) -> InitiativeFacts:
        """From a stored ``Initiative`` or a row with its columns (missing ones read empty).

        The decisions come from ``initiative.decisions`` when they are loaded, else from the
        argument (the portfolio reads them for every initiative at once).
        """
        if decisions is None:
            decisions = decisions_of(getattr(initiative, "decisions", None) or ())
        return cls(
            initiative_id=initiative.id,
            name=initiative.name,
            # A stage written by a newer version reads as an idea rather than failing.
            stage=_STAGES.get(str(initiative.stage), Stage.IDEA),
            stage_since=initiative.stage_since,
            today=today or date.today(),
            kpi_name=initiative.kpi_name or "",
            business_owner=initiative.business_owner or "",
            data_ai_partner=initiative.data_ai_partner or "",
            kpi_baseline=getattr(initiative, "kpi_baseline", None),
            kpi_target=getattr(initiative, "kpi_target", None),
            kpi_actuals=kpi_points(getattr(initiative, "kpi_actuals", None)),
            affected_groups=tuple(getattr(initiative, "affected_groups", None) or ()),
            success_criteria=dict(getattr(initiative, "success_criteria", None) or {}),
            decisions=decisions,
            stage_history=stage_history_of(
                getattr(initiative, "stage_history", None), initiative.stage, initiative.stage_since
            ),
        )

    @property
    def departures(self) -> tuple[DecisionFacts, ...]:
        """The decisions that departed from at least one stated value."""
        return tuple(d for d in self.decisions if d.departed)


def stage_history_of(raw: Any, stage: Any, stage_since: date) -> tuple[tuple[Stage, date], ...]:
    """The stored stages left (``initiatives.stage_history``) followed by the current one.

    Empty when nothing was recorded (rows written before the history was kept): then only the
    current stage is known, and the rules say so rather than guess. Malformed or unknown
    entries are skipped.
    """
    earlier = []
    for entry in raw or ():
        try:
            known = _STAGES[str(entry["stage"])]
            earlier.append((known, date.fromisoformat(str(entry["since"]))))
        except (KeyError, TypeError, ValueError):
            continue
    if not earlier:
        return ()
    return (*earlier, (_STAGES.get(str(stage), Stage.IDEA), stage_since))


def kpi_points(raw: Any) -> tuple[KpiPoint, ...]:
    """The stored ``kpi_actuals`` list as points, oldest first; malformed entries are skipped."""
    points = []
    for entry in raw or ():
        try:
            points.append(KpiPoint(date.fromisoformat(str(entry["date"])), float(entry["value"])))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(sorted(points, key=lambda p: p.on))


def decisions_of(decisions: Any) -> tuple[DecisionFacts, ...]:
    """Loaded ``Decision`` records (with their stances and values) as facts."""
    found = []
    for decision in decisions:
        departed = tuple(
            stance.value.name
            for stance in decision.stances
            if str(stance.stance) == ValueStance.DEPARTED.value
        )
        found.append(
            DecisionFacts(
                decision_id=decision.id,
                decided_on=decision.decided_on,
                title=decision.title,
                departed=departed,
                pressure=getattr(decision, "pressure", "") or "",
            )
        )
    return tuple(sorted(found, key=lambda d: (d.decided_on, d.decision_id)))


def decisions_by_initiative(
    conn: Any, ids: Sequence[str] | None = None
) -> dict[str, tuple[DecisionFacts, ...]]:
    """Every initiative's decisions (only of ``ids`` when given) with the values they departed
    from, in one query."""
    departed = (
        select(DecisionValue.decision_id, StatedValue.name, StatedValue.position)
        .join(StatedValue, StatedValue.id == DecisionValue.value_id)
        .where(DecisionValue.stance == ValueStance.DEPARTED)
        .subquery()
    )
    rows = conn.execute(
        select(
            Decision.initiative_id,
            Decision.id,
            Decision.decided_on,
            Decision.title,
            Decision.pressure,
            departed.c.name,
        )
        .outerjoin(departed, departed.c.decision_id == Decision.id)
        .where(true() if ids is None else Decision.initiative_id.in_(ids))
        .order_by(Decision.decided_on, Decision.id, departed.c.position, departed.c.name)
    ).all()
    grouped: dict[str, dict[str, DecisionFacts]] = {}
    for row in rows:
        held = grouped.setdefault(row.initiative_id, {})
        known = held.get(row.id)
        names = known.departed if known else ()
        held[row.id] = DecisionFacts(
            decision_id=row.id,
            decided_on=row.decided_on,
            title=row.title,
            departed=(*names, row.name) if row.name is not None else names,
            pressure=row.pressure or "",
        )
    return {key: tuple(value.values()) for key, value in grouped.items()}


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when end is not later)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(0, months)


def day_months_reach(start: date, months: int) -> date:
    """The first day on which ``months_between(start, day)`` reaches ``months`` (at least 1).

    The same day of the month ``months`` later, or the first of the month after that when the
    month is too short for it (31 January: one month is reached on 1 March).
    """
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    try:
        return start.replace(year=year, month=month)
    except ValueError:  # no such day in that month
        return date(year + month // 12, month % 12 + 1, 1)


def measured_impact(facts: InitiativeFacts) -> KpiPoint | None:
    """The first measured KPI value that moved from the baseline toward the target, if any.

    Without a baseline and a target there is nothing to move toward, so no value counts.
    """
    baseline, target = facts.kpi_baseline, facts.kpi_target
    if baseline is None or target is None or target == baseline:
        return None
    direction = 1.0 if target > baseline else -1.0
    for point in facts.kpi_actuals:
        if direction * (point.value - baseline) > 0:
            return point
    return None
