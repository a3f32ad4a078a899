"""Follow-up actions as a list: which are overdue, with their initiative, in one shape for
the command line, the window and the briefings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from avi_desktop.model.domain import CLOSED_ACTIONS, ActionStatus, Imperative
from avi_desktop.model.entities import Action

CLOSED = CLOSED_ACTIONS


def is_overdue(due_on: date | None, status: ActionStatus, today: date) -> bool:
    """Past its due date and neither done nor dropped: due today is not yet overdue."""
    return due_on is not None and due_on < today and status not in CLOSED


@dataclass(frozen=True)
class ActionItem:
    """One action with what a list shows beside it."""

    id: str
    initiative_id: str
    initiative_name: str
    imperative: Imperative
    title: str
    owner: str
    due_on: date | None
    status: ActionStatus
    detail: str
    overdue: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "initiative": {"id": self.initiative_id, "name": self.initiative_name},
            "imperative": self.imperative.value,
            "title": self.title,
            "owner": self.owner,
            "due_on": None if self.due_on is None else self.due_on.isoformat(),
            "status": self.status.value,
            "detail": self.detail,
            "overdue": self.overdue,
        }


def action_items(
    actions: Iterable[Action], names: Mapping[str, str], today: date
) -> list[ActionItem]:
    """Actions as list items, overdue first, then by due date (undated last), then title."""
    items = [
        ActionItem(
            id=a.id,
            initiative_id=a.initiative_id,
            initiative_name=names.get(a.initiative_id, ""),
            imperative=a.imperative,
            title=a.title,
            owner=a.owner,
            due_on=a.due_on,
            status=a.status,
            detail=a.detail,
            overdue=is_overdue(a.due_on, a.status, today),
        )
        for a in actions
    ]
    return sorted(
        items, key=lambda i: (not i.overdue, i.due_on is None, i.due_on or today, i.title)
    )
