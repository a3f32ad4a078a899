"""The seven misalignment patterns of the founding paper, detected with their evidence.

Thresholds and explanations come from the instrument's pattern file (``patterns.toml``); the
rules here only read them. Every hit carries the figures, items or fields that triggered it, so a
director can check the finding rather than take it on trust.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from avi_desktop.model.domain import Layer, PatternId, Stage
from avi_desktop.model.formatting import fmt_answer_of_five, item_mean_text
from avi_desktop.model.instrument import Instrument, PatternRule, bundled_instrument
from avi_desktop.model.necessity import NecessityFacts
from avi_desktop.model.results import (
    AssessmentResult,
    Evidence,
    PatternHit,
    fmt_date,
    fmt_number,
    fmt_score,
)

_STAGES = {stage.value: stage for stage in Stage}


@dataclass(frozen=True)
class InitiativeFacts:
    """The initiative fields the patterns read, so detection needs no database."""

    initiative_id: str
    name: str
    stage: Stage
    stage_since: date
    today: date
    kpi_name: str = ""
    business_owner: str = ""
    data_ai_partner: str = ""

    @classmethod
    def from_initiative(cls, initiative: Any, today: date | None = None) -> InitiativeFacts:
        """From a stored ``Initiative`` (or anything with the same attributes)."""
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
        )


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when end is not later)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(0, months)


def _num(rule: PatternRule, name: str) -> float:
    value = rule.params[name]
    assert isinstance(value, int | float)
    return float(value)


def _words(rule: PatternRule, name: str) -> tuple[str, ...]:
    value = rule.params[name]
    assert isinstance(value, tuple)
    return value


def _hit(rule: PatternRule, evidence: Sequence[Evidence]) -> PatternHit:
    return PatternHit(rule.pattern, rule.pattern.label, tuple(evidence), rule.explanation)


def _layer_evidence(result: AssessmentResult, layer: Layer) -> Evidence:
    figures = result.layers[layer]
    return Evidence(
        label=layer.label,
        value=f"{fmt_score(figures.score)} (target {fmt_score(figures.target)})",
        ref=layer.value,
    )


def _above_while_below(
    result: AssessmentResult, strong: Layer, weak: Layer, margin: float
) -> list[Evidence]:
    """Evidence when ``strong`` meets its target while ``weak`` is over ``margin`` below its own."""
    high, low = result.layers[strong], result.layers[weak]
    if high.score is None or low.score is None:
        return []
    if high.score >= high.target and low.score < low.target - margin:
        return [_layer_evidence(result, strong), _layer_evidence(result, weak)]
    return []


def tagged_items(
    result: AssessmentResult, instrument: Instrument, tags: Sequence[str]
) -> list[tuple[str, float]]:
    """(item id, mean score after reverse keying) of scored items carrying any of ``tags``."""
    wanted = set(tags)
    found = []
    for item in instrument.items():
        figures = result.items.get(item.id)
        if wanted & set(item.tags) and figures is not None and figures.mean is not None:
            found.append((item.id, figures.mean))
    return found


def _low_items_evidence(
    result: AssessmentResult, instrument: Instrument, tags: Sequence[str], below: float, what: str
) -> list[Evidence]:
    # The average is the mean of the item means, so each item counts once however many answered.
    found = tagged_items(result, instrument, tags)
    if not found:
        return []
    average = statistics.fmean(mean for _, mean in found)
    if average >= below:
        return []
    evidence = [
        Evidence(
            label=f"Average of the {what} items",
            value=f"{fmt_answer_of_five(average)} (threshold {below:g}), {len(found)} items",
            ref=",".join(item_id for item_id, _ in found),
        )
    ]
    for item_id, mean in sorted(found, key=lambda pair: pair[1])[:3]:
        evidence.append(item_evidence(instrument, item_id, mean))
    return evidence


def item_evidence(instrument: Instrument, item_id: str, mean: float) -> Evidence:
    """One item's mean score as evidence, readable next to the statement it scores.

    A reverse-keyed statement describes a problem ("decisions get stuck"), so a low score means
    respondents agreed with it; the value says so rather than leave "1.00 of 5" to be misread.
    """
    item = instrument.item(item_id)
    label = item.text.rstrip(". ")
    return Evidence(label=label, value=item_mean_text(mean, item.reverse), ref=item_id)


def _pilot_trap(
    rule: PatternRule, result: AssessmentResult | None, facts: InitiativeFacts
) -> list[Evidence]:
    evidence: list[Evidence] = []
    if facts.stage in _words(rule, "stages"):
        months = months_between(facts.stage_since, facts.today)
        if months > _num(rule, "pilot_months"):
            evidence.append(
                Evidence(
                    label="Stage",
                    value=f"{facts.stage.label} for {months} months "
                    f"(since {fmt_date(facts.stage_since, short=True)}; threshold "
                    f"{_num(rule, 'pilot_months'):g})",
                    ref="stage_since",
                )
            )
    if result is not None:
        evidence += _above_while_below(
            result, Layer.TECHNOLOGY, Layer.ORGANISATION, _num(rule, "developing_margin")
        )
    return evidence


def _trust_ceiling(rule: PatternRule, result: AssessmentResult | None) -> list[Evidence]:
    if result is None:
        return []
    return _above_while_below(
        result, Layer.TECHNOLOGY, Layer.TRUST, _num(rule, "developing_margin")
    )


def _value_fragmentation(rule: PatternRule, result: AssessmentResult | None) -> list[Evidence]:
    if result is None:
        return []
    evidence: list[Evidence] = []
    threshold = _num(rule, "low_agreement_rwg")
    for layer, figures in result.layers.items():
        if figures.rwg is not None and figures.rwg < threshold:
            evidence.append(
                Evidence(
                    label=f"{layer.label}: agreement (r_wg)",
                    value=f"{fmt_number(figures.rwg, 2)} (below {fmt_number(threshold, 2)})",
                    ref=layer.value,
                )
            )
    spread_points = _num(rule, "spread_points")
    for layer, spread in result.value_spread.items():
        if spread is None or spread < spread_points:
            continue
        means = {
            group: scores[layer]
            for group, scores in result.stakeholder_split.items()
            if scores.get(layer) is not None
        }
        low = min(means, key=lambda g: means[g] or 0.0)
        high = max(means, key=lambda g: means[g] or 0.0)
        evidence.append(
            Evidence(
                label=f"{layer.label}: value spread",
                value=f"{fmt_score(spread)} points (threshold {spread_points:g}): "
                f"{low.label} {fmt_score(means[low])}, {high.label} {fmt_score(means[high])}",
                ref=layer.value,
            )
        )
    return evidence


def _several_names(owner: str) -> bool:
    return any(sep in owner for sep in (";", ",", "/"))


def _coordination_failure(
    rule: PatternRule,
    result: AssessmentResult | None,
    facts: InitiativeFacts,
    instrument: Instrument,
) -> list[Evidence]:
    evidence: list[Evidence] = []
    if result is not None:
        evidence += _low_items_evidence(
            result, instrument, _words(rule, "tags"), _num(rule, "below"), "coordination"
        )
    owner = facts.business_owner.strip()
    if not owner:
        evidence.append(
            Evidence(label="Accountable business owner", value="none named", ref="business_owner")
        )
    elif _several_names(owner):
        evidence.append(
            Evidence(
                label="Accountable business owner",
                value=f"several named ({owner}); no single owner",
                ref="business_owner",
            )
        )
    return evidence


def _momentum(
    rule: PatternRule, facts: InitiativeFacts, necessity: NecessityFacts | None
) -> list[Evidence]:
    if facts.stage in _words(rule, "exempt_stages"):
        return []
    evidence: list[Evidence] = []
    if necessity is None:
        evidence.append(
            Evidence(
                label="Necessity assessment",
                value=f"none recorded, yet the initiative is at {facts.stage.label.lower()}",
                ref="necessity",
            )
        )
    elif necessity.outcome in _words(rule, "outcomes"):
        on = f" ({fmt_date(necessity.decided_on)})" if necessity.decided_on else ""
        evidence.append(
            Evidence(
                label="Necessity outcome", value=f"{necessity.outcome.label}{on}", ref="necessity"
            )
        )
    if not facts.kpi_name.strip():
        evidence.append(
            Evidence(label="Measurable outcome (KPI)", value="none defined", ref="kpi_name")
        )
    return evidence


def _ethical_drift(
    rule: PatternRule,
    result: AssessmentResult | None,
    facts: InitiativeFacts,
    instrument: Instrument,
) -> list[Evidence]:
    if result is None or facts.stage not in _words(rule, "stages"):
        return []
    evidence = _low_items_evidence(
        result, instrument, _words(rule, "tags"), _num(rule, "below"), "governance and ethics"
    )
    if not evidence:
        return []
    return [Evidence(label="Stage", value=facts.stage.label, ref="stage"), *evidence]


def detect_patterns(
    result: AssessmentResult | None,
    initiative: InitiativeFacts,
    necessity: NecessityFacts | None,
    instrument: Instrument,
) -> tuple[PatternHit, ...]:
    """The initiative-level patterns (all but AI Theatre), in the paper's order.

    With no assessment result, only the rules that read the initiative's own fields apply
    (stage, KPI, owner, necessity).
    """
    rules = instrument.patterns
    found = {
        PatternId.PILOT_TRAP: _pilot_trap(rules[PatternId.PILOT_TRAP], result, initiative),
        PatternId.VALUE_FRAGMENTATION: _value_fragmentation(
            rules[PatternId.VALUE_FRAGMENTATION], result
        ),
        PatternId.TRUST_CEILING: _trust_ceiling(rules[PatternId.TRUST_CEILING], result),
        PatternId.COORDINATION_FAILURE: _coordination_failure(
            rules[PatternId.COORDINATION_FAILURE], result, initiative, instrument
        ),
        PatternId.MOMENTUM_WITHOUT_DIRECTION: _momentum(
            rules[PatternId.MOMENTUM_WITHOUT_DIRECTION], initiative, necessity
        ),
        PatternId.ETHICAL_DRIFT: _ethical_drift(
            rules[PatternId.ETHICAL_DRIFT], result, initiative, instrument
        ),
    }
    return tuple(_hit(rules[pattern], found[pattern]) for pattern in found if found[pattern])


def detect_portfolio_patterns(
    initiatives: Sequence[InitiativeFacts], instrument: Instrument | None = None
) -> tuple[PatternHit, ...]:
    """AI Theatre: enough initiatives, most of them without a KPI or never out of pilot.

    Retired initiatives are left out: they no longer add to the visible activity.
    """
    rule = (instrument or bundled_instrument()).patterns[PatternId.AI_THEATRE]
    active = [facts for facts in initiatives if facts.stage != Stage.RETIRED]
    if len(active) < _num(rule, "min_initiatives"):
        return ()
    stuck_stages = _words(rule, "stuck_stages")
    no_kpi = [f for f in active if not f.kpi_name.strip()]
    stuck = [f for f in active if f.stage in stuck_stages]
    either = [f for f in active if not f.kpi_name.strip() or f.stage in stuck_stages]
    share = len(either) / len(active)
    if share <= _num(rule, "most"):
        return ()
    stages = " or ".join(Stage(s).label.lower() for s in stuck_stages)
    evidence = [
        Evidence(
            label="Active initiatives (retired ones left out)",
            value=str(len(active)),
            ref="portfolio",
        ),
        Evidence(label="Without a KPI", value=f"{len(no_kpi)} of {len(active)}", ref="kpi_name"),
        Evidence(label=f"Still at {stages}", value=f"{len(stuck)} of {len(active)}", ref="stage"),
        Evidence(
            label="Without a KPI, still at an early stage, or both",
            value=f"{len(either)} of {len(active)} ({fmt_number(100 * share, 0)} %, "
            f"threshold more than {fmt_number(100 * _num(rule, 'most'), 0)} %)",
            ref="portfolio",
        ),
    ]
    for facts in either:
        reasons = []
        if not facts.kpi_name.strip():
            reasons.append("no KPI")
        if facts.stage in stuck_stages:
            since = fmt_date(facts.stage_since, short=True)
            reasons.append(f"{facts.stage.label.lower()} since {since}")
        evidence.append(
            Evidence(label=facts.name, value="; ".join(reasons), ref=facts.initiative_id)
        )
    return (_hit(rule, evidence),)
