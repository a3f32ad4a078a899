"""The editable fields of an initiative and of an action: their types, and one rule per field.

The TypedDicts type the keyword arguments of ``add_initiative``, ``update_initiative`` and
``update_action``; the rule tables check them at run time (callers such as the undo stack pass
plain dictionaries, and a stray key must still be refused with a readable message).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final, TypedDict

from avi_desktop.model import audit
from avi_desktop.model.domain import ActionStatus, Imperative, Layer, Stage, StakeholderGroup
from avi_desktop.model.entities import Action, Initiative
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.store.validation import (
    Rules,
    a_date,
    column_text,
    enum_of,
    number,
    targets,
    text,
)


class InitiativeFields(TypedDict, total=False):
    """An initiative's editable fields (``entities.Initiative`` without its timestamps)."""

    id: str
    name: str
    description: str
    business_problem: str
    expected_output: str
    output_use: str
    kpi_name: str
    kpi_unit: str
    kpi_baseline: float | None
    kpi_target: float | None
    business_unit: str
    business_owner: str
    data_ai_partner: str
    sponsor: str
    stage: Stage | str
    stage_since: date | str | None
    investment_to_date: float | None
    affected_groups: Sequence[StakeholderGroup | str]
    tags: Sequence[str]
    targets: Mapping[Layer | str, float]
    kpi_actuals: Sequence[Mapping[str, Any]]
    success_criteria: Mapping[StakeholderGroup | str, str]
    stage_history: Sequence[Mapping[str, Any]]


class ActionFields(TypedDict, total=False):
    """An action's editable fields."""

    imperative: Imperative | str
    title: str
    detail: str
    owner: str
    due_on: date | str | None
    status: ActionStatus | str
    source: Mapping[str, Any] | None


def _groups(value: Any) -> list[str]:
    groups = [enum_of(StakeholderGroup, g, "stakeholder group") for g in value or []]
    return list(dict.fromkeys(g.value for g in groups))


def _kpi_actuals(value: Any) -> list[dict[str, Any]]:
    """Measured KPI values as ``{"date", "value"}``, one per date, sorted oldest first."""
    by_date: dict[date, float] = {}
    for entry in value or []:
        if not isinstance(entry, Mapping) or set(entry) != {"date", "value"}:
            raise ValidationError(
                "Each KPI actual needs a date and a value, and nothing else.", "kpi_actuals"
            )
        when = a_date(entry["date"], "date of a KPI actual")
        measured = number(entry["value"], f"KPI actual of {entry['date']}")
        if when is None or measured is None:
            raise ValidationError("A KPI actual needs both a date and a value.", "kpi_actuals")
        if when in by_date:
            raise ValidationError(
                f"There are two KPI actuals for {when.isoformat()}; keep one per date.",
                "kpi_actuals",
            )
        by_date[when] = measured
    return [{"date": d.isoformat(), "value": by_date[d]} for d in sorted(by_date)]


def _success_criteria(value: Any) -> dict[str, str]:
    """Success as each stakeholder group defines it; empty criteria are dropped."""
    criteria: dict[str, str] = {}
    for key, criterion in (value or {}).items():
        group = enum_of(StakeholderGroup, key, "stakeholder group")
        cleaned = text(criterion, f"success criteria of {group.label}", limit=2000)
        if cleaned:
            criteria[group.value] = cleaned
    return {key: criteria[key] for key in sorted(criteria)}


def _stage_history(value: Any) -> list[dict[str, str]]:
    """The stages left before the current one as ``{"stage", "since"}``, oldest first.

    The order is the order they happened in, so a date going backwards is refused rather
    than silently re-sorted (two stages may begin on the same day).
    """
    history: list[dict[str, str]] = []
    previous: date | None = None
    for entry in value or []:
        if not isinstance(entry, Mapping) or set(entry) != {"stage", "since"}:
            raise ValidationError(
                "Each earlier stage needs a stage and the date it began, and nothing else.",
                "stage_history",
            )
        stage = enum_of(Stage, entry["stage"], "stage")
        since = a_date(entry["since"], "date an earlier stage began")
        if since is None:
            raise ValidationError("An earlier stage needs the date it began.", "stage_history")
        if previous is not None and since < previous:
            raise ValidationError(
                f"The earlier stages must be oldest first; {stage.label} began "
                f"{since.isoformat()}, before the stage listed ahead of it.",
                "stage_history",
            )
        previous = since
        history.append({"stage": stage.value, "since": since.isoformat()})
    return history


_INITIATIVE_TEXT: Final = (
    "description",
    "business_problem",
    "expected_output",
    "output_use",
    "kpi_name",
    "kpi_unit",
    "business_unit",
    "business_owner",
    "data_ai_partner",
    "sponsor",
)

INITIATIVE_RULES: Final[Rules] = {
    "id": lambda v: text(v, "id", required=True, limit=36),
    "name": lambda v: text(v, "name", required=True, limit=200),
    "stage": lambda v: enum_of(Stage, v, "stage"),
    "stage_since": lambda v: a_date(v, "date the stage began"),
    "kpi_baseline": lambda v: number(v, "kpi baseline"),
    "kpi_target": lambda v: number(v, "kpi target"),
    "investment_to_date": lambda v: number(v, "investment to date"),
    "affected_groups": _groups,
    "tags": lambda v: [text(tag, "tag", required=True) for tag in v or []],
    "targets": lambda v: targets(v or {}),
    "kpi_actuals": _kpi_actuals,
    "success_criteria": _success_criteria,
    "stage_history": _stage_history,
    **{name: column_text(Initiative, name) for name in _INITIATIVE_TEXT},
}

ACTION_RULES: Final[Rules] = {
    "imperative": lambda v: enum_of(Imperative, v, "imperative"),
    "status": lambda v: enum_of(ActionStatus, v, "action status"),
    "title": lambda v: text(v, "title", required=True, limit=300),
    "due_on": lambda v: a_date(v, "due date", optional=True),
    "source": lambda v: audit.normalise_details(v or {}),
    "detail": column_text(Action, "detail"),
    "owner": column_text(Action, "owner"),
}
