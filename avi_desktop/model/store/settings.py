"""Portfolio-wide settings: organisation, classification label, layer targets, instrument."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.domain import DEFAULT_CLASSIFICATION, DEFAULT_TARGET, LAYERS, Layer
from avi_desktop.model.entities import Setting
from avi_desktop.model.errors import ValidationError
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


def _group_size(value: Any) -> int:
    """A whole number in MIN_GROUP_SIZE_RANGE, else a ValidationError saying what is allowed."""
    low, high = MIN_GROUP_SIZE_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            f"The smallest group shown must be a whole number from {low} to {high} "
            f"(1 turns the protection off), not {value!r}."
        )
    return value


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
            )
            put_settings(change.session, new)
            change.details = {"changed": changed}
