"""Small hand-built instruments and answer sets for the assessment-engine tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from avi_desktop.model.domain import LAYERS, AssessmentStatus, Layer, StakeholderGroup
from avi_desktop.model.instrument import Instrument, Item, LayerSpec, bundled_instrument
from avi_desktop.model.results import ResponseSet
from avi_desktop.model.store import PortfolioStore

PREFIX = {Layer.TECHNOLOGY: "T", Layer.LEADERSHIP: "L", Layer.ORGANISATION: "O", Layer.TRUST: "S"}
ANCHORS = ("1", "2", "3", "4", "5")


def small_instrument(
    weights: Mapping[str, float] | None = None,
    reverse: Sequence[str] = (),
    items_per_layer: int = 5,
    tags: Mapping[str, tuple[str, ...]] | None = None,
) -> Instrument:
    """Five items per layer named T1..T5, L1..L5, O1..O5, S1..S5; bundled pattern thresholds."""
    weights = weights or {}
    tags = tags or {}
    layers = []
    for layer in LAYERS:
        items = tuple(
            Item(
                id=(item_id := f"{PREFIX[layer]}{n}"),
                layer=layer,
                text=f"Statement {item_id}",
                help="",
                anchors=ANCHORS,
                weight=weights.get(item_id, 1.0),
                reverse=item_id in reverse,
                allow_na=True,
                tags=tags.get(item_id, ()),
            )
            for n in range(1, items_per_layer + 1)
        )
        layers.append(LayerSpec(layer, layer.label, "", (), items))
    return Instrument(
        id="test",
        version="1",
        title="Test instrument",
        description="",
        layers=tuple(layers),
        patterns=bundled_instrument().patterns,
    )


def response(
    rid: str,
    answers: Mapping[str, int | None],
    group: StakeholderGroup = StakeholderGroup.BOARDS,
) -> ResponseSet:
    return ResponseSet(respondent_id=rid, name=rid, group=group, answers=dict(answers))


def effective_answers(
    instrument: Instrument,
    levels: Mapping[Layer, int],
    tag_levels: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Raw answers whose score after reverse keying is the level of the item's layer (or tag)."""
    tag_levels = tag_levels or {}
    answers = {}
    for item in instrument.items():
        level = levels[item.layer]
        for tag in item.tags:
            if tag in tag_levels:
                level = tag_levels[tag]
        answers[item.id] = 6 - level if item.reverse else level
    return answers


def fill_portfolio(store: PortfolioStore, today: date = date(2026, 11, 23)) -> dict[str, str]:
    """One initiative with two closed assessments and a draft, one with nothing scored yet.

    The first assessment scores 50 on every layer for both respondents; the second scores 75
    (respondent a) and 25 (respondent b, employees) on leadership and 75 elsewhere.
    """
    instrument = bundled_instrument("1.0")  # the figures in the tests are worked on 1.0
    claims = store.add_initiative(
        name="Claims triage",
        stage="pilot",
        stage_since=date(2025, 1, 1),
        kpi_name="Days to triage",
        kpi_baseline=10.0,
        kpi_target=4.0,
        business_owner="Head of Claims",
        data_ai_partner="Chief Data Officer",
        business_unit="Operations",
    )
    store.add_necessity(
        claims,
        answers={},
        outcome="justified",
        decided_on=date(2025, 1, 5),
        decided_by="Board",
        rationale="A good fit.",
    )
    ids = {"claims": claims}
    plans = [
        ("first", date(2026, 1, 10), dict.fromkeys(LAYERS, 3), dict.fromkeys(LAYERS, 3)),
        (
            "second",
            date(2026, 6, 10),
            dict.fromkeys(LAYERS, 4),
            {**dict.fromkeys(LAYERS, 4), Layer.LEADERSHIP: 2},
        ),
    ]
    for key, on, first, second in plans:
        assessment = store.create_assessment(
            claims, title=f"{key} review", instrument=instrument, assessed_on=on
        )
        a = store.add_respondent(assessment, name="Ann", group="cfos", role="CFO")
        b = store.add_respondent(assessment, name="Bo", group="employees")
        store.set_answers(a, effective_answers(instrument, first), {"TC-01": "Seen, in use"})
        store.set_answers(b, effective_answers(instrument, second))
        store.set_assessment_status(assessment, AssessmentStatus.CLOSED)
        ids[key] = assessment
    ids["draft"] = store.create_assessment(
        claims, title="draft", instrument=instrument, assessed_on=today
    )
    ids["idea"] = store.add_initiative(
        name="Chat assistant", stage="proof_of_concept", stage_since=date(2026, 10, 1)
    )
    return ids
