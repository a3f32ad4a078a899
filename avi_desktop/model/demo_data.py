"""The demo portfolio's content as data: the TOML files in ``resources/demo/``, read and checked.

``portfolio.toml`` holds the organisation, settings, stated values and decisions;
``initiatives.toml`` the initiatives with their necessity assessments, four-layer assessments
(score profiles that ``demo`` turns into answers) and actions. Everything is validated before the
builder writes a row, and each error names the file and the entry, so a mistake made while
editing the demo is found without reading code.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from avi_desktop.model.domain import (
    LAYERS,
    AssessmentMode,
    Imperative,
    Layer,
    NecessityOutcome,
    Stage,
    StakeholderGroup,
    ValueStance,
)
from avi_desktop.model.errors import AviError
from avi_desktop.model.instrument import TAGS
from avi_desktop.paths import resource

PORTFOLIO_FILE = "portfolio.toml"
INITIATIVES_FILE = "initiatives.toml"
KNOCKOUTS = ("no_problem", "simpler_option")

E = TypeVar("E", bound=StrEnum)


class DemoDataError(AviError):
    """A demo data file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Respondent:
    name: str
    role: str
    group: StakeholderGroup
    # Shift of this respondent's answers, per layer, in scale points.
    bias: Mapping[Layer, float]


@dataclass(frozen=True)
class Assessment:
    title: str
    assessed_on: date
    mode: AssessmentMode
    # Intended layer score (0-100) around which answers are drawn.
    profile: Mapping[Layer, float]
    # Item tag -> intended item score on the 1-5 scale, when lower than the layer's.
    tag_scores: Mapping[str, float]
    noise: float
    respondents: tuple[Respondent, ...]
    # The instrument version answered ("" for the newest); an older one shows history kept.
    instrument_version: str = ""
    # Items every respondent answers "not applicable" (live-use items before launch).
    not_applicable: tuple[str, ...] = ()
    # Items every respondent answers exactly so, instead of a drawn answer.
    fixed: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Necessity:
    outcome: NecessityOutcome
    rationale: str
    decided_by: str
    decided_on: date
    conditions: tuple[str, ...]
    knockout: str  # "", or one of KNOCKOUTS
    # Whether it was assessed before the technology decision (None: not recorded).
    before_technology_decision: bool | None = None


@dataclass(frozen=True)
class Action:
    imperative: Imperative
    title: str
    owner: str
    due_on: date | None


@dataclass(frozen=True)
class Initiative:
    name: str
    description: str
    business_problem: str
    expected_output: str
    output_use: str
    business_unit: str
    business_owner: str
    data_ai_partner: str
    sponsor: str
    stage: Stage
    stage_since: date
    kpi_name: str
    kpi_unit: str
    kpi_baseline: float | None
    kpi_target: float | None
    investment_to_date: float | None
    affected_groups: tuple[StakeholderGroup, ...]
    tags: tuple[str, ...]
    necessity: Necessity | None
    assessments: tuple[Assessment, ...]
    actions: tuple[Action, ...]
    # The KPI's measured values, oldest first: (date, value).
    kpi_actuals: tuple[tuple[date, float], ...] = ()
    success_criteria: Mapping[StakeholderGroup, str] = field(default_factory=dict)
    # The stages it was in before the current one, oldest first: (stage, date it began).
    stage_history: tuple[tuple[Stage, date], ...] = ()


@dataclass(frozen=True)
class Decision:
    initiative: str
    decided_on: date
    title: str
    situation: str
    actual_logic: str
    cost_of_decision_not_made: str
    decided_by: str
    stances: Mapping[str, ValueStance]  # stated value name -> stance
    pressure: str = ""
    argued_by: str = ""


@dataclass(frozen=True)
class DemoContent:
    organisation: str
    classification: str
    currency: str  # the portfolio's, for investments whose KPI names none
    # Necessity answers shared by every initiative.
    alternatives_considered: str
    bears_risk: str
    stated_values: tuple[tuple[str, str], ...]  # (name, description)
    decisions: tuple[Decision, ...]
    answer_seed: int
    answer_noise: float
    initiatives: tuple[Initiative, ...]


