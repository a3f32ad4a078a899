"""The seven misalignment patterns of the founding paper, detected with their evidence.

Thresholds and explanations come from the instrument's pattern file (``patterns.toml``) and the
items each rule reads from the instrument's ``[pattern_items]``; the rules here only read them.
Every hit carries the figures, items, fields or decisions that triggered it, so a director can
check the finding rather than take it on trust. AI Theatre, a portfolio pattern, is in
``portfolio_patterns``.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from datetime import date
from typing import Final

from avi_desktop.model.domain import Layer, PatternId, Stage, StakeholderGroup
from avi_desktop.model.instrument import Instrument, PatternRule
from avi_desktop.model.necessity import NecessityFacts
from avi_desktop.model.pattern_evidence import (
    decision_evidence,
    item_evidence,
    low_items_evidence,
    means,
    role_items,
    spread_evidence,
    tagged_items,
)
from avi_desktop.model.pattern_facts import (
    InitiativeFacts,
    day_months_reach,
    months_between,
)
from avi_desktop.model.results import (
    AssessmentResult,
    Evidence,
    PatternHit,
    ResponseSet,
    fmt_date,
    fmt_number,
    fmt_score,
)
from avi_desktop.model.scoring import item_score, rwg_j

__all__ = [
    "InitiativeFacts",
    "detect_patterns",
    "detect_portfolio_patterns",
    "item_evidence",
    "months_between",
    "tagged_items",
]


def _num(rule: PatternRule, name: str) -> float:
    value = rule.params[name]
    assert isinstance(value, int | float)
    return float(value)


def _words(rule: PatternRule, name: str) -> tuple[str, ...]:
    value = rule.params[name]
    assert isinstance(value, tuple)
    return value


def hit(rule: PatternRule, evidence: Sequence[Evidence]) -> PatternHit:
    """A pattern hit with the rule's title and explanation."""
    return PatternHit(rule.pattern, rule.pattern.label, tuple(evidence), rule.explanation)


