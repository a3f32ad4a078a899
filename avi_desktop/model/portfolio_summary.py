"""The portfolio as a whole: what a committee (and the portfolio view) reads before any single
initiative. Counts by stage and band, the necessity outcomes and the initiatives whose necessity
needs attention, realised value, and the decisions the records ask of the committee.

Everything is computed from ``overview.portfolio_overview`` entries (and the actions and values
audit where given), never rescored, so the window and the committee paper agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from avi_desktop.model.domain import Band, NecessityOutcome, PatternId, Stage
from avi_desktop.model.follow_up import ActionItem
from avi_desktop.model.results import AssessmentResult, fmt_score

NOT_ASSESSED = "Not assessed"
INSUFFICIENT = "Insufficient data"
NEVER_ASSESSED = "Never assessed"
# Stages in which an initiative is being built or used: the necessity question is overdue there.
PAST_IDEA = (
    Stage.PROOF_OF_CONCEPT,
    Stage.PILOT,
    Stage.PRODUCTION,
    Stage.SCALED,
    Stage.PAUSED,
)
LIVE = (Stage.PRODUCTION, Stage.SCALED)


def band_of(result: AssessmentResult | None) -> str:
    """An initiative's band is its binding (weakest) layer's: it caps the value realised."""
    if result is None:
        return NOT_ASSESSED
    if result.binding_layer is None:
        return INSUFFICIENT
    layer = result.layers.get(result.binding_layer)
    band = None if layer is None else layer.band
    return INSUFFICIENT if band is None else band.label


BAND_COLUMNS: tuple[str, ...] = (*(b.label for b in Band), INSUFFICIENT, NOT_ASSESSED)


def by_stage_and_band(entries: Sequence[Any]) -> dict[Stage, dict[str, int]]:
    """Initiatives counted by stage (rows) and band of the binding layer (columns)."""
    table: dict[Stage, dict[str, int]] = {stage: dict.fromkeys(BAND_COLUMNS, 0) for stage in Stage}
    for entry in entries:
        table[entry.stage][band_of(entry.latest)] += 1
    return table


def necessity_counts(entries: Sequence[Any]) -> dict[str, int]:
    """How many initiatives have each necessity outcome in force, and how many none."""
    counts = Counter(
        NEVER_ASSESSED if e.necessity is None else NecessityOutcome(e.necessity.outcome).label
        for e in entries
    )
    return {
        label: counts.get(label, 0)
        for label in [*(o.label for o in NecessityOutcome), NEVER_ASSESSED]
    }


@dataclass(frozen=True)
class NecessityConcern:
    """An initiative whose necessity decision needs the committee's attention."""

    initiative_id: str
    name: str
    stage: Stage
    outcome: str  # the outcome's label, or "Never assessed"
    concern: str  # why it is listed, in words


def necessity_concerns(entries: Sequence[Any]) -> list[NecessityConcern]:
    """Not justified, insufficient information, or never assessed while past the idea stage
    (retired initiatives left out); an assessment made after the technology was chosen is
    noted too. Ordered: not justified first, then insufficient, then never assessed."""
    found: list[tuple[int, NecessityConcern]] = []
    for e in entries:
        if e.stage == Stage.RETIRED:
            continue
        nec = getattr(e, "necessity", None)
        if nec is None:
            if e.stage in PAST_IDEA:
                found.append(
                    (
                        2,
                        NecessityConcern(
                            e.initiative_id,
                            e.name,
                            e.stage,
                            NEVER_ASSESSED,
                            f"At {e.stage.label.lower()} with no necessity assessment: nobody has "
                            "shown that AI is the right tool.",
                        ),
                    )
                )
            continue
        outcome = NecessityOutcome(nec.outcome)
        if outcome == NecessityOutcome.NOT_JUSTIFIED:
            rank, concern = 0, f"Judged not justified, yet at {e.stage.label.lower()}."
            if e.stage in (Stage.IDEA, Stage.PAUSED):
                concern = f"Judged not justified; now at {e.stage.label.lower()}."
        elif outcome == NecessityOutcome.INSUFFICIENT_INFORMATION:
            rank, concern = 1, "The necessity question is still open for want of answers."
        elif nec.before_technology_decision is False:
            rank, concern = (
                3,
                "Assessed after the technology was chosen: it confirmed, not informed.",
            )
        else:
            continue
        found.append(
            (rank, NecessityConcern(e.initiative_id, e.name, e.stage, outcome.label, concern))
        )
    return [c for _, c in sorted(found, key=lambda pair: (pair[0], pair[1].name.casefold()))]


def _names(names: Sequence[str], limit: int = 4) -> str:
    shown = [f"“{n}”" for n in names[:limit]]
    if len(names) > limit:
        shown.append(f"{len(names) - limit} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def decisions_asked(
    entries: Sequence[Any],
    portfolio_patterns: Sequence[Any],
    overdue: Sequence[ActionItem] = (),
    aspirational: Sequence[str] = (),
) -> list[str]:
    """The decisions the records ask of the committee, most pressing first, each one sentence
    that starts with what to decide. Initiatives are named, a long list cut short."""
    asks: list[str] = []
    concerns = necessity_concerns(entries)
    stop = [c.name for c in concerns if c.outcome == NecessityOutcome.NOT_JUSTIFIED.label]
    if stop:
        asks.append(
            f"Stop or redesign {_names(stop)}: the necessity assessment found AI not justified."
        )
    missing = [
        c.name for c in concerns if c.outcome == NecessityOutcome.INSUFFICIENT_INFORMATION.label
    ]
    if missing:
        asks.append(
            f"Set a date by which the open necessity questions of {_names(missing)} are "
            "answered, and hold further spending until then."
        )
    never = [c.name for c in concerns if c.outcome == NEVER_ASSESSED]
    if never:
        which = "each is" if len(never) > 1 else "it is"
        asks.append(
            f"Require a necessity assessment of {_names(never)} before further investment: "
            f"{which} past the idea stage without one."
        )
    live_gaps = [
        e
        for e in entries
        if e.stage in LIVE and e.latest is not None and band_of(e.latest) == Band.GAP.label
    ]
    for e in live_gaps[:3]:
        layer = e.latest.binding_layer
        result = e.latest.layers.get(layer)
        asks.append(
            f"Decide whether “{e.name}” continues ({e.stage.label.lower()}) while "
            f"{layer.label} scores {fmt_score(result.score if result else None)} against a "
            f"target of {fmt_score(result.target if result else None)}."
        )
    unmeasured = [
        e.name
        for e in entries
        if e.stage in LIVE and getattr(e, "value", None) is not None and not e.value.measured
    ]
    if any(hit.pattern == PatternId.AI_THEATRE for hit in portfolio_patterns):
        asks.append(
            "Decide which initiatives must show measured impact before they are funded "
            "further: the portfolio shows AI Theatre."
        )
    if unmeasured:
        which = "each is" if len(unmeasured) > 1 else "it is"
        asks.append(
            f"Ask the owners of {_names(unmeasured)} for the KPI as measured: {which} live "
            "(in production or scaled) with no measured value."
        )
    for name in aspirational[:3]:
        asks.append(
            f"Confirm or retire the stated value “{name}”: every recorded decision that put "
            "it at stake departed from it."
        )
    if overdue:
        count = len(overdue)
        asks.append(
            "Agree a new date for the overdue action, or drop it."
            if count == 1
            else f"Agree new dates for the {count} overdue actions, or drop them."
        )
    return asks
