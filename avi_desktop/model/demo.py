"""The bundled demo portfolio: a fictional insurer's AI initiatives, built through the store.

Harbourline Mutual is invented. Its content lives in ``resources/demo/*.toml`` (read and checked
by ``demo_data``): thirteen initiatives covering every stage, every necessity outcome and each of
the seven misalignment patterns, including a workshop where leaders disagree and an initiative
assessed twice so change over time shows. Four-layer answers are drawn from per-layer score
profiles with a seeded random source, so the same data always gives the same answers.
"""

from __future__ import annotations

import random
from pathlib import Path

from avi_desktop.model.demo_data import (
    Assessment,
    DemoContent,
    Initiative,
    Necessity,
    Respondent,
    load_demo,
)
from avi_desktop.model.domain import AssessmentStatus, NecessityOutcome
from avi_desktop.model.errors import PortfolioError
from avi_desktop.model.instrument import NEWEST_VERSION, Instrument, bundled_instrument
from avi_desktop.model.store import PortfolioStore


def _draw(rng: random.Random, centre: float, noise: float) -> int:
    return max(1, min(5, round(rng.gauss(centre, noise))))


def _answers(
    instrument: Instrument, spec: Assessment, respondent: Respondent, rng: random.Random
) -> dict[str, int | None]:
    answers: dict[str, int | None] = {}
    for layer_spec in instrument.layers:
        centre = (
            1
            + 4 * spec.profile[layer_spec.layer] / 100
            + respondent.bias.get(layer_spec.layer, 0.0)
        )
        for item in layer_spec.items:
            wanted = centre
            for tag in item.tags:
                if tag in spec.tag_scores:
                    wanted = min(wanted, spec.tag_scores[tag] + respondent.bias.get(item.layer, 0))
            score = _draw(rng, wanted, spec.noise)
            # Reverse-keyed items (version 1.0) are worded negatively: a good state is a low
            # raw answer. Every item draws, so a fixed answer leaves later draws unchanged.
            answers[item.id] = 6 - score if item.reverse else score
    for item_id in spec.not_applicable:
        if not instrument.item(item_id).allow_na:
            raise PortfolioError(f"Demo: {item_id} does not allow 'not applicable'.")
        answers[item_id] = None
    for item_id, score in spec.fixed.items():
        item = instrument.item(item_id)
        answers[item_id] = 6 - score if item.reverse else score
    return answers


def build_demo(
    path: Path, *, instrument: Instrument | None = None, data: Path | None = None
) -> None:
    """Write the demo portfolio to ``path`` (which must not exist yet).

    ``data`` is the folder of demo TOML files (the bundled ones by default); they are read and
    checked in full before the portfolio file is created.
    """
    if path.exists():
        raise PortfolioError(f"{path} already exists; choose another file name or delete it.")
    content = load_demo(data)
    rng = random.Random(content.answer_seed)
    with PortfolioStore.create(path, organisation=content.organisation) as store:
        store.update_settings(classification=content.classification, currency=content.currency)
        value_ids = {
            name: store.add_stated_value(name, description)
            for name, description in content.stated_values
        }
        ids: dict[str, str] = {}
        for spec in content.initiatives:
            ids[spec.name] = _add_initiative(store, instrument, content, spec, rng)
        for decision in content.decisions:
            store.add_decision(
                ids[decision.initiative],
                decided_on=decision.decided_on,
                title=decision.title,
                situation=decision.situation,
                actual_logic=decision.actual_logic,
                cost_of_decision_not_made=decision.cost_of_decision_not_made,
                decided_by=decision.decided_by,
                pressure=decision.pressure,
                argued_by=decision.argued_by,
                stances={value_ids[value]: stance for value, stance in decision.stances.items()},
            )


