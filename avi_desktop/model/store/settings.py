"""Portfolio-wide settings: organisation, classification label, layer targets, instrument."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from avi_desktop.model import score_cache
from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.domain import (
    DEFAULT_CLASSIFICATION,
    DEFAULT_TARGET,
    LAYERS,
    AssessmentStatus,
    Layer,
)
from avi_desktop.model.entities import Assessment, Initiative, Setting
from avi_desktop.model.errors import ReadOnlyError, ValidationError
from avi_desktop.model.privacy import DEFAULT_MIN_GROUP_SIZE, MIN_GROUP_SIZE_RANGE
from avi_desktop.model.store.base import StoreBase
from avi_desktop.model.store.validation import targets as checked_targets
from avi_desktop.model.store.validation import text

DEFAULT_INSTRUMENT_ID: Final = "avi-four-layer"


def _default_targets() -> dict[Layer, float]:
    return dict.fromkeys(LAYERS, DEFAULT_TARGET)


@dataclass(frozen=True)
class PortfolioSettings:
    """Portfolio-wide settings kept in the file."""

    organisation: str = ""
    classification: str = DEFAULT_CLASSIFICATION
    targets: dict[Layer, float] = field(default_factory=_default_targets)
    instrument_id: str = DEFAULT_INSTRUMENT_ID
    # smallest stakeholder group whose own figures any view shows; 1 turns the protection off
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE
    # what amounts without a currency of their own (an investment) are in: "GBP", "€"; "" none
    currency: str = ""


@dataclass(frozen=True)
class ScoredAgainst:
    """An existing assessment whose recorded target follows the portfolio's for some layer."""

    assessment_id: str
    initiative_name: str
    title: str
    targets: dict[str, float]  # as recorded, keyed by layer key


@dataclass(frozen=True)
class TargetReach:
    """Where a change of the portfolio's layer targets applies.

    ``following``: initiatives without their own target for a changed layer, whose new
    assessments take the new target; ``own``: initiatives that keep their own target;
    ``existing``: assessments recorded against the old portfolio target, which keep it unless
    they are re-evaluated; ``closed``: such assessments that are closed, and so keep the target
    they were closed with (a closed assessment is read-only).
    """

    following: tuple[str, ...]
    own: tuple[str, ...]
    existing: tuple[ScoredAgainst, ...]
    closed: tuple[ScoredAgainst, ...] = ()


def _group_size(value: Any) -> int:
    """A whole number in MIN_GROUP_SIZE_RANGE, else a ValidationError saying what is allowed."""
    low, high = MIN_GROUP_SIZE_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            f"The smallest group shown must be a whole number from {low} to {high} "
            f"(1 turns the protection off), not {value!r}."
        )
    return value


_SYMBOLS: Final = ("£", "€", "$", "¥")


def checked_currency(value: str) -> str:
    """An ISO 4217 code (any case) or one of £ € $ ¥; "" for none; else a ValidationError."""
    found = value.strip()
    if not found or found in _SYMBOLS:
        return found
    if len(found) == 3 and found.isascii() and found.isalpha():
        return found.upper()
    raise ValidationError(
        f"The currency must be a three-letter code such as GBP, EUR or USD, or one of "
        f"{' '.join(_SYMBOLS)}, not {value!r}. Leave it empty for none."
    )


def load_settings(session: Session) -> PortfolioSettings:
    """The settings as stored; anything missing takes its default."""
    rows = {row.key: row.value.get("value") for row in session.scalars(select(Setting))}
    targets = _default_targets()
    for key, value in (rows.get("targets") or {}).items():
        if key in Layer.__members__.values():
            targets[Layer(key)] = float(value)
    return PortfolioSettings(
        organisation=str(rows.get("organisation") or ""),
        classification=str(rows.get("classification") or DEFAULT_CLASSIFICATION),
        targets=targets,
        instrument_id=str(rows.get("instrument_id") or DEFAULT_INSTRUMENT_ID),
        min_group_size=int(rows.get("min_group_size") or DEFAULT_MIN_GROUP_SIZE),
        currency=str(rows.get("currency") or ""),
    )


def put_settings(session: Session, settings: PortfolioSettings) -> None:
    values: dict[str, Any] = {
        "organisation": settings.organisation,
        "classification": settings.classification,
        "targets": {layer.value: target for layer, target in settings.targets.items()},
        "instrument_id": settings.instrument_id,
    }
    # Stored once changed only, so files written before the setting existed stay byte-identical.
    stored = session.get(Setting, "min_group_size") is not None
    if settings.min_group_size != DEFAULT_MIN_GROUP_SIZE or stored:
        values["min_group_size"] = settings.min_group_size
    if settings.currency or session.get(Setting, "currency") is not None:
        values["currency"] = settings.currency
    for key, value in values.items():
        session.merge(Setting(key=key, value={"value": value}))


