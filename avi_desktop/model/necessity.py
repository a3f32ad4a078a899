"""The necessity assessment: is AI genuinely the right tool for this problem?

Questions and knock-out rules live in ``resources/instruments/necessity.toml``; this module only
applies them. Knock-outs (no defined business problem; a simpler option meets the need) force
*Not justified*; a missing required answer gives *Insufficient information*; otherwise the
decider's chosen outcome stands. ``suggest_outcome`` reads the task-fit and data answers and
suggests an outcome with its reasons; choosing another outcome needs a rationale that says why.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from avi_desktop.model.domain import NecessityOutcome
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.instrument_files import _Checker, _read_toml
from avi_desktop.model.results import Evidence, NecessityResult
from avi_desktop.paths import resource

KINDS = ("text", "choice", "yes_no", "number")
BUNDLED_NECESSITY_FILE = "necessity.toml"


@dataclass(frozen=True)
class NecessityQuestion:
    id: str
    section: str
    kind: str  # one of KINDS
    text: str
    help: str = ""
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (key, label) for kind "choice"


@dataclass(frozen=True)
class NecessitySection:
    id: str
    title: str
    help: str
    questions: tuple[NecessityQuestion, ...]


@dataclass(frozen=True)
class KnockOut:
    """An answer that forces *Not justified* whatever else is answered."""

    question: str
    equals: bool | str | float
    reason: str


@dataclass(frozen=True)
class NecessityInstrument:
    id: str
    version: str
    title: str
    description: str
    sections: tuple[NecessitySection, ...]
    knockouts: tuple[KnockOut, ...]

    def questions(self) -> tuple[NecessityQuestion, ...]:
        return tuple(q for section in self.sections for q in section.questions)

    def question(self, question_id: str) -> NecessityQuestion:
        for question in self.questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)


@dataclass(frozen=True)
class NecessityFacts:
    """What the patterns need to know of the newest necessity assessment."""

    outcome: NecessityOutcome
    decided_on: date | None = None
    conditions: tuple[str, ...] = ()
    # Whether it came before the technology decision; None where it was never recorded.
    before_technology_decision: bool | None = None

    @classmethod
    def from_record(cls, record: Any) -> NecessityFacts:
        """From a stored ``NecessityAssessment`` (or anything with the same attributes)."""
        return cls(
            outcome=NecessityOutcome(record.outcome),
            decided_on=record.decided_on,
            conditions=tuple(record.conditions or ()),
            before_technology_decision=getattr(record, "before_technology_decision", None),
        )


_TOP = frozenset({"id", "version", "title", "description", "sections", "knockouts"})
_SECTION = frozenset({"id", "title", "help", "questions"})
_QUESTION = frozenset({"id", "kind", "text", "help", "required", "choices"})
_CHOICE = frozenset({"key", "label"})
_KNOCKOUT = frozenset({"question", "equals", "reason"})


def _question(check: _Checker, raw: Any, key: str, section: str) -> NecessityQuestion:
    table = check.table(raw, key)
    check.keys(table, _QUESTION, key)
    kind = table.get("kind")
    if kind not in KINDS:
        raise check.fail(f"{key}.kind", f"must be one of {', '.join(KINDS)}, got {kind!r}")
    choices: list[tuple[str, str]] = []
    if kind == "choice":
        raw_choices = table.get("choices")
        if not isinstance(raw_choices, list) or len(raw_choices) < 2:
            raise check.fail(f"{key}.choices", "must list at least two choices")
        for n, raw_choice in enumerate(raw_choices):
            where = f"{key}.choices[{n}]"
            choice = check.table(raw_choice, where)
            check.keys(choice, _CHOICE, where)
            choices.append((check.text(choice, "key", where), check.text(choice, "label", where)))
    elif "choices" in table:
        raise check.fail(f"{key}.choices", "is only allowed for kind = 'choice'")
    return NecessityQuestion(
        id=check.text(table, "id", key),
        section=section,
        kind=kind,
        text=check.text(table, "text", key),
        help=check.text(table, "help", key, required=False),
        required=check.boolean(table, "required", key),
        choices=tuple(choices),
    )


def load_necessity_instrument(path: Path | str | None = None) -> NecessityInstrument:
    """Read and validate a necessity instrument; the bundled one when no path is given."""
    if path is None:
        return _bundled()
    return _load(Path(path))


@cache
def _bundled() -> NecessityInstrument:
    return _load(resource("instruments", BUNDLED_NECESSITY_FILE))


def _load(path: Path) -> NecessityInstrument:
    data = _read_toml(path)
    check = _Checker(path)
    check.keys(data, _TOP, "")
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise check.fail("sections", "must list at least one section")
    sections: list[NecessitySection] = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_sections):
        key = f"sections[{n}]"
        table = check.table(raw, key)
        check.keys(table, _SECTION, key)
        section_id = check.text(table, "id", key)
        raw_questions = table.get("questions")
        if not isinstance(raw_questions, list) or not raw_questions:
            raise check.fail(f"{key}.questions", "must list at least one question")
        questions = []
        for m, raw_question in enumerate(raw_questions):
            question = _question(check, raw_question, f"{key}.questions[{m}]", section_id)
            if question.id in seen:
                raise check.fail(f"{key}.questions[{m}].id", f"repeats question id {question.id!r}")
            seen.add(question.id)
            questions.append(question)
        sections.append(
            NecessitySection(
                id=section_id,
                title=check.text(table, "title", key),
                help=check.text(table, "help", key, required=False),
                questions=tuple(questions),
            )
        )
    knockouts: list[KnockOut] = []
    raw_knockouts = data.get("knockouts", [])
    if not isinstance(raw_knockouts, list):
        raise check.fail("knockouts", "must be a list of [[knockouts]] tables")
    for n, raw in enumerate(raw_knockouts):
        key = f"knockouts[{n}]"
        table = check.table(raw, key)
        check.keys(table, _KNOCKOUT, key)
        question_id = check.text(table, "question", key)
        if question_id not in seen:
            raise check.fail(
                f"{key}.question", f"names no question of the instrument: {question_id!r}"
            )
        if "equals" not in table or not isinstance(table["equals"], bool | str | int | float):
            raise check.fail(f"{key}.equals", "must give the answer that knocks out")
        knockouts.append(KnockOut(question_id, table["equals"], check.text(table, "reason", key)))
    return NecessityInstrument(
        id=check.text(data, "id", ""),
        version=check.text(data, "version", ""),
        title=check.text(data, "title", ""),
        description=check.text(data, "description", "", required=False),
        sections=tuple(sections),
        knockouts=tuple(knockouts),
    )


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_answer(question: NecessityQuestion, value: Any) -> None:
    """Raise ValidationError when an answer does not fit its question's kind."""
    if _is_blank(value):
        return
    ok = {
        "text": isinstance(value, str),
        "yes_no": isinstance(value, bool),
        "number": isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value),
        "choice": value in {key for key, _ in question.choices},
    }[question.kind]
    if not ok:
        wanted = {
            "text": "a text",
            "yes_no": "yes or no",
            "number": "a number",
            "choice": "one of " + ", ".join(key for key, _ in question.choices),
        }[question.kind]
        raise ValidationError(
            f"The answer to {question.text!r} must be {wanted}, got {value!r}.", question.id
        )


