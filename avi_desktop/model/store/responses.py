"""Whole responses read from files (response packs, the answers CSV), as the store records them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from avi_desktop.model.domain import StakeholderGroup
from avi_desktop.model.entities import Respondent
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.store.validation import score as checked_score
from avi_desktop.model.store.validation import text


@dataclass(frozen=True)
class ResponseInput:
    """One respondent's complete answers read from a file (a response pack or the answers CSV).

    ``answers`` maps item id to 1-5, or None for not applicable; an item left out is unanswered.
    Without ``respondent_id`` the respondent is found by name, or added when there is none.
    """

    name: str
    group: StakeholderGroup | str
    answers: Mapping[str, int | None]
    comments: Mapping[str, str] = field(default_factory=dict)
    respondent_id: str | None = None
    role: str = ""


class AlreadyAnsweredError(ValidationError):
    """The respondent has already given different answers; replacing them must be confirmed."""


def find_respondent(
    respondents: Sequence[Respondent], response: ResponseInput
) -> Respondent | None:
    """The respondent a file's answers belong to: by id when given, else by name, else None."""
    if response.respondent_id is not None:
        for r in respondents:
            if r.id == response.respondent_id:
                return r
        raise ValidationError(f"{response.name} is not a participant of this assessment.")
    named = [r for r in respondents if r.name == response.name.strip()]
    if len(named) > 1:
        raise ValidationError(
            f"More than one participant is called {response.name}; give their respondent ids."
        )
    return named[0] if named else None


def checked_answers(response: ResponseInput) -> dict[str, tuple[int | None, str]]:
    """A response's answers as stored: item id -> (score or None, comment)."""
    stray = sorted(set(response.comments) - set(response.answers))
    if stray:
        raise ValidationError(
            f"{response.name}: comments need an answer for the same item: {', '.join(stray)}."
        )
    return {
        text(k, "item id", required=True, limit=32): (
            checked_score(k, v),
            text(response.comments.get(k, ""), "comment"),
        )
        for k, v in response.answers.items()
    }
