"""What a briefing is and which copy is being built: the identity every page and file carries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class DocumentSpec:
    """What a briefing is, for its metadata and its identity.

    ``fingerprint`` is a stable summary of the input (ids and figures); in deterministic mode the
    document ids are derived from it, so identical input gives identical bytes.
    """

    kind: str  # "Initiative briefing", ...
    title: str
    subject: str
    organisation: str
    fingerprint: str


@dataclass(frozen=True)
class CopyInfo:
    """One copy being built: who it is for and how it is marked."""

    classification: str
    document_id: str
    recipient: str  # "" when copies are not personalised
    number: int
    copies: int
    issued: date

    @property
    def copy_line(self) -> str:
        """'Prepared for NAME — copy n of N', or '' for an unpersonalised briefing."""
        if not self.recipient:
            return ""
        return f"Prepared for {self.recipient} — copy {self.number} of {self.copies}"


StoryFactory = Callable[[CopyInfo], list[Any]]