def evaluate_necessity(
    instrument: NecessityInstrument,
    answers: Mapping[str, Any],
    chosen: NecessityOutcome | None,
    conditions: Sequence[str] = (),
) -> NecessityResult:
    """Apply knock-outs, then required answers, then the decider's chosen outcome."""
    known = {q.id: q for q in instrument.questions()}
    stray = sorted(set(answers) - set(known))
    if stray:
        raise ValidationError(f"Unknown necessity question(s): {', '.join(stray)}.")
    for question_id, value in answers.items():
        check_answer(known[question_id], value)
    knockouts = tuple(
        Evidence(label=rule.reason, value=_show(answers[rule.question]), ref=rule.question)
        for rule in instrument.knockouts
        if rule.question in answers and _same(answers[rule.question], rule.equals)
    )
    missing = tuple(
        q.id for q in instrument.questions() if q.required and _is_blank(answers.get(q.id))
    )
    clean_conditions = tuple(c.strip() for c in conditions if c.strip())
    if knockouts:
        outcome = NecessityOutcome.NOT_JUSTIFIED
    elif missing:
        outcome = NecessityOutcome.INSUFFICIENT_INFORMATION
    elif chosen is None:
        raise ValidationError("Choose the outcome of the necessity assessment.", "outcome")
    else:
        outcome = chosen
    if outcome == NecessityOutcome.JUSTIFIED_WITH_CONDITIONS and not clean_conditions:
        raise ValidationError(
            "'Justified with conditions' needs the conditions listed; add at least one.",
            "conditions",
        )
    keep = outcome == NecessityOutcome.JUSTIFIED_WITH_CONDITIONS
    return NecessityResult(
        outcome=outcome,
        knockouts=knockouts,
        missing=missing,
        conditions=clean_conditions if keep else (),
    )


