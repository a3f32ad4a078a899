"""Parts of the advice that do not depend on a single pattern: the necessity decision, the
synthesis of patterns that reinforce each other, and what to do about one low item.

The paper: the patterns "are not separate issues ... addressing them individually treats
symptoms, not causes". A necessity decision of *Not justified* comes before any of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from avi_desktop.model.domain import Imperative, Layer, NecessityOutcome, PatternId, Stage
from avi_desktop.model.instrument import Item
from avi_desktop.model.necessity import NecessityFacts
from avi_desktop.model.pattern_facts import InitiativeFacts
from avi_desktop.model.results import (
    AssessmentResult,
    Evidence,
    PatternHit,
    Recommendation,
    fmt_date,
)

# The order in which patterns are answered: the most serious first. A system that is live and
# outrunning its governance comes before one that has not yet found its purpose, and so on.
SERIOUSNESS: tuple[PatternId, ...] = (
    PatternId.ETHICAL_DRIFT,
    PatternId.MOMENTUM_WITHOUT_DIRECTION,
    PatternId.VALUE_FRAGMENTATION,
    PatternId.TRUST_CEILING,
    PatternId.COORDINATION_FAILURE,
    PatternId.PILOT_TRAP,
    PatternId.AI_THEATRE,
)

# Which imperative answers a low item, by its tags, the first match winning: defining value,
# then measuring it, then governance and accountability (leadership's to fix), then capability.
_TAG_IMPERATIVE: tuple[tuple[str, Imperative], ...] = (
    ("value-definition", Imperative.DEFINE_VALUE),
    ("measurement", Imperative.MEASURE_VALUE),
    ("governance", Imperative.ALIGN_LEADERSHIP),
    ("accountability", Imperative.ALIGN_LEADERSHIP),
    ("skills", Imperative.INVEST_CAPABILITY),
    ("adoption", Imperative.INVEST_CAPABILITY),
    ("coordination", Imperative.INVEST_CAPABILITY),
    ("ethics", Imperative.INVEST_CAPABILITY),
    ("communication", Imperative.INVEST_CAPABILITY),
    ("trust", Imperative.MEASURE_VALUE),
)

_LAYER_DEFAULT = {
    Layer.TECHNOLOGY: Imperative.MEASURE_VALUE,
    Layer.LEADERSHIP: Imperative.ALIGN_LEADERSHIP,
    Layer.ORGANISATION: Imperative.INVEST_CAPABILITY,
    Layer.TRUST: Imperative.MEASURE_VALUE,
}


def item_imperative(item: Item) -> Imperative:
    """The imperative that answers a low score on this item (by what it measures)."""
    for tag, imperative in _TAG_IMPERATIVE:
        if tag in item.tags:
            return imperative
    return _LAYER_DEFAULT[item.layer]


def item_action(item: Item) -> str:
    """What to do about a low item, as a sentence that starts with the action."""
    text = item.text.rstrip(". ")
    if item.reverse:
        return f"Remove the cause respondents agree with: {text.lower()[0]}{text[1:]}"
    if text.endswith("so far") or text.startswith("How "):
        return f"Find and answer the cause of what respondents report on: {text}"
    return f"Make this true: {text.lower()[0]}{text[1:]}"


def necessity_recommendations(
    necessity: NecessityFacts | None, stage: Stage | None = None
) -> list[Recommendation]:
    """What the necessity decision requires before anything else.

    A retired initiative is not told to stop, gather answers or track conditions: only a
    "not justified" finding is worth keeping on record for the next proposal like it.
    """
    if necessity is None:
        return []
    when = f" ({fmt_date(necessity.decided_on)})" if necessity.decided_on else ""
    evidence = (
        Evidence(
            label="Necessity outcome", value=f"{necessity.outcome.label}{when}", ref="necessity"
        ),
    )
    if stage is Stage.RETIRED:
        if necessity.outcome is not NecessityOutcome.NOT_JUSTIFIED:
            return []
        return [
            Recommendation(
                id="REC-necessity-stop",
                imperative=Imperative.DEFINE_VALUE,
                title="Keep on record why AI was not the right tool, for the next proposal "
                "like this one",
                detail="The necessity assessment found AI not justified and the initiative is "
                "retired. Write down what the problem needed instead, so that a similar "
                "proposal starts from that finding.",
                evidence=evidence,
                source="necessity",
            )
        ]
    if necessity.outcome is NecessityOutcome.NOT_JUSTIFIED:
        return [
            Recommendation(
                id="REC-necessity-stop",
                imperative=Imperative.DEFINE_VALUE,
                title="Stop the initiative or redesign it so that AI is the right tool",
                detail="The necessity assessment found AI not justified for this problem. Further "
                "work on the four layers builds on that finding; decide first whether to stop, or "
                "to redefine the problem and assess again.",
                evidence=evidence,
                source="necessity",
            )
        ]
    if necessity.outcome is NecessityOutcome.INSUFFICIENT_INFORMATION:
        return [
            Recommendation(
                id="REC-necessity-missing",
                imperative=Imperative.DEFINE_VALUE,
                title="Get the missing answers to the necessity assessment and decide again",
                detail="Whether AI is the right tool could not be decided: the business problem, "
                "its measurable outcome, the simpler options, the data or who acts on the output "
                "were not answered. Ask the owner for them before spending more.",
                evidence=evidence,
                source="necessity",
            )
        ]
    return [
        Recommendation(
            id=f"REC-necessity-condition-{n}",
            imperative=Imperative.DEFINE_VALUE,
            title=f"Meet the necessity condition and track it: {condition}",
            detail="AI was justified on this condition; track it as an action with an owner and "
            "a date, and revisit the decision if it is not met.",
            evidence=(*evidence, Evidence(label="Condition", value=condition, ref="necessity")),
            source="necessity",
        )
        for n, condition in enumerate(necessity.conditions, start=1)
    ]


def _synthesis(result: AssessmentResult | None, hits: Sequence[PatternHit]) -> Recommendation:
    """One recommendation for patterns that reinforce each other, rooted in the binding layer."""
    ordered = sorted(hits, key=lambda h: SERIOUSNESS.index(h.pattern))
    names = [hit.title for hit in ordered]
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    binding = None if result is None else result.binding_layer
    imperative = _LAYER_DEFAULT[binding] if binding is not None else Imperative.DEFINE_VALUE
    root = f" Start from {binding.label}, the binding layer." if binding is not None else ""
    return Recommendation(
        id="REC-synthesis",
        imperative=imperative,
        title=f"Treat {listed} as one problem, starting with {names[0]}",
        detail="These patterns reinforce each other: they are symptoms of the same misalignment "
        "across the layers, and fixing one at a time treats symptoms, not causes." + root,
        evidence=tuple(
            Evidence(label=hit.title, value=f"{len(hit.evidence)} findings", ref=hit.pattern.value)
            for hit in ordered
        ),
        source=",".join(hit.pattern.value for hit in ordered),
    )


_STOPS = re.compile(
    r"\b(stop|stops|stopped|halt|halted|discontinue|discontinued|retire|retired|pause|paused|"
    r"shelve|shelved|wind down|close down|cancel|cancelled)\b",
    re.IGNORECASE,
)
_STILL_ACTIVE = frozenset(
    {Stage.PROOF_OF_CONCEPT, Stage.PILOT, Stage.PRODUCTION, Stage.SCALED, Stage.IDEA}
)


def contradictions(facts: InitiativeFacts | None) -> list[Recommendation]:
    """Records that contradict each other, to be corrected: a decision to stop or pause the
    initiative taken after it entered its current stage, while that stage still says it runs."""
    if facts is None or facts.stage not in _STILL_ACTIVE:
        return []
    found = []
    for decision in facts.decisions:
        if decision.decided_on < facts.stage_since or not _STOPS.search(decision.title):
            continue
        found.append(
            Recommendation(
                id=f"REC-contradiction-{decision.decision_id}",
                imperative=Imperative.ALIGN_LEADERSHIP,
                title="Correct the record: the initiative was decided to stop or pause, yet its "
                f"stage still says {facts.stage.label.lower()}",
                detail="A board reads the stage as the truth. Either change the stage to what was "
                "decided, or record the decision that reversed it.",
                evidence=(
                    Evidence(
                        label=f"Decision of {fmt_date(decision.decided_on, short=True)}",
                        value=decision.title,
                        ref=decision.decision_id,
                    ),
                    Evidence(
                        label="Stage",
                        value=f"{facts.stage.label} since "
                        f"{fmt_date(facts.stage_since, short=True)}",
                        ref="stage",
                    ),
                ),
                source="records",
            )
        )
    return found
