"""AI Theatre: visible AI activity without measured impact, judged across the portfolio.

The paper: "Activity is mistaken for value; visibility is mistaken for impact." The rule reads
realised value, not the age of pilots: a live system (production or scaled) counts as theatre
when none of its measured KPI values has moved from the baseline toward the target, and any
initiative past the idea stage counts when it has no KPI at all. Young pilots with a KPI are
work in progress, not theatre.
"""

from __future__ import annotations

from collections.abc import Sequence

from avi_desktop.model.domain import PatternId, Stage
from avi_desktop.model.instrument import Instrument, PatternRule, bundled_instrument
from avi_desktop.model.pattern_facts import InitiativeFacts, measured_impact
from avi_desktop.model.patterns import hit
from avi_desktop.model.results import Evidence, PatternHit, fmt_number


def _num(rule: PatternRule, name: str) -> float:
    value = rule.params[name]
    assert isinstance(value, int | float)
    return float(value)


def no_measured_impact(facts: InitiativeFacts) -> str:
    """Why a live initiative shows no measured impact ("" when it does)."""
    if not facts.kpi_actuals:
        return "live, no KPI value measured"
    if facts.kpi_baseline is None or facts.kpi_target is None:
        return "live, KPI measured but no baseline and target to judge it against"
    latest = facts.kpi_actuals[-1]
    if measured_impact(facts) is None:
        return (
            f"live, KPI not moved toward the target (baseline {facts.kpi_baseline:g}, "
            f"target {facts.kpi_target:g}, latest {latest.value:g})"
        )
    return ""


def _reason(facts: InitiativeFacts, live: Sequence[str]) -> str:
    if not facts.kpi_name.strip():
        return "no KPI"
    if facts.stage.value in live:
        return no_measured_impact(facts)
    return ""


def ai_theatre(
    initiatives: Sequence[InitiativeFacts], instrument: Instrument | None = None
) -> tuple[PatternHit, ...]:
    """AI Theatre when enough initiatives are active and most show no measured impact.

    Ideas and retired initiatives are left out: they are not (or no longer) visible activity.
    """
    rule = (instrument or bundled_instrument()).patterns[PatternId.AI_THEATRE]
    live = rule.params["live_stages"]
    assert isinstance(live, tuple)
    active = [f for f in initiatives if f.stage not in (Stage.RETIRED, Stage.IDEA)]
    if len(active) < _num(rule, "min_initiatives"):
        return ()
    theatre = [(facts, reason) for facts in active if (reason := _reason(facts, live))]
    share = len(theatre) / len(active)
    if share <= _num(rule, "most"):
        return ()
    live_count = sum(1 for f in active if f.stage.value in live)
    evidence = [
        Evidence(
            label="Initiatives past the idea stage (retired ones left out)",
            value=str(len(active)),
            ref="portfolio",
        ),
        Evidence(
            label="Live (production or scaled) without measured impact",
            value=f"{sum(1 for f, r in theatre if r.startswith('live'))} of {live_count}",
            ref="kpi_actuals",
        ),
        Evidence(
            label="Without a KPI",
            value=f"{sum(1 for _, r in theatre if r == 'no KPI')} of {len(active)}",
            ref="kpi_name",
        ),
        Evidence(
            label="Activity without measured impact",
            value=f"{len(theatre)} of {len(active)} ({fmt_number(100 * share, 0)} %, "
            f"threshold more than {fmt_number(100 * _num(rule, 'most'), 0)} %)",
            ref="portfolio",
        ),
    ]
    evidence += [
        Evidence(label=facts.name, value=reason, ref=facts.initiative_id)
        for facts, reason in theatre
    ]
    return (hit(rule, evidence),)
