"""Instrument version 2.0 against the founding paper, and version 1.0 kept exactly as it was."""

from __future__ import annotations

import re
from datetime import date

import pytest

from avi_desktop.model.domain import LAYERS, Layer, Stage, StakeholderGroup
from avi_desktop.model.instrument import (
    BUNDLED_VERSIONS,
    NEWEST_VERSION,
    PATTERN_ITEMS,
    bundled_instrument,
    bundled_version,
)
from avi_desktop.model.overview import evaluate_assessment, instrument_for
from avi_desktop.model.results import ResponseSet
from avi_desktop.model.scoring import required_answers, score_assessment
from avi_desktop.model.store import PortfolioStore

NEW = bundled_instrument()
OLD = bundled_instrument("1.0")

# The misalignment signals of the paper's section 4 table, layer by layer (in the file's words).
PAPER_SIGNALS = {
    Layer.TECHNOLOGY: 2,  # pilots succeed, production fails; build accuracy does not replicate
    Layer.LEADERSHIP: 2,  # strategy shifts with leaders; championed but under-resourced
    Layer.ORGANISATION: 3,  # adoption stalls; frontline rejects; governance ad hoc or absent
    Layer.TRUST: 4,  # public backlash; regulatory intervention; employee resistance; reputation
}


def test_new_assessments_use_the_newest_version() -> None:
    assert (NEW.id, NEW.version) == ("avi-four-layer", NEWEST_VERSION) == ("avi-four-layer", "2.0")
    assert set(BUNDLED_VERSIONS) == {"1.0", "2.0"}
    assert bundled_version("avi-four-layer", "1.0") is OLD
    assert bundled_version("avi-four-layer", "9.9") is None
    assert bundled_version("someone-else", "2.0") is None
    assert instrument_for("avi-four-layer", "1.0") is OLD
    assert instrument_for("avi-four-layer", "2.0") is NEW


def test_every_signal_of_the_paper_maps_to_an_item_of_its_layer() -> None:
    for spec in NEW.layers:
        assert len(spec.signals) == PAPER_SIGNALS[spec.layer], spec.layer
        ids = {item.id for item in spec.items}
        for signal in spec.signals:
            measured_by = spec.signal_items.get(signal, ())
            assert measured_by, f"{signal!r} is measured by no item"
            assert set(measured_by) <= ids


def test_no_item_is_reversed_or_shows_reverse_wording() -> None:
    for item in NEW.items():
        assert not item.reverse, item.id
        assert "reverse" not in (item.text + item.help).lower(), item.id


NEGATIONS = re.compile(r"\b(not|no|never|nobody|none|without)\b|n't\b", re.IGNORECASE)


def test_agreement_items_have_no_negation_so_no_double_negative() -> None:
    for item in NEW.items():
        if item.anchors[0] == "Strongly disagree":
            assert not NEGATIONS.search(item.text), item.id


@pytest.mark.parametrize(
    ("item_id", "not_two_things"),
    [
        ("TC-03", "available"),  # data available / of known quality / maintained: split
        ("TC-04", "quality"),
        ("TC-06", "detect"),  # monitored / errors detected and corrected: split
        ("TC-07", "correct"),
        ("OC-05", "written"),  # documented, enforced and reviewed: split
        ("OC-06", "followed"),
        ("ST-02", "understand"),  # understand it and regard it as fair: split
        ("ST-03", "fair"),
        ("ST-05", "bias"),  # bias, fairness and security: security is TC-10
        ("ST-10", "defined"),  # defined and shared: acceptable uses in writing
    ],
)
def test_split_items_ask_one_thing(item_id: str, not_two_things: str) -> None:
    text = NEW.item(item_id).text.lower()
    assert not_two_things in text
    assert text.count(" and ") <= 1 or item_id == "ST-05"


def test_no_hypothetical_items() -> None:
    for item in NEW.items():
        text = f" {item.text.lower()} "
        assert " would " not in text and " could " not in text and " if " not in text, item.id


LIVE_USE = ["TC-01", "TC-02", "TC-08", "OC-03", "OC-13", "ST-11", "ST-13", "ST-14"]


def test_items_that_depend_on_the_stage_allow_not_applicable() -> None:
    assert all(NEW.item(item_id).allow_na for item_id in LIVE_USE)
    # An initiative not yet live answers "not applicable" to every such item and still has
    # enough answered items in every layer to be scored.
    for spec in NEW.layers:
        stage_bound = [item for item in spec.items if item.id in LIVE_USE]
        needed = required_answers(len(spec.items), NEW.min_answered_fraction)
        assert len(spec.items) - len(stage_bound) >= needed, spec.layer