def _same(answer: Any, expected: bool | str | float) -> bool:
    # True == 1 in Python; a yes/no knock-out must not fire on the number 1.
    if isinstance(expected, bool) or isinstance(answer, bool):
        return isinstance(answer, bool) and isinstance(expected, bool) and answer is expected
    return bool(answer == expected)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def knockouts_of(instrument: NecessityInstrument, answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The reasons of every knock-out rule the answers trigger."""
    return tuple(
        rule.reason
        for rule in instrument.knockouts
        if rule.question in answers and _same(answers[rule.question], rule.equals)
    )


@dataclass(frozen=True)
class NecessitySuggestion:
    """The outcome the answers point to, the reasons, and conditions that would answer them."""

    outcome: NecessityOutcome
    reasons: tuple[str, ...]
    conditions: tuple[str, ...] = ()


# Concerns read from the task-fit and data answers: (question, answer, reason, condition).
# A "serious" concern argues against AI itself; the others can be met by a condition.
_SERIOUS: tuple[tuple[str, Any, str], ...] = (
    (
        "uncertainty",
        "low",
        "Fixed rules would cover the task: conventional software may meet the need more "
        "cheaply and more transparently.",
    ),
    ("data_readiness", "none", "The data the system needs is not available."),
    (
        "data_rights",
        False,
        "The organisation has no right to use that data for this purpose.",
    ),
)
_CONDITIONAL: tuple[tuple[str, Any, str, str], ...] = (
    (
        "data_readiness",
        "partial",
        "The data is only partly available.",
        "Show that the missing data can be obtained before building.",
    ),
    (
        "data_readiness",
        "unproven",
        "The data's quality is unknown.",
        "Establish the data's quality before the model is trusted.",
    ),
    (
        "error_tolerance",
        "none",
        "Every wrong output would be serious.",
        "A person reviews every output before it takes effect.",
    ),
    (
        "explanation_need",
        "essential",
        "Every output must be explained to the people affected or to a regulator.",
        "Each output can be explained to the person it affects.",
    ),
)


def suggest_outcome(
    instrument: NecessityInstrument, answers: Mapping[str, Any]
) -> NecessitySuggestion:
    """What the answers suggest, with reasons a decider can weigh (the decider still decides).

    Knock-outs give *Not justified*; missing required answers *Insufficient information*; a
    task fixed rules would do, data that does not exist or data the organisation may not use
    argues against AI (two such concerns, or no right to the data, give *Not justified*, one
    gives *Justified with conditions*); partial or unproven data, no tolerance for error and a
    need to explain every output give conditions; nothing of that gives *Justified*.
    """
    knocked = knockouts_of(instrument, answers)
    if knocked:
        return NecessitySuggestion(NecessityOutcome.NOT_JUSTIFIED, knocked)
    missing = [
        q.text for q in instrument.questions() if q.required and _is_blank(answers.get(q.id))
    ]
    if missing:
        reasons = tuple(f"Not answered: {text}" for text in missing)
        return NecessitySuggestion(NecessityOutcome.INSUFFICIENT_INFORMATION, reasons)
    serious = [
        reason for question, value, reason in _SERIOUS if _same(answers.get(question), value)
    ]
    conditional = [
        (reason, condition)
        for question, value, reason, condition in _CONDITIONAL
        if _same(answers.get(question), value)
    ]
    reasons = tuple(serious) + tuple(reason for reason, _ in conditional)
    conditions = tuple(condition for _, condition in conditional)
    no_right = _same(answers.get("data_rights"), False)
    if len(serious) >= 2 or no_right:
        return NecessitySuggestion(NecessityOutcome.NOT_JUSTIFIED, reasons)
    if serious:
        fix = "Show why fixed rules or conventional software would not meet the need."
        if _same(answers.get("data_readiness"), "none"):
            fix = "Obtain the data the system needs before anything is built."
        return NecessitySuggestion(
            NecessityOutcome.JUSTIFIED_WITH_CONDITIONS, reasons, (fix, *conditions)
        )
    if conditional:
        return NecessitySuggestion(NecessityOutcome.JUSTIFIED_WITH_CONDITIONS, reasons, conditions)
    return NecessitySuggestion(
        NecessityOutcome.JUSTIFIED,
        ("The task needs judgement on varied inputs and the data is ready to use.",),
    )


def timing_text(before_technology_decision: bool | None) -> str:
    """Whether the necessity assessment came before the technology decision, in words."""
    if before_technology_decision is None:
        return "Not recorded whether this assessment came before the technology decision."
    if before_technology_decision:
        return "Made before the technology decision, as the paper asks."
    return (
        "Made after the technology had been chosen: it confirms a decision rather than "
        "informing it."
    )


def check_record(
    instrument: NecessityInstrument | None,
    answers: Mapping[str, Any],
    outcome: NecessityOutcome,
    conditions: Sequence[str],
    before_technology_decision: Any,
) -> None:
    """The rules every recorded outcome obeys, whoever records it (the store calls this): a
    knock-out answer allows only *Not justified*, *Justified with conditions* lists them, and
    the timing is yes, no or not recorded. ``instrument`` None: answers to an instrument not
    available here, whose knock-outs cannot be read."""
    knocked = knockouts_of(instrument, answers) if instrument is not None else ()
    if knocked and outcome != NecessityOutcome.NOT_JUSTIFIED:
        raise ValidationError(
            f"{knocked[0]} The outcome can only be “Not justified — reconsider”.", "outcome"
        )
    if outcome == NecessityOutcome.JUSTIFIED_WITH_CONDITIONS and not any(
        str(c).strip() for c in conditions
    ):
        raise ValidationError(
            "“Justified with conditions” needs the conditions listed; add at least one.",
            "conditions",
        )
    if before_technology_decision is not None and not isinstance(before_technology_decision, bool):
        raise ValidationError(
            "Say yes or no: did the assessment come before the technology decision?",
            "before_technology_decision",
        )