class SettingsPart(StoreBase):
    def settings(self) -> PortfolioSettings:
        with self._read() as session:
            return load_settings(session)

    def update_settings(
        self,
        *,
        organisation: str | None = None,
        classification: str | None = None,
        targets: Mapping[Layer, float] | None = None,
        instrument_id: str | None = None,
        min_group_size: int | None = None,
        currency: str | None = None,
    ) -> None:
        """Change portfolio settings; arguments left as None keep their value.

        The settings in force are read inside the write, so nothing read earlier is written back.
        """
        changed: dict[str, Any] = {}
        if organisation is not None:
            changed["organisation"] = text(organisation, "organisation", limit=200)
        if classification is not None:
            changed["classification"] = text(
                classification, "classification", required=True, limit=200
            )
        new_targets = checked_targets(targets) if targets is not None else None
        if instrument_id is not None:
            changed["instrument_id"] = text(instrument_id, "instrument", required=True, limit=64)
        if min_group_size is not None:
            changed["min_group_size"] = _group_size(min_group_size)
        if currency is not None:
            changed["currency"] = checked_currency(currency)
        with self._change(AuditAction.UPDATE, AuditEntity.SETTINGS) as change:
            current = load_settings(change.session)
            if new_targets is not None:
                merged = {layer.value: value for layer, value in current.targets.items()}
                merged.update(new_targets)
                changed["targets"] = merged
            new = PortfolioSettings(
                organisation=changed.get("organisation", current.organisation),
                classification=changed.get("classification", current.classification),
                targets={Layer(k): v for k, v in changed["targets"].items()}
                if "targets" in changed
                else current.targets,
                instrument_id=changed.get("instrument_id", current.instrument_id),
                min_group_size=changed.get("min_group_size", current.min_group_size),
                currency=changed.get("currency", current.currency),
            )
            put_settings(change.session, new)
            if new.min_group_size > current.min_group_size:
                # The cached titles were found at the lower minimum; on a large portfolio they
                # wait for a background rebuild, and must not name meanwhile what the higher
                # minimum withholds: none is shown until then.
                score_cache.withhold_patterns(change.session.connection())
            change.details = {"changed": changed}

    def target_reach(self, new: Mapping[Layer, float]) -> TargetReach:
        """Which initiatives and assessments a change of the portfolio targets to ``new`` reaches.

        An assessment is reached when, for a layer whose target changes, it recorded the
        portfolio's current target and its initiative has no target of its own for that layer.
        """
        wanted = checked_targets(new)
        with self._read() as session:
            current = {layer.value: v for layer, v in load_settings(session).targets.items()}
            changed = [key for key, value in wanted.items() if current.get(key) != value]
            if not changed:
                return TargetReach((), (), ())
            initiatives = session.execute(
                select(Initiative.id, Initiative.name, Initiative.targets).order_by(Initiative.name)
            ).all()
            own_ids = {i.id for i in initiatives if set(changed) & set(i.targets or {})}
            names = {i.id: i.name for i in initiatives}
            rows = session.execute(
                select(
                    Assessment.id,
                    Assessment.initiative_id,
                    Assessment.title,
                    Assessment.targets,
                    Assessment.status,
                ).order_by(Assessment.assessed_on, Assessment.created_at)
            ).all()
        reached = [
            row
            for row in rows
            if row.initiative_id not in own_ids
            and any(
                key in (row.targets or {}) and float(row.targets[key]) == current[key]
                for key in changed
            )
        ]

        def scored(closed: bool) -> tuple[ScoredAgainst, ...]:
            return tuple(
                ScoredAgainst(row.id, names.get(row.initiative_id, ""), row.title, {**row.targets})
                for row in reached
                if (row.status == AssessmentStatus.CLOSED) == closed
            )

        return TargetReach(
            following=tuple(i.name for i in initiatives if i.id not in own_ids),
            own=tuple(i.name for i in initiatives if i.id in own_ids),
            existing=scored(closed=False),
            closed=scored(closed=True),
        )

    def set_assessment_targets(
        self, targets: Mapping[str, Mapping[str, float]], *, reason: str = ""
    ) -> None:
        """Record new layer targets for existing assessments (id -> layer key -> target), so
        their gaps and bands are measured against them: one event lists every change."""
        checked = {assessment_id: checked_targets(t) for assessment_id, t in targets.items()}
        if not checked:
            return
        with self._change(AuditAction.UPDATE, AuditEntity.SETTINGS) as change:
            changes: dict[str, Any] = {}
            for assessment_id, new in checked.items():
                assessment = change.session.get(Assessment, assessment_id)
                if assessment is None:
                    raise ValidationError(f"There is no assessment with id {assessment_id}.")
                if assessment.status == AssessmentStatus.CLOSED:
                    raise ReadOnlyError(
                        f"The assessment '{assessment.title}' is closed and keeps the targets "
                        "it was closed with; reopen it first to re-evaluate it."
                    )
                before = dict(assessment.targets or {})
                after = {**before, **new}
                if after != before:
                    assessment.targets = after
                    changes[assessment_id] = {"from": before, "to": after}
            if not changes:
                change.nothing_changed()
                return
            change.details = {"assessment_targets": changes, "reason": reason}
