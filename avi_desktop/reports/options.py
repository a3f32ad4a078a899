"""What every briefing is asked to be: its classification, copies, protection and control data.

Kept free of ReportLab so the window can build options without loading the PDF machinery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from avi_desktop.model.domain import DEFAULT_CLASSIFICATION

Progress = Callable[[int, int, str], None]
"""``progress(done, total, message)``: called as a long briefing is built."""


class BriefingSettings(Protocol):
    """The portfolio settings a briefing reads (``store.settings()`` satisfies it)."""

    @property
    def organisation(self) -> str: ...

    @property
    def classification(self) -> str: ...


@dataclass(frozen=True)
class BriefingOptions:
    """How to produce a briefing.

    ``classification`` empty means "the portfolio's default, else DEFAULT_CLASSIFICATION". With
    ``recipients`` one file is written per recipient, each marked "Prepared for NAME — copy n of
    N" with its own document id. ``deterministic`` gives byte-identical files for identical input
    (fixed dates and ids derived from the content); ``today`` fixes the date printed.
    ``audit_head`` is printed in the document-control block.
    """

    classification: str = ""
    watermark: str | None = None
    recipients: tuple[str, ...] = ()
    password: str | None = None
    allow_print: bool = False  # with a password: directors may print the encrypted copy
    deterministic: bool = False
    prepared_by: str = ""
    version: str = "1.0"
    distribution: str = ""
    today: date | None = None
    # The portfolio's audit-trail head (``SEQ:PREFIX``) when the briefing was made, so a reader
    # can later check the file with ``verify --expect-head`` (docs/security.md).
    audit_head: str = ""

    def classification_for(self, settings: BriefingSettings | None) -> str:
        """The label printed on every page: explicit, else the portfolio's, else the default."""
        if self.classification.strip():
            return self.classification.strip()
        if settings is not None and getattr(settings, "classification", "").strip():
            return str(settings.classification).strip()
        return DEFAULT_CLASSIFICATION

    def date_printed(self) -> date:
        """The date printed in the document-control block (the PDF's own dates are fixed apart)."""
        return self.today if self.today is not None else date.today()


__all__ = ["DEFAULT_CLASSIFICATION", "BriefingOptions", "BriefingSettings", "Progress"]
