"""Recommendations under the paper's four leadership imperatives, each tied to its evidence.

They come in the order a board should act on them: what the necessity decision requires
(stop, ask for what is missing, track each condition), one synthesis where patterns reinforce
each other, the binding layer, each pattern, layers where respondents disagree, and the
lowest-scoring items not already cited. Every title is a sentence that starts with what to do;
the evidence stands beside it. The wording follows the founding paper's section 8.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from avi_desktop.model.advice import (
    SERIOUSNESS,
    _synthesis,
    contradictions,
    item_action,
    item_imperative,
    necessity_recommendations,
)
from avi_desktop.model.domain import Band, Imperative, Layer, PatternId
from avi_desktop.model.instrument import Instrument, bundled_instrument
from avi_desktop.model.necessity import NecessityFacts
from avi_desktop.model.pattern_facts import InitiativeFacts
from avi_desktop.model.patterns import item_evidence
from avi_desktop.model.results import (
    AssessmentResult,
    Evidence,
    PatternHit,
    Recommendation,
    fmt_number,
    fmt_score,
)

# Which imperative answers a shortfall in each layer. A technology gap is not a shortfall of
# organisational capability: the paper's answer is to measure the system where it is used.
LAYER_IMPERATIVE = {
    Layer.TECHNOLOGY: Imperative.MEASURE_VALUE,
    Layer.LEADERSHIP: Imperative.ALIGN_LEADERSHIP,
    Layer.ORGANISATION: Imperative.INVEST_CAPABILITY,
    Layer.TRUST: Imperative.MEASURE_VALUE,
}

_LAYER_ADVICE = {
    Layer.TECHNOLOGY: (
        "Prove the system under operating conditions before scaling it",
        "Test performance, reliability and data where the system will actually be used, and "
        "tie technical measures to the business outcome rather than to build-time accuracy.",
    ),
    Layer.LEADERSHIP: (
        "Agree one definition of success among senior leaders before scaling",
        "Bring the executives into regular, structured dialogue on what this initiative should "
        "achieve, make board-level accountability for its outcome explicit, and decide openly "
        "how trade-offs will be resolved.",
    ),
    Layer.ORGANISATION: (
        "Build the capability to absorb and apply the system",
        "Invest in skills, redesigned processes and enforced governance so that the people who "
        "act on the output understand it, and make it safe to raise concerns about performance "
        "or ethics.",
    ),
    Layer.TRUST: (
        "Measure and earn the trust of the people the system affects",
        "Track employee trust, customer confidence and the quality of governance alongside "
        "technical metrics, and be open about what the system does and does not deliver.",
    ),
}

_PATTERN_ADVICE: dict[PatternId, tuple[Imperative, str, str]] = {
    PatternId.PILOT_TRAP: (
        Imperative.INVEST_CAPABILITY,
        "Test organisational readiness, not only the model, before the next stage",
        "A successful pilot does not show the organisation is ready. Check integration, "
        "leadership alignment, operational readiness and stakeholder trust, or decide to stop.",
    ),
    PatternId.AI_THEATRE: (
        Imperative.DEFINE_VALUE,
        "Give every initiative a measurable outcome or stop it",
        "Activity is not value. Require a KPI with baseline and target for each initiative and "
        "review those still in pilot against it.",
    ),
    PatternId.VALUE_FRAGMENTATION: (
        Imperative.DEFINE_VALUE,
        "Agree with each affected group what success means before going further",
        "Involve the stakeholder groups whose scores diverge in defining the success criteria, "
        "and make the trade-offs between them explicit.",
    ),
    PatternId.TRUST_CEILING: (
        Imperative.MEASURE_VALUE,
        "Treat trust as a condition for scale, and measure it",
        "The system performs but trust lags: improve transparency and accountability, and "
        "measure the confidence of employees, customers and regulators over time.",
    ),
    PatternId.COORDINATION_FAILURE: (
        Imperative.ALIGN_LEADERSHIP,
        "Name one accountable owner and one way of working across functions",
        "Pair a senior business owner with the data and AI lead, and align incentives, "
        "workflows and decision rights across technology, business, risk and compliance.",
    ),
    PatternId.MOMENTUM_WITHOUT_DIRECTION: (
        Imperative.DEFINE_VALUE,
        "Establish why AI is needed here before spending more",
        "Complete the necessity assessment: the business problem, its measurable outcome, the "
        "simpler options considered, and who owns and acts on the result.",
    ),
    PatternId.ETHICAL_DRIFT: (
        Imperative.ALIGN_LEADERSHIP,
        "Bring governance and ethics up to the pace of deployment",
        "Make accountability explicit and enforced, define acceptable use, and apply an ethics "
        "check at each decision point rather than after deployment.",
    ),
}


def recommend(
    result: AssessmentResult | None,
    hits: Sequence[PatternHit],
    instrument: Instrument | None = None,
    *,
    necessity: NecessityFacts | None = None,
    facts: InitiativeFacts | None = None,
    max_items: int = 3,
    item_threshold: float = 3.0,
) -> tuple[Recommendation, ...]:
    """Recommendations for an initiative, the most pressing first (see the module docstring)."""
    decided = necessity_recommendations(necessity, facts.stage if facts else None)
    # Stopping or asking for what is missing comes before anything else; conditions to track
    # come after the binding layer and the patterns, which say what to fix first.
    conditions = [rec for rec in decided if rec.id.startswith("REC-necessity-condition")]
    found = [rec for rec in decided if rec not in conditions] + contradictions(facts)
    if len(hits) >= 2:
        found.append(_synthesis(result, hits))
    if result is not None:
        found += _binding_recommendation(result)
    for hit in sorted(hits, key=lambda h: SERIOUSNESS.index(h.pattern)):
        said = {e.ref for rec in found for e in rec.evidence if rec.source == "necessity"}
        if hit.evidence and all(e.ref in said for e in hit.evidence):
            continue  # e.g. Momentum from a Not justified decision: "stop" already says it
        imperative, title, detail = _PATTERN_ADVICE[hit.pattern]
        found.append(
            Recommendation(
                id=f"REC-pattern-{hit.pattern.value}",
                imperative=imperative,
                title=title,
                detail=detail,
                evidence=hit.evidence,
                source=hit.pattern.value,
            )
        )
    found = _without_restated_binding(found)
    found += conditions
    if result is not None:
        found += _agreement_recommendation(result)
        chosen = instrument or bundled_instrument()
        cited = {e.ref for rec in found for e in rec.evidence}
        found += _item_recommendations(result, chosen, max_items, item_threshold, cited)
    unique = {rec.id: rec for rec in reversed(found)}  # the first of a repeated id wins
    return tuple(rec for rec in found if unique.get(rec.id) is rec)


def _without_restated_binding(found: list[Recommendation]) -> list[Recommendation]:
    """Drop the binding layer's advice when a pattern already says it, under the same imperative.

    A Trust Ceiling cites Societal Trust and is answered by measuring trust: telling the board
    the same thing twice, once as a layer and once as a pattern, would crowd out the next step.
    """
    binding = next((rec for rec in found if rec.id.startswith("REC-binding-")), None)
    if binding is None:
        return found
    for rec in found:
        if (
            rec.id.startswith("REC-pattern-")
            and rec.imperative is binding.imperative
            and binding.source in {e.ref for e in rec.evidence}
        ):
            return [r for r in found if r is not binding]
    return found


def _binding_recommendation(result: AssessmentResult) -> list[Recommendation]:
    found: list[Recommendation] = []
    binding = result.binding_layer
    if binding is not None:
        figures = result.layers[binding]
        if figures.band is not None and figures.band != Band.ALIGNED:
            title, detail = _LAYER_ADVICE[binding]
            found.append(
                Recommendation(
                    id=f"REC-binding-{binding.value}",
                    imperative=LAYER_IMPERATIVE[binding],
                    title=title,
                    detail=f"{binding.label} is the binding layer: it caps the value the "
                    f"initiative can realise. {detail}",
                    evidence=(
                        Evidence(
                            label=f"{binding.label} (binding layer)",
                            value=f"{fmt_score(figures.score)} (target "
                            f"{fmt_score(figures.target)}, gap {fmt_score(figures.gap)})",
                            ref=binding.value,
                        ),
                    ),
                    source=binding.value,
                )
            )
    return found


def _agreement_recommendation(result: AssessmentResult) -> list[Recommendation]:
    found: list[Recommendation] = []
    split = [
        (layer, figures.rwg)
        for layer, figures in result.layers.items()
        if figures.low_agreement and figures.rwg is not None
    ]
    if split:
        names = ", ".join(layer.label for layer, _ in split)
        found.append(
            Recommendation(
                id="REC-low-agreement",
                imperative=Imperative.ALIGN_LEADERSHIP,
                title=f"Resolve the disagreement on {names} before acting on the scores",
                detail="Respondents see these layers very differently, so the average hides "
                "competing views. Discuss the items with the widest spread and agree what "
                "success means before acting on the scores.",
                evidence=tuple(
                    Evidence(
                        label=f"{layer.label}: agreement (r_wg)",
                        value=fmt_number(rwg, 2),
                        ref=layer.value,
                    )
                    for layer, rwg in split
                ),
                source=",".join(layer.value for layer, _ in split),
            )
        )
    return found


def _item_recommendations(
    result: AssessmentResult,
    instrument: Instrument,
    max_items: int,
    threshold: float,
    cited: set[str],
) -> list[Recommendation]:
    scored = [
        (figures.mean, item)
        for item in instrument.items()
        if item.id not in cited
        and (figures := result.items.get(item.id)) is not None
        and figures.mean is not None
        and figures.mean < threshold
    ]
    scored.sort(key=lambda pair: pair[0])
    return [
        Recommendation(
            id=f"REC-item-{item.id}",
            imperative=item_imperative(item),
            title=item_action(item),
            detail=item.help,
            evidence=(item_evidence(instrument, item.id, mean),),
            source=item.id,
        )
        for mean, item in scored[:max_items]
    ]


def action_fields(recommendation: Recommendation) -> dict[str, Any]:
    """Keyword arguments for ``PortfolioStore.add_action``, keeping the evidence with the action."""
    return {
        "imperative": recommendation.imperative,
        "title": recommendation.title,
        "detail": recommendation.detail,
        "source": {
            "recommendation": recommendation.id,
            "answers": recommendation.source,
            "evidence": [
                {"label": e.label, "value": e.value, "ref": e.ref} for e in recommendation.evidence
            ],
        },
    }
