"""Checks that turn what a caller passed into what the file stores, or a message a user can act on.

Each check takes the raw value and says in its error which field was wrong. ``Rules`` maps a
field name to its check, so a record's fields are validated by looking each one up in a table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from avi_desktop.model.domain import Layer
from avi_desktop.model.entities import Base
from avi_desktop.model.errors import ValidationError

EnumT = TypeVar("EnumT", bound=StrEnum)

Rule = Callable[[Any], Any]
"""A field's check: the raw value in, the value to store out (or a ``ValidationError``)."""
Rules = Mapping[str, Rule]


def clean_fields(fields: Mapping[str, object], rules: Rules, kind: str) -> dict[str, Any]:
    """Every field checked by its rule, in the order given; unknown names are refused first."""
    unknown = sorted(set(fields) - set(rules))
    if unknown:
        raise ValidationError(f"Unknown {kind} field(s): {', '.join(unknown)}.")
    return {name: rules[name](value) for name, value in fields.items()}


def enum_of(kind: type[EnumT], value: Any, what: str) -> EnumT:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise ValidationError(
            f"'{value}' is not a valid {what}; use one of: {allowed}.", what
        ) from None


def text(value: Any, what: str, *, required: bool = False, limit: int | None = None) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"The {what} must be text.", what)
    cleaned: str = value.strip()
    if required and not cleaned:
        raise ValidationError(f"The {what} is required; enter one.", what)
    if limit is not None and len(cleaned) > limit:
        raise ValidationError(
            f"The {what} is too long ({len(cleaned)} characters, at most {limit}).", what
        )
    return cleaned


def a_date(value: Any, what: str, *, optional: bool = False) -> date | None:
    if value is None and optional:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError(f"The {what} must be a date (YYYY-MM-DD), not '{value}'.", what)


def number(value: Any, what: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"The {what} must be a number, not '{value}'.", what)
    return float(value)


def targets(value: Mapping[Any, Any], what: str = "targets") -> dict[str, float]:
    """Layer targets from 0 to 100, keyed by the layers' stored keys."""
    result: dict[str, float] = {}
    for key, target in value.items():
        layer = enum_of(Layer, key, "layer")
        checked = number(target, f"{layer.label} target")
        if checked is None or not 0 <= checked <= 100:
            raise ValidationError(
                f"The {layer.label} target must be a number from 0 to 100, not '{target}'.", what
            )
        result[layer.value] = checked
    return result


def score(item_id: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(
            f"The score for {item_id} must be 1 to 5, or empty for not applicable; "
            f"'{value}' is not allowed.",
            item_id,
        )
    return value


def column_text(table: type[Base], name: str) -> Rule:
    """The rule for a plain text column: trimmed, and no longer than the column allows."""
    length = getattr(table.__table__.columns[name].type, "length", None)
    limit = length if isinstance(length, int) else None
    what = name.replace("_", " ")
    return lambda value: text(value, what, limit=limit)


def jsonable(value: Any) -> Any:
    """A cleaned field as the audit event's details record it."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value