def _add_initiative(
    store: PortfolioStore,
    instrument: Instrument | None,
    content: DemoContent,
    spec: Initiative,
    rng: random.Random,
) -> str:
    initiative_id = store.add_initiative(
        name=spec.name,
        description=spec.description,
        business_problem=spec.business_problem,
        expected_output=spec.expected_output,
        output_use=spec.output_use,
        kpi_name=spec.kpi_name,
        kpi_unit=spec.kpi_unit,
        kpi_baseline=spec.kpi_baseline,
        kpi_target=spec.kpi_target,
        business_unit=spec.business_unit,
        business_owner=spec.business_owner,
        data_ai_partner=spec.data_ai_partner,
        sponsor=spec.sponsor,
        stage=spec.stage,
        stage_since=spec.stage_since,
        investment_to_date=spec.investment_to_date,
        affected_groups=[group.value for group in spec.affected_groups],
        success_criteria={group.value: text for group, text in spec.success_criteria.items()},
        kpi_actuals=[{"date": on.isoformat(), "value": value} for on, value in spec.kpi_actuals],
        stage_history=[
            {"stage": stage.value, "since": since.isoformat()}
            for stage, since in spec.stage_history
        ],
        tags=list(spec.tags),
    )
    if spec.necessity is not None:
        store.add_necessity(
            initiative_id,
            answers=necessity_answers(content, spec, spec.necessity),
            outcome=spec.necessity.outcome,
            conditions=list(spec.necessity.conditions),
            rationale=spec.necessity.rationale,
            decided_by=spec.necessity.decided_by,
            decided_on=spec.necessity.decided_on,
            before_technology_decision=spec.necessity.before_technology_decision,
        )
    for assessment in spec.assessments:
        # The given instrument, else the version the assessment names, else the newest.
        used = instrument or bundled_instrument(assessment.instrument_version or NEWEST_VERSION)
        assessment_id = store.create_assessment(
            initiative_id,
            title=assessment.title,
            instrument=used,
            assessed_on=assessment.assessed_on,
            mode=assessment.mode,
        )
        for respondent in assessment.respondents:
            respondent_id = store.add_respondent(
                assessment_id, name=respondent.name, group=respondent.group, role=respondent.role
            )
            store.set_answers(respondent_id, _answers(used, assessment, respondent, rng))
        store.set_assessment_status(assessment_id, AssessmentStatus.CLOSED)
    for action in spec.actions:
        store.add_action(
            initiative_id,
            imperative=action.imperative,
            title=action.title,
            owner=action.owner,
            due_on=action.due_on,
        )
    return initiative_id


def necessity_answers(
    content: DemoContent, spec: Initiative, necessity: Necessity
) -> dict[str, object]:
    """Answers to the bundled necessity instrument, consistent with the initiative's fields.

    An *Insufficient information* outcome leaves the accountable owner unanswered, as the
    initiative record does; a knock-out gives the answer that forces *Not justified*.
    """
    justified = necessity.outcome in (
        NecessityOutcome.JUSTIFIED,
        NecessityOutcome.JUSTIFIED_WITH_CONDITIONS,
    )
    answers: dict[str, object] = {
        "problem_defined": necessity.knockout != "no_problem",
        "problem_statement": spec.business_problem,
        "kpi_name": spec.kpi_name,
        "alternatives_considered": content.alternatives_considered,
        "simpler_option_meets_need": necessity.knockout == "simpler_option",
        "alternatives_shortfall": necessity.rationale if justified else "",
        "uncertainty": "high" if justified else "moderate",
        "error_tolerance": "moderate" if justified else "low",
        "explanation_need": "important",
        "data_readiness": "ready" if justified else "unproven",
        "data_rights": True,
        "output_actor": f"{spec.business_unit} team" if spec.output_use else "",
        "workflow_entry": spec.output_use,
        "business_owner": spec.business_owner,
        "data_ai_partner": spec.data_ai_partner,
        "beneficiaries": ", ".join(group.label for group in spec.affected_groups),
        "bears_risk": content.bears_risk,
    }
    if spec.kpi_baseline is not None:
        answers["kpi_baseline"] = spec.kpi_baseline
    if spec.kpi_target is not None:
        answers["kpi_target"] = spec.kpi_target
    return {key: value for key, value in answers.items() if value != ""}