def _layer_evidence(result: AssessmentResult, layer: Layer, note: str = "") -> Evidence:
    figures = result.layers[layer]
    return Evidence(
        label=layer.label,
        value=f"{fmt_score(figures.score)} (target {fmt_score(figures.target)}{note})",
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
        # The threshold the weak layer fell below, and what it is measured from.
        note = f"; threshold: below {fmt_score(low.target - margin)}, {margin:g} under the target"
        return [_layer_evidence(result, strong), _layer_evidence(result, weak, note)]
    return []


# ------------------------------------------------------------------------------- the rules


_REACHED_PRODUCTION: Final = frozenset({Stage.PRODUCTION, Stage.SCALED})


def _pilot_stage(rule: PatternRule, facts: InitiativeFacts) -> bool:
    """At a pilot stage, or paused straight after one (when the stage history says so), and
    never in production before: a system taken back to a pilot after going live is not
    trapped in piloting."""
    stages = _words(rule, "stages")
    if any(stage in _REACHED_PRODUCTION for stage, _ in facts.stage_history):
        return False
    if facts.stage in stages:
        return True
    if facts.stage is Stage.PAUSED and len(facts.stage_history) >= 2:
        return facts.stage_history[-2][0] in stages
    return False


def _active_since(facts: InitiativeFacts) -> tuple[date, str, str]:
    """When the initiative left the idea stage, as far as the facts tell, how that is known,
    and from when the months are therefore counted."""
    for stage, began in facts.stage_history:
        if stage is not Stage.IDEA:
            return began, "since it left the idea stage", "counted from leaving the idea stage"
    return facts.stage_since, "in this stage", "counted from entering this stage"


def _pilot_trap(
    rule: PatternRule, result: AssessmentResult | None, facts: InitiativeFacts
) -> list[Evidence]:
    # Only while the initiative has not reached production: a scaled system is not trapped.
    if not _pilot_stage(rule, facts):
        return []
    evidence: list[Evidence] = []
    since, how, counted = _active_since(facts)
    months = months_between(since, facts.today)
    if months > _num(rule, "pilot_months"):
        stages = " or ".join(Stage(word).label.lower() for word in _words(rule, "stages"))
        evidence.append(
            Evidence(
                label="Stage",
                value=f"{facts.stage.label} for {months} months {how} "
                f"(since {fmt_date(since, short=True)}); threshold: more than "
                f"{_num(rule, 'pilot_months'):g} months at {stages}, {counted}",
                ref="stage_since",
            )
        )
    if result is not None:
        evidence += _above_while_below(
            result, Layer.TECHNOLOGY, Layer.ORGANISATION, _num(rule, "developing_margin")
        )
    return evidence


def changes_on(instrument: Instrument, facts: InitiativeFacts) -> date | None:
    """The first day after ``facts.today`` on which ``detect_patterns`` could find otherwise
    with nothing recorded in between; None when time alone changes nothing.

    Only the Pilot Trap reads the date (months since an initiative became active), and only
    while the initiative is at a pilot stage and not yet past the threshold: the months only
    grow, so once past it stays past. The score cache keeps figures until this day
    (``score_cache``); a rule that starts reading ``facts.today`` must be answered here too
    (tests/model/test_pattern_dates.py checks every rule day by day).
    """
    rule = instrument.patterns[PatternId.PILOT_TRAP]
    if not _pilot_stage(rule, facts):
        return None
    since, _, _ = _active_since(facts)
    day = day_months_reach(since, max(1, math.floor(_num(rule, "pilot_months")) + 1))
    return day if day > facts.today else None


def _trust_ceiling(
    rule: PatternRule, result: AssessmentResult | None, instrument: Instrument
) -> list[Evidence]:
    if result is None:
        return []
    adoption = means(result, role_items(instrument, "frontline_adoption"))
    if adoption and min(mean for _, mean in adoption) >= _num(rule, "embraced_at"):
        return []  # the people who use it embrace it: trust sets no ceiling here
    evidence = _above_while_below(
        result, Layer.TECHNOLOGY, Layer.TRUST, _num(rule, "developing_margin")
    )
    if evidence:
        return evidence
    trust = result.layers[Layer.TRUST]
    rejected = [(i, m) for i, m in adoption if m < _num(rule, "rejected_below")]
    if rejected and trust.score is not None and trust.score < trust.target:
        return [
            *(item_evidence(instrument, item_id, mean) for item_id, mean in rejected),
            _layer_evidence(result, Layer.TRUST),
        ]
    return []


def _points(mean: float) -> float:
    return 100 * (mean - 1) / 4


def _value_fragmentation(
    rule: PatternRule,
    result: AssessmentResult | None,
    facts: InitiativeFacts,
    instrument: Instrument,
    responses: Sequence[ResponseSet],
) -> list[Evidence]:
    """Disagreement on what value means and how success is measured, not on the technology."""
    if result is None:
        return []
    value_ids = role_items(instrument, "value_definition")
    evidence: list[Evidence] = []
    variances = [
        figures.variance
        for item_id in value_ids
        if (figures := result.items.get(item_id)) is not None and figures.variance is not None
    ]
    rwg = rwg_j(variances)
    threshold = _num(rule, "low_agreement_rwg")
    if rwg is not None and rwg < threshold:
        evidence.append(
            Evidence(
                label=f"Agreement on what value means (0 none, 1 full; {len(variances)} items)",
                value=f"{fmt_number(rwg, 2)} (below {fmt_number(threshold, 2)})",
                ref=",".join(value_ids),
            )
        )
    evidence += _group_spread(rule, instrument, value_ids, responses)
    conflict_at = _num(rule, "conflict_at")
    for item_id, mean in means(result, role_items(instrument, "conflicting_measures")):
        if mean <= conflict_at:
            evidence.append(item_evidence(instrument, item_id, mean))
    if evidence and facts.affected_groups:
        recorded = [g for g in facts.affected_groups if facts.success_criteria.get(g, "").strip()]
        evidence.append(
            Evidence(
                label="Success criteria per affected group",
                value=f"recorded for {len(recorded)} of {len(facts.affected_groups)} groups",
                ref="success_criteria",
            )
        )
    return evidence


def _group_spread(
    rule: PatternRule,
    instrument: Instrument,
    value_ids: Sequence[str],
    responses: Sequence[ResponseSet],
) -> list[Evidence]:
    """The widest gap between two groups' mean answers on the value-definition items."""
    by_group: dict[StakeholderGroup, list[float]] = {}
    items = [instrument.item(i) for i in value_ids]
    for response in responses:
        scores = [
            item_score(item, raw)
            for item in items
            if isinstance(raw := response.answers.get(item.id), int)
        ]
        if scores:
            by_group.setdefault(response.group, []).append(statistics.fmean(scores))
    means = {group: _points(statistics.fmean(values)) for group, values in by_group.items()}
    found = spread_evidence(
        "Spread between groups on what value means",
        means,
        _num(rule, "spread_points"),
        ",".join(value_ids),
    )
    return [] if found is None else [found]


_SEPARATORS = re.compile(r";|/|&|\+|\band\b", re.IGNORECASE)
_TEAM_WORDS = re.compile(
    r"\b(team|teams|committee|council|department|squad|taskforce|task force|working group|"
    r"steering group|board|function|office of)\b",
    re.IGNORECASE,
)


def owner_problem(owner: str) -> str:
    """Why an owner field names no single accountable person ("" when it does).

    "Dana Reyes, Head of Claims" is one person with a title; "Claims; Finance" is two names and
    "Pricing steering committee" is a body, not a person.
    """
    owner = owner.strip()
    if not owner:
        return "none named"
    if _SEPARATORS.search(owner):
        return f"several named ({owner}); no single owner"
    name = owner.split(",", 1)[0]
    if _TEAM_WORDS.search(name):
        return f"a group, not one person ({owner})"
    return ""


def _coordination_failure(
    rule: PatternRule,
    result: AssessmentResult | None,
    facts: InitiativeFacts,
    instrument: Instrument,
) -> list[Evidence]:
    evidence: list[Evidence] = []
    if result is not None:
        evidence += low_items_evidence(
            result, instrument, _words(rule, "tags"), _num(rule, "below"), "coordination"
        )
    problem = owner_problem(facts.business_owner)
    if problem:
        evidence.append(
            Evidence(label="Accountable business owner", value=problem, ref="business_owner")
        )
    if not facts.data_ai_partner.strip() and facts.stage.value not in _words(
        rule, "partner_exempt_stages"
    ):
        evidence.append(
            Evidence(label="Data and AI partner", value="none named", ref="data_ai_partner")
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
    elif (
        facts.stage in _words(rule, "live_stages")
        and necessity.decided_on is not None
        and necessity.decided_on > facts.stage_since
    ):
        evidence.append(
            Evidence(
                label="Necessity assessment",
                value=f"decided {fmt_date(necessity.decided_on, short=True)}, after the move to "
                f"{facts.stage.label.lower()} on {fmt_date(facts.stage_since, short=True)}",
                ref="necessity",
            )
        )
    if not facts.kpi_name.strip():
        evidence.append(
            Evidence(label="Measurable outcome (KPI)", value="none defined", ref="kpi_name")
        )
    else:
        missing = [
            name
            for name, value in (("baseline", facts.kpi_baseline), ("target", facts.kpi_target))
            if value is None
        ]
        if missing:
            evidence.append(
                Evidence(
                    label=f"Measurable outcome (KPI): {facts.kpi_name.strip()}",
                    value=f"no {' and no '.join(missing)}",
                    ref="kpi_baseline" if "baseline" in missing else "kpi_target",
                )
            )
    if evidence:
        # Decisions that departed from stated values show the pressure steering it, not purpose.
        evidence += [decision_evidence(d) for d in facts.departures]
    return evidence


def _ethical_drift(
    rule: PatternRule,
    result: AssessmentResult | None,
    facts: InitiativeFacts,
    instrument: Instrument,
) -> list[Evidence]:
    """Deployment ahead of governance: a critical governance item low, or a value departed from."""
    deployed = facts.stage in _words(rule, "stages")
    touches_people = sorted(set(facts.affected_groups) & set(_words(rule, "people_groups")))
    people_pilot = facts.stage in _words(rule, "people_stages") and bool(touches_people)
    if not (deployed or people_pilot):
        return []
    evidence: list[Evidence] = []
    if result is not None:
        below = _num(rule, "below")
        low = [
            (item_id, mean)
            for item_id, mean in means(result, role_items(instrument, "critical_governance"))
            if mean < below
        ]
        evidence += [item_evidence(instrument, item_id, mean) for item_id, mean in low]
    if deployed:
        # A value departed from while the system is live: governance did not hold under
        # pressure. In a pilot a departure is direction lost (Momentum), not drift.
        evidence += [decision_evidence(d) for d in facts.departures]
    if not evidence:
        return []
    stage = facts.stage.label
    if people_pilot and not deployed:
        stage += " touching " + ", ".join(StakeholderGroup(key).label for key in touches_people)
    return [Evidence(label="Stage", value=stage, ref="stage"), *evidence]


def detect_patterns(
    result: AssessmentResult | None,
    initiative: InitiativeFacts,
    necessity: NecessityFacts | None,
    instrument: Instrument,
    responses: Sequence[ResponseSet] = (),
) -> tuple[PatternHit, ...]:
    """The initiative-level patterns (all but AI Theatre), in the paper's order.

    With no assessment result, only the rules that read the initiative's own fields apply
    (stage, KPI, owner and partner, necessity, decisions). ``responses`` give the split by
    group on the value-definition items.
    """
    rules = instrument.patterns
    found = {
        PatternId.PILOT_TRAP: _pilot_trap(rules[PatternId.PILOT_TRAP], result, initiative),
        PatternId.VALUE_FRAGMENTATION: _value_fragmentation(
            rules[PatternId.VALUE_FRAGMENTATION], result, initiative, instrument, responses
        ),
        PatternId.TRUST_CEILING: _trust_ceiling(rules[PatternId.TRUST_CEILING], result, instrument),
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
    return tuple(hit(rules[pattern], found[pattern]) for pattern in found if found[pattern])


def detect_portfolio_patterns(
    initiatives: Sequence[InitiativeFacts], instrument: Instrument | None = None
) -> tuple[PatternHit, ...]:
    """AI Theatre (see ``portfolio_patterns``); kept here for the callers that import it."""
    from avi_desktop.model.portfolio_patterns import ai_theatre

    return ai_theatre(initiatives, instrument)