def test_societal_trust_asks_what_affected_people_think_and_what_happened() -> None:
    trust = NEW.layer(Layer.TRUST)
    governance_only = [i for i in trust.items if set(i.tags) <= {"governance", "ethics"}]
    assert len(governance_only) <= 2  # the bias audit and the acceptable uses
    texts = " ".join(item.text.lower() for item in trust.items)
    for happened in (
        "regulators' response",
        "complaints",
        "employees' reaction",
        "public reaction",
    ):
        assert happened in texts
    assert "by what they have told us" in texts


def test_pattern_items_name_existing_items() -> None:
    for instrument in (NEW, OLD):
        assert set(instrument.pattern_items) == set(PATTERN_ITEMS)
        for ids in instrument.pattern_items.values():
            assert all(instrument.item(item_id) for item_id in ids)


# Version 1.0 as it shipped: 40 items, these reversed and these allowing "not applicable".
OLD_REVERSED = ["TC-08", "LA-05", "LA-10", "OC-08", "ST-08"]
OLD_NOT_APPLICABLE = ["TC-06", "TC-10", "ST-01", "ST-06"]


def test_version_one_is_kept_as_it_shipped() -> None:
    assert len(OLD.items()) == 40
    assert [i.id for i in OLD.items() if i.reverse] == OLD_REVERSED
    assert [i.id for i in OLD.items() if i.allow_na] == OLD_NOT_APPLICABLE
    assert all(i.weight == 1.0 for i in OLD.items())
    assert "Reverse-keyed" not in " ".join(i.help for i in OLD.items())


# Technology, respondent a: raw 1,2,3,4,5,(n/a),2,3,4,5 with TC-08 (raw 3) reversed to 3:
# 100 * 20 / 36 = 55.56; b: 1,2,3,4,0,2,1,4,0 over 9 items = 17, 47.22; mean 51.39.
EXPECTED_OLD_SCORES = {
    Layer.TECHNOLOGY: 51.388888888888886,
    Layer.LEADERSHIP: 50.0,
    Layer.ORGANISATION: 47.5,
    Layer.TRUST: 47.22222222222222,
}
EXPECTED_OLD_RWG = {
    Layer.TECHNOLOGY: 0.0,
    Layer.LEADERSHIP: 0.0,
    Layer.ORGANISATION: 0.0,
    Layer.TRUST: 0.8181818181818182,
}


def _old_answers() -> list[ResponseSet]:
    """Two respondents; every raw answer 1..5 in turn, one not applicable, one unanswered."""
    people = []
    for n, group in enumerate((StakeholderGroup.CFOS, StakeholderGroup.EMPLOYEES)):
        answers: dict[str, int | None] = {
            item.id: (k + n) % 5 + 1 for k, item in enumerate(OLD.items())
        }
        answers["TC-06"] = None
        del answers["ST-10"]
        people.append(ResponseSet(f"r{n}", f"R{n}", group, answers))
    return people


def test_assessments_on_version_one_score_exactly_as_before() -> None:
    # Worked by hand from PRODUCT.md section 4 on the 1.0 file as it shipped: raw answers
    # cycle 1..5 along the 40 items (respondent b starts at 2), reversed items count 6 - x.
    result = score_assessment(OLD, _old_answers(), dict.fromkeys(LAYERS, 75.0))
    scores = {layer: result.layers[layer].score for layer in LAYERS}
    assert scores == pytest.approx(EXPECTED_OLD_SCORES)
    assert {layer: result.layers[layer].rwg for layer in LAYERS} == pytest.approx(EXPECTED_OLD_RWG)


def test_a_stored_version_one_assessment_is_scored_with_version_one(
    store: PortfolioStore,
) -> None:
    initiative = store.add_initiative(
        name="Old one", stage=Stage.PILOT.value, stage_since=date(2025, 1, 1)
    )
    assessment = store.create_assessment(
        initiative, title="2025 review", instrument=OLD, assessed_on=date(2025, 6, 1)
    )
    for person in _old_answers():
        rid = store.add_respondent(assessment, name=person.name, group=person.group.value)
        store.set_answers(rid, person.answers)
    result = evaluate_assessment(store, assessment)
    assert result.instrument_version == "1.0"
    assert {layer: result.layers[layer].score for layer in LAYERS} == pytest.approx(
        EXPECTED_OLD_SCORES
    )
