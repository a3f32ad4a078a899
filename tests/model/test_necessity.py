"""The necessity instrument and its outcome rules: knock-outs, missing answers, conditions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from avi_desktop.model.domain import NecessityOutcome
from avi_desktop.model.errors import InstrumentError, ValidationError
from avi_desktop.model.necessity import evaluate_necessity, load_necessity_instrument

INSTRUMENT = load_necessity_instrument()


def complete() -> dict[str, Any]:
    """A full set of answers that passes every rule of the bundled instrument."""
    return {
        "problem_defined": True,
        "problem_statement": "Claims take 11 days to triage.",
        "kpi_name": "Days to triage",
        "kpi_baseline": 11,
        "kpi_target": 3.5,
        "alternatives_considered": "More staff; rules engine.",
        "simpler_option_meets_need": False,
        "alternatives_shortfall": "Rules miss half the cases.",
        "uncertainty": "high",
        "error_tolerance": "moderate",
        "explanation_need": "important",
        "data_readiness": "ready",
        "output_actor": "Claims handlers",
        "workflow_entry": "A priority flag in the claims queue.",
        "business_owner": "Head of Claims",
        "data_ai_partner": "Chief Data Officer",
        "beneficiaries": "Customers wait less.",
    }


def test_bundled_necessity_instrument_covers_the_product_sections() -> None:
    assert (INSTRUMENT.id, INSTRUMENT.version) == ("avi-necessity", "1.0")
    sections = [s.id for s in INSTRUMENT.sections]
    assert sections == [
        "problem",
        "alternatives",
        "task_fit",
        "data",
        "workflow",
        "accountability",
        "benefit",
    ]
    kinds = {q.kind for q in INSTRUMENT.questions()}
    assert kinds == {"text", "choice", "yes_no", "number"}
    assert {k.question for k in INSTRUMENT.knockouts} == {
        "problem_defined",
        "simpler_option_meets_need",
    }
    assert INSTRUMENT.question("uncertainty").choices[0][0] == "low"
    assert load_necessity_instrument() is INSTRUMENT  # cached


def test_complete_answers_keep_the_chosen_outcome() -> None:
    result = evaluate_necessity(INSTRUMENT, complete(), NecessityOutcome.JUSTIFIED)
    assert result.outcome == NecessityOutcome.JUSTIFIED
    assert result.knockouts == () and result.missing == () and result.conditions == ()


def test_conditions_are_required_and_kept_for_justified_with_conditions() -> None:
    with pytest.raises(ValidationError, match="needs the conditions listed"):
        evaluate_necessity(INSTRUMENT, complete(), NecessityOutcome.JUSTIFIED_WITH_CONDITIONS)
    result = evaluate_necessity(
        INSTRUMENT,
        complete(),
        NecessityOutcome.JUSTIFIED_WITH_CONDITIONS,
        ["Human review of every denial", "  "],
    )
    assert result.conditions == ("Human review of every denial",)


@pytest.mark.parametrize(
    ("question", "answer", "reason"),
    [
        ("problem_defined", False, "No business problem has been defined."),
        ("simpler_option_meets_need", True, "A simpler option without AI meets the need."),
    ],
)
def test_knockouts_force_not_justified(question: str, answer: bool, reason: str) -> None:
    answers = complete() | {question: answer}
    result = evaluate_necessity(INSTRUMENT, answers, NecessityOutcome.JUSTIFIED)
    assert result.outcome == NecessityOutcome.NOT_JUSTIFIED
    assert [(e.label, e.ref) for e in result.knockouts] == [(reason, question)]
    assert result.knockouts[0].value == ("Yes" if answer else "No")


def test_knockout_wins_over_missing_answers() -> None:
    result = evaluate_necessity(INSTRUMENT, {"problem_defined": False}, None)
    assert result.outcome == NecessityOutcome.NOT_JUSTIFIED
    assert "kpi_name" in result.missing


def test_missing_required_answers_give_insufficient_information() -> None:
    answers = complete()
    del answers["business_owner"]
    answers["kpi_name"] = "   "
    answers["alternatives_shortfall"] = ""  # optional: not missing
    result = evaluate_necessity(INSTRUMENT, answers, NecessityOutcome.JUSTIFIED)
    assert result.outcome == NecessityOutcome.INSUFFICIENT_INFORMATION
    assert result.missing == ("kpi_name", "business_owner")


def test_a_chosen_outcome_is_needed_when_nothing_decides_it() -> None:
    with pytest.raises(ValidationError, match="Choose the outcome"):
        evaluate_necessity(INSTRUMENT, complete(), None)


@pytest.mark.parametrize(
    ("question", "answer", "wanted"),
    [
        ("problem_defined", "yes", "yes or no"),
        ("kpi_baseline", "eleven", "a number"),
        ("kpi_baseline", True, "a number"),
        ("uncertainty", "extreme", "one of low, moderate, high"),
        ("problem_statement", 12, "a text"),
    ],
)
def test_answers_of_the_wrong_kind_are_refused(question: str, answer: Any, wanted: str) -> None:
    with pytest.raises(ValidationError, match=wanted) as caught:
        evaluate_necessity(INSTRUMENT, complete() | {question: answer}, NecessityOutcome.JUSTIFIED)
    assert caught.value.field == question


def test_unknown_questions_are_refused() -> None:
    with pytest.raises(ValidationError, match="Unknown necessity question"):
        evaluate_necessity(INSTRUMENT, {"mood": "good"}, NecessityOutcome.JUSTIFIED)


def test_the_number_one_is_not_a_yes() -> None:
    # A knock-out on "true" must not fire for an answer of 1 (True == 1 in Python).
    result = evaluate_necessity(
        INSTRUMENT, complete() | {"kpi_baseline": 1}, NecessityOutcome.JUSTIFIED
    )
    assert result.outcome == NecessityOutcome.JUSTIFIED


SMALL = """
id = "own"
version = "1"
title = "Ours"

[[sections]]
id = "s"
title = "Section"

[[sections.questions]]
id = "q1"
kind = "yes_no"
text = "Defined?"
required = true

[[knockouts]]
question = "q1"
equals = false
reason = "Not defined."
"""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('kind = "yes_no"', 'kind = "essay"', "sections[0].questions[0].kind must be one of"),
        ('question = "q1"', 'question = "q9"', "knockouts[0].question names no question"),
        ('title = "Section"', 'title = "Section"\ncolour = 1', "sections[0].colour is not a known"),
        ("required = true", 'required = "always"', "questions[0].required must be true or false"),
        ('kind = "yes_no"', 'kind = "choice"', "sections[0].questions[0].choices must list"),
        ('id = "own"', 'id = "own', "is not valid TOML"),
    ],
)
def test_broken_necessity_files(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = tmp_path / "necessity.toml"
    path.write_text(SMALL.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_necessity_instrument(path)
    assert caught.value.message.startswith("necessity.toml: ")
    assert message in caught.value.message


def test_an_organisation_file_with_its_own_knockout(tmp_path: Path) -> None:
    path = tmp_path / "necessity.toml"
    path.write_text(SMALL, encoding="utf-8")
    instrument = load_necessity_instrument(path)
    result = evaluate_necessity(instrument, {"q1": False}, NecessityOutcome.JUSTIFIED)
    assert result.outcome == NecessityOutcome.NOT_JUSTIFIED
    assert result.knockouts[0].label == "Not defined."
