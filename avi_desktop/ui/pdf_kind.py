"""The documents the window can write as PDF: named by the window's actions at start-up, so
kept apart from the export dialog, which is loaded on the first export."""

from __future__ import annotations

from enum import Enum


class PdfKind(Enum):
    """The documents the window can write, with their file-name stems."""

    BRIEFING = "briefing"
    PAPER = "paper"
    WORKSHOP = "workshop"
    QUESTIONNAIRE = "questionnaire"