class _Entry:
    """One TOML table being read: typed getters whose errors say where, and unknown-key checks."""

    def __init__(self, file: str, where: str, table: Any) -> None:
        self.file = file
        self.where = where
        if not isinstance(table, dict):
            raise self.fail("", f"must be a table, got {_show(table)}")
        self.table: dict[str, Any] = table
        self.read: set[str] = set()

    def fail(self, key: str, problem: str) -> DemoDataError:
        place = ", ".join(part for part in (self.file, self.where) if part)
        return DemoDataError(f"{place}: {key + ' ' if key else ''}{problem}.")

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return self.table.get(key, default)

    def table_of(self, key: str) -> dict[str, Any]:
        value = self.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table, got {_show(value)}")
        return value

    def text(self, key: str, *, required: bool = True, value: Any = None) -> str:
        if value is None:
            value = self.get(key, None if required else "")
        if not isinstance(value, str) or (required and not value.strip()):
            wanted = "a non-empty text" if required else "a text"
            raise self.fail(key, f"must be {wanted}, got {_show(value)}")
        return value

    def number(
        self, key: str, *, low: float = -math.inf, high: float = math.inf, value: Any = None
    ) -> float:
        value = self.get(key) if value is None else value
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            span = "" if math.isinf(low) else f" from {low:g} to {high:g}"
            raise self.fail(key, f"must be a number{span}, got {_show(value)}")
        return value

    def optional_number(self, key: str) -> float | None:
        return None if self.get(key) is None else self.number(key)

    def optional_flag(self, key: str) -> bool | None:
        """true, false, or left out (None); a string "yes" is refused, not read as true."""
        value = self.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, got {_show(value)}")
        return value

    def day(self, key: str, *, required: bool = True) -> date | None:
        value = self.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, date) or hasattr(value, "hour"):
            raise self.fail(key, f"must be a date written as 2026-01-31, got {_show(value)}")
        return value

    def choice(self, key: str, kind: type[E], value: Any = None, default: E | None = None) -> E:
        value = self.get(key, default) if value is None else value
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(member.value for member in kind)
            raise self.fail(key, f"must be one of {allowed}; got {_show(value)}") from None

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(key, f"must be a list of non-empty texts, got {_show(value)}")
        return tuple(value)

    def children(self, key: str, label: str, *, required: bool = False) -> list[_Entry]:
        value = self.get(key, [])
        if not isinstance(value, list) or (required and not value):
            raise self.fail(key, f"must be a list of one or more {label} tables")
        return [self.child(_label(label, n, item), item) for n, item in enumerate(value, start=1)]

    def child(self, label: str, table: Any) -> _Entry:
        return _Entry(self.file, f"{self.where}, {label}" if self.where else label, table)

    def layer_numbers(
        self, key: str, *, low: float, high: float, every: bool
    ) -> dict[Layer, float]:
        table = self.get(key, {})
        if not isinstance(table, dict):
            raise self.fail(key, f"must be a table of layer names, got {_show(table)}")
        for name in table:
            if name not in {layer.value for layer in LAYERS}:
                raise self.fail(f"{key}.{name}", "is not a layer (technology, leadership, ...)")
        if every and len(table) < len(LAYERS):
            raise self.fail(
                key, "needs all four layers: technology, leadership, organisation, trust"
            )
        return {
            layer: self.number(f"{key}.{layer.value}", low=low, high=high, value=table[layer.value])
            for layer in LAYERS
            if layer.value in table
        }

    def done(self) -> None:
        """Refuse keys nobody read: a misspelt key would otherwise be silently ignored."""
        unknown = sorted(set(self.table) - self.read)
        if unknown:
            allowed = ", ".join(sorted(self.read))
            raise self.fail(unknown[0], f"is not a known key (known: {allowed})")


def _label(kind: str, n: int, table: Any) -> str:
    """'initiative 2 "Fraud signal detection"': the position, and the name or title if any."""
    name = table.get("name", table.get("title")) if isinstance(table, dict) else None
    return f'{kind} {n} "{name}"' if isinstance(name, str) and name else f"{kind} {n}"


def _show(value: Any) -> str:
    return "nothing" if value is None else repr(value)


