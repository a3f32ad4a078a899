"""``PortfolioStore``: the parts of the store joined into the one service layer callers use."""

from __future__ import annotations

from pathlib import Path

from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.database import create_database, discard, open_database
from avi_desktop.model.domain import DEFAULT_CLASSIFICATION
from avi_desktop.model.store.actions import ActionsPart
from avi_desktop.model.store.assessments import AssessmentsPart
from avi_desktop.model.store.cache import ScoreCachePart
from avi_desktop.model.store.initiatives import InitiativesPart
from avi_desktop.model.store.records import RecordsPart
from avi_desktop.model.store.settings import PortfolioSettings, SettingsPart, put_settings
from avi_desktop.model.store.trail import TrailPart
from avi_desktop.model.store.validation import text
from avi_desktop.model.store.values import ValuesPart


class PortfolioStore(
    InitiativesPart,
    AssessmentsPart,
    ActionsPart,
    ValuesPart,
    SettingsPart,
    TrailPart,
    RecordsPart,
    ScoreCachePart,
):
    """The open portfolio: every write is one transaction plus one audit event."""

    @classmethod
    def create(
        cls,
        path: Path | str,
        passphrase: str | None = None,
        organisation: str = "",
        *,
        classification: str = DEFAULT_CLASSIFICATION,
    ) -> PortfolioStore:
        """Create a new portfolio file (encrypted when a passphrase is given)."""
        organisation = text(organisation, "organisation", limit=200)
        classification = text(classification, "classification", limit=200)
        store = cls(create_database(path, passphrase=passphrase))
        try:
            with store._change(AuditAction.CREATE, AuditEntity.PORTFOLIO) as change:
                settings = PortfolioSettings(organisation, classification or DEFAULT_CLASSIFICATION)
                put_settings(change.session, settings)
                change.details = {"organisation": organisation, "encrypted": store.encrypted}
        except BaseException as exc:
            discard(store._db, exc)  # nothing half-made stays; a full disk is said so
            raise
        return store

    @classmethod
    def open(
        cls,
        path: Path | str,
        passphrase: str | None = None,
        read_only: bool = False,
        deep_check: bool = True,
    ) -> PortfolioStore:
        """Open an existing portfolio; an older file is migrated after a backup copy is made.

        ``deep_check=False``: only SQLite's quick check before opening; the full check is run
        by ``ensure_intact``, which every write waits for (see ``Database.check``).
        """
        database = open_database(
            path, passphrase=passphrase, read_only=read_only, deep_check=deep_check
        )
        return cls(database)