def _read(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise DemoDataError(f"{name}: cannot be read ({exc.strerror or exc}; {path}).") from None
    except UnicodeDecodeError:
        raise DemoDataError(f"{name}: is not UTF-8 text; save it as UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        raise DemoDataError(f"{name}: is not valid TOML ({exc}).") from None


def load_demo(folder: Path | None = None) -> DemoContent:
    """Read and check the demo's data files from ``folder`` (the bundled ones by default)."""
    folder = folder if folder is not None else resource("demo")
    seed, noise, initiatives = _initiatives(_read(folder, INITIATIVES_FILE))
    names = {initiative.name for initiative in initiatives}
    top = _Entry(PORTFOLIO_FILE, "", _read(folder, PORTFOLIO_FILE))
    settings = top.child("[settings]", top.get("settings", {}))
    necessity = top.child("[necessity]", top.get("necessity", {}))
    values: dict[str, str] = {}
    for entry in top.children("value", "value", required=True):
        name = entry.text("name")
        if name in values:
            raise entry.fail("name", f"repeats the stated value {name!r}")
        values[name] = entry.text("description", required=False)
        entry.done()
    decisions = [_decision(entry, values, names) for entry in top.children("decision", "decision")]
    content = DemoContent(
        organisation=top.text("organisation"),
        classification=settings.text("classification"),
        currency=settings.text("currency", required=False),
        alternatives_considered=necessity.text("alternatives_considered"),
        bears_risk=necessity.text("bears_risk"),
        stated_values=tuple(values.items()),
        decisions=tuple(decisions),
        answer_seed=seed,
        answer_noise=noise,
        initiatives=initiatives,
    )
    for entry in (top, settings, necessity):
        entry.done()
    return content


def _decision(entry: _Entry, values: Mapping[str, str], initiatives: set[str]) -> Decision:
    initiative = entry.text("initiative")
    if initiative not in initiatives:
        raise entry.fail("initiative", f"names {initiative!r}, which {INITIATIVES_FILE} lacks")
    stances = entry.get("stances", {})
    if not isinstance(stances, dict) or not stances:
        raise entry.fail("stances", "must be a table of stated value names and stances")
    for value in stances:
        if value not in values:
            raise entry.fail(f"stances.{value!r}", "is not a stated value of this file")
    decision = Decision(
        initiative=initiative,
        decided_on=_day(entry, "decided_on"),
        title=entry.text("title"),
        situation=entry.text("situation", required=False),
        actual_logic=entry.text("actual_logic", required=False),
        cost_of_decision_not_made=entry.text("cost_of_decision_not_made", required=False),
        decided_by=entry.text("decided_by", required=False),
        pressure=entry.text("pressure", required=False),
        argued_by=entry.text("argued_by", required=False),
        stances={
            value: entry.choice(f"stances.{value!r}", ValueStance, stance)
            for value, stance in stances.items()
        },
    )
    entry.done()
    return decision


def _initiatives(data: dict[str, Any]) -> tuple[int, float, tuple[Initiative, ...]]:
    """The answer-drawing parameters and the initiatives of ``initiatives.toml``."""
    top = _Entry(INITIATIVES_FILE, "", data)
    answers = top.child("[answers]", top.get("answers", {}))
    seed = answers.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise answers.fail("seed", f"must be a whole number, got {_show(seed)}")
    noise = answers.number("noise", low=0.01, high=5)
    initiatives: list[Initiative] = []
    for entry in top.children("initiative", "initiative", required=True):
        name = entry.text("name")
        if any(initiative.name == name for initiative in initiatives):
            raise entry.fail("name", "repeats another initiative's name")
        initiatives.append(_initiative(entry, name, noise))
    answers.done()
    top.done()
    return seed, noise, tuple(initiatives)


def _initiative(entry: _Entry, name: str, noise: float) -> Initiative:
    necessity = entry.get("necessity")
    initiative = Initiative(
        name=name,
        description=entry.text("description"),
        business_problem=entry.text("business_problem", required=False),
        expected_output=entry.text("expected_output", required=False),
        output_use=entry.text("output_use", required=False),
        business_unit=entry.text("business_unit", required=False),
        business_owner=entry.text("business_owner", required=False),
        data_ai_partner=entry.text("data_ai_partner", required=False),
        sponsor=entry.text("sponsor", required=False),
        stage=entry.choice("stage", Stage),
        stage_since=_day(entry, "stage_since"),
        kpi_name=entry.text("kpi_name", required=False),
        kpi_unit=entry.text("kpi_unit", required=False),
        kpi_baseline=entry.optional_number("kpi_baseline"),
        kpi_target=entry.optional_number("kpi_target"),
        investment_to_date=entry.optional_number("investment_to_date"),
        affected_groups=tuple(
            entry.choice("affected_groups", StakeholderGroup, group)
            for group in entry.texts("affected_groups")
        ),
        tags=entry.texts("tags"),
        necessity=None if necessity is None else _necessity(entry.child("necessity", necessity)),
        assessments=tuple(
            _assessment(child, noise) for child in entry.children("assessment", "assessment")
        ),
        actions=tuple(_action(child) for child in entry.children("action", "action")),
        kpi_actuals=tuple(
            (_day(point, "date"), point.number("value"))
            for point in entry.children("kpi_actuals", "KPI actual")
        ),
        stage_history=tuple(
            (step.choice("stage", Stage), _day(step, "since"))
            for step in entry.children("stage_history", "earlier stage")
        ),
        success_criteria={
            entry.choice("success_criteria", StakeholderGroup, group): entry.text(
                f"success_criteria.{group}", required=True, value=text
            )
            for group, text in entry.table_of("success_criteria").items()
        },
    )
    entry.done()
    return initiative


def _necessity(entry: _Entry) -> Necessity:
    knockout = entry.text("knockout", required=False)
    if knockout and knockout not in KNOCKOUTS:
        raise entry.fail("knockout", f"must be one of {', '.join(KNOCKOUTS)}; got {knockout!r}")
    necessity = Necessity(
        outcome=entry.choice("outcome", NecessityOutcome),
        rationale=entry.text("rationale", required=False),
        decided_by=entry.text("decided_by", required=False),
        decided_on=_day(entry, "decided_on"),
        conditions=entry.texts("conditions"),
        knockout=knockout,
        before_technology_decision=entry.optional_flag("before_technology_decision"),
    )
    entry.done()
    return necessity


def _assessment(entry: _Entry, noise: float) -> Assessment:
    tag_scores = entry.get("tag_scores", {})
    if not isinstance(tag_scores, dict):
        raise entry.fail("tag_scores", f"must be a table of item tags, got {_show(tag_scores)}")
    for tag in tag_scores:
        if tag not in TAGS:
            raise entry.fail(f"tag_scores.{tag}", f"is not an item tag ({', '.join(sorted(TAGS))})")
    respondents = [
        _respondent(child) for child in entry.children("respondents", "respondent", required=True)
    ]
    assessment = Assessment(
        title=entry.text("title"),
        assessed_on=_day(entry, "assessed_on"),
        mode=entry.choice("mode", AssessmentMode, default=AssessmentMode.INDIVIDUAL),
        profile=entry.layer_numbers("profile", low=0, high=100, every=True),
        tag_scores={
            tag: entry.number(f"tag_scores.{tag}", low=1, high=5, value=score)
            for tag, score in tag_scores.items()
        },
        noise=noise if entry.get("noise") is None else entry.number("noise", low=0.01, high=5),
        respondents=tuple(respondents),
        instrument_version=entry.text("instrument_version", required=False),
        not_applicable=entry.texts("not_applicable"),
        fixed={
            item: round(entry.number(f"items.{item}", low=1, high=5, value=score))
            for item, score in entry.table_of("items").items()
        },
    )
    entry.done()
    return assessment


def _respondent(entry: _Entry) -> Respondent:
    respondent = Respondent(
        name=entry.text("name"),
        role=entry.text("role", required=False),
        group=entry.choice("group", StakeholderGroup),
        bias=entry.layer_numbers("bias", low=-4, high=4, every=False),
    )
    entry.done()
    return respondent


def _action(entry: _Entry) -> Action:
    action = Action(
        imperative=entry.choice("imperative", Imperative),
        title=entry.text("title"),
        owner=entry.text("owner", required=False),
        due_on=entry.day("due_on", required=False),
    )
    entry.done()
    return action


def _day(entry: _Entry, key: str) -> date:
    value = entry.day(key)
    assert value is not None
    return value
