"""``PortfolioStore``: the one service layer every read and write of a portfolio goes through.

Every public write is one transaction that also appends one audit event, so the file never holds
a change without its record. Bad input raises an ``AviError`` subclass whose message a user can
act on. Reads return detached ORM objects with their relationships loaded (safe to use after the
session has closed) or result dataclasses; callers never open sessions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self, TypeVar

from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, selectinload

from avi_desktop.model import audit
from avi_desktop.model.audit import VerifyReport
from avi_desktop.model.database import Database, create_database, open_database
from avi_desktop.model.domain import (
    DEFAULT_TARGET,
    LAYERS,
    ActionStatus,
    AssessmentMode,
    AssessmentStatus,
    Imperative,
    Layer,
    NecessityOutcome,
    Stage,
    StakeholderGroup,
    ValueStance,
)
from avi_desktop.model.entities import (
    Action,
    Answer,
    Assessment,
    AuditEvent,
    Base,
    Decision,
    DecisionValue,
    Initiative,
    NecessityAssessment,
    Respondent,
    Setting,
    StatedValue,
    new_id,
)
from avi_desktop.model.errors import AviError, PortfolioError, ReadOnlyError, ValidationError
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.results import ResponseSet

DEFAULT_CLASSIFICATION: Final = "CONFIDENTIAL"
DEFAULT_INSTRUMENT_ID: Final = "avi-four-layer"

EnumT = TypeVar("EnumT", bound=StrEnum)
RowT = TypeVar("RowT", bound=Base)
_INITIATIVE_FIELDS: Final = frozenset(
    c.key for c in Initiative.__table__.columns if c.key not in ("created_at", "updated_at")
)
_ACTION_FIELDS: Final = frozenset(
    {"imperative", "title", "detail", "owner", "due_on", "status", "source"}
)
_FLOAT_FIELDS: Final = frozenset({"kpi_baseline", "kpi_target", "investment_to_date"})
_LIST_FIELDS: Final = frozenset({"affected_groups", "tags"})


def response_sets_of(assessment: Assessment) -> list[ResponseSet]:
    """A loaded assessment's respondents and answers as scoring reads them, in order."""
    return [
        ResponseSet(
            respondent_id=r.id,
            name=r.name,
            group=StakeholderGroup(r.stakeholder_group),
            answers={a.item_id: a.score for a in r.answers},
            role=r.role,
        )
        for r in assessment.respondents
    ]


def _default_targets() -> dict[Layer, float]:
    return dict.fromkeys(LAYERS, DEFAULT_TARGET)


@dataclass(frozen=True)
class PortfolioSettings:
    """Portfolio-wide settings kept in the file."""

    organisation: str = ""
    classification: str = DEFAULT_CLASSIFICATION
    targets: dict[Layer, float] = field(default_factory=_default_targets)
    instrument_id: str = DEFAULT_INSTRUMENT_ID


# --------------------------------------------------------------------------- validation


def _enum(kind: type[EnumT], value: Any, what: str) -> EnumT:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise ValidationError(
            f"'{value}' is not a valid {what}; use one of: {allowed}.", what
        ) from None


def _text(value: Any, what: str, *, required: bool = False, limit: int | None = None) -> str:
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


def _date(value: Any, what: str, *, optional: bool = False) -> date | None:
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


def _number(value: Any, what: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"The {what} must be a number, not '{value}'.", what)
    return float(value)


def _targets(value: Mapping[Any, Any], what: str = "targets") -> dict[str, float]:
    result: dict[str, float] = {}
    for key, target in value.items():
        layer = _enum(Layer, key, "layer")
        number = _number(target, f"{layer.label} target")
        if number is None or not 0 <= number <= 100:
            raise ValidationError(
                f"The {layer.label} target must be a number from 0 to 100, not '{target}'.", what
            )
        result[layer.value] = number
    return result


def _score(item_id: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(
            f"The score for {item_id} must be 1 to 5, or empty for not applicable; "
            f"'{value}' is not allowed.",
            item_id,
        )
    return value


def _limit(column: Any) -> int | None:
    length = getattr(column.type, "length", None)
    return length if isinstance(length, int) else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- the store


class PortfolioStore:
    """The open portfolio: every write is one transaction plus one audit event."""

    def __init__(self, database: Database) -> None:
        self._db = database

    # -- opening and closing ---------------------------------------------------------------

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
        organisation = _text(organisation, "organisation", limit=200)
        classification = _text(classification, "classification", limit=200)
        store = cls(create_database(path, passphrase=passphrase))
        try:
            with store._write() as session:
                settings = PortfolioSettings(organisation, classification or DEFAULT_CLASSIFICATION)
                store._put_settings(session, settings)
                audit.append_event(
                    session,
                    "create",
                    "portfolio",
                    details={"organisation": organisation, "encrypted": store.encrypted},
                )
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def open(
        cls, path: Path | str, passphrase: str | None = None, read_only: bool = False
    ) -> PortfolioStore:
        """Open an existing portfolio; an older file is migrated after a backup copy is made."""
        return cls(open_database(path, passphrase=passphrase, read_only=read_only))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def read_only(self) -> bool:
        return self._db.read_only

    @property
    def encrypted(self) -> bool:
        return self._db.encrypted

    @property
    def engine(self) -> Any:
        """The SQLAlchemy engine, for read paths in ``queries`` (never for writes)."""
        return self._db.engine

    # -- sessions ----------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Session]:
        session = Session(self._db.engine, expire_on_commit=False)
        try:
            with session.begin():
                yield session
        except OperationalError as exc:
            raise PortfolioError(f"Could not read {self.path.name} ({exc.orig}).") from exc
        finally:
            session.close()

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One transaction; rolled back whole on any error, so nothing half-written stays."""
        if self.read_only:
            raise ReadOnlyError(
                f"{self.path.name} is open read-only; open it for editing to make changes."
            )
        session = Session(self._db.engine, expire_on_commit=False)
        try:
            with session.begin():
                yield session
        except AviError:
            raise
        except IntegrityError as exc:
            raise ValidationError(
                f"The change breaks a rule of the portfolio ({exc.orig}); nothing was saved."
            ) from exc
        except DBAPIError as exc:
            raise PortfolioError(
                f"Could not save to {self.path.name} ({exc.orig}); nothing was changed. "
                "Check there is free disk space and try again."
            ) from exc
        finally:
            session.close()

    @staticmethod
    def _get(session: Session, kind: type[RowT], entity_id: str, what: str) -> RowT:
        found = session.get(kind, entity_id)
        if found is None:
            raise ValidationError(f"There is no {what} with id {entity_id} in this portfolio.")
        return found

    def _open_assessment(self, session: Session, assessment_id: str) -> Assessment:
        assessment = self._get(session, Assessment, assessment_id, "assessment")
        if assessment.status == AssessmentStatus.CLOSED:
            raise ReadOnlyError(
                f"The assessment '{assessment.title}' is closed and read-only; "
                "start a new assessment to record changes."
            )
        return assessment

    # -- settings ----------------------------------------------------------------------------

    def settings(self) -> PortfolioSettings:
        with self._read() as session:
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
        )

    @staticmethod
    def _put_settings(session: Session, settings: PortfolioSettings) -> None:
        values: dict[str, Any] = {
            "organisation": settings.organisation,
            "classification": settings.classification,
            "targets": {layer.value: target for layer, target in settings.targets.items()},
            "instrument_id": settings.instrument_id,
        }
        for key, value in values.items():
            session.merge(Setting(key=key, value={"value": value}))

    def update_settings(
        self,
        *,
        organisation: str | None = None,
        classification: str | None = None,
        targets: Mapping[Layer, float] | None = None,
        instrument_id: str | None = None,
    ) -> None:
        """Change portfolio settings; arguments left as None keep their value."""
        current = self.settings()
        changed: dict[str, Any] = {}
        if organisation is not None:
            changed["organisation"] = _text(organisation, "organisation", limit=200)
        if classification is not None:
            changed["classification"] = _text(
                classification, "classification", required=True, limit=200
            )
        if targets is not None:
            merged = {layer.value: value for layer, value in current.targets.items()}
            merged.update(_targets(targets))
            changed["targets"] = merged
        if instrument_id is not None:
            changed["instrument_id"] = _text(instrument_id, "instrument", required=True, limit=64)
        new = PortfolioSettings(
            organisation=changed.get("organisation", current.organisation),
            classification=changed.get("classification", current.classification),
            targets={Layer(k): v for k, v in changed["targets"].items()}
            if "targets" in changed
            else current.targets,
            instrument_id=changed.get("instrument_id", current.instrument_id),
        )
        with self._write() as session:
            self._put_settings(session, new)
            audit.append_event(session, "update", "settings", details={"changed": changed})

    # -- initiatives -------------------------------------------------------------------------

    def _initiative_fields(self, fields: Mapping[str, Any], *, new: bool) -> dict[str, Any]:
        unknown = sorted(set(fields) - _INITIATIVE_FIELDS)
        if unknown:
            raise ValidationError(f"Unknown initiative field(s): {', '.join(unknown)}.")
        columns = Initiative.__table__.columns
        clean: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "id":
                clean[name] = _text(value, "id", required=True, limit=36)
            elif name == "name":
                clean[name] = _text(value, "name", required=True, limit=200)
            elif name == "stage":
                clean[name] = _enum(Stage, value, "stage").value
            elif name == "stage_since":
                clean[name] = _date(value, "date the stage began")
            elif name in _FLOAT_FIELDS:
                clean[name] = _number(value, name.replace("_", " "))
            elif name == "affected_groups":
                groups = [_enum(StakeholderGroup, g, "stakeholder group") for g in value or []]
                clean[name] = list(dict.fromkeys(g.value for g in groups))
            elif name == "tags":
                clean[name] = [_text(tag, "tag", required=True) for tag in value or []]
            elif name == "targets":
                clean[name] = _targets(value or {})
            else:
                clean[name] = _text(value, name.replace("_", " "), limit=_limit(columns[name]))
        if new and "name" not in clean:
            raise ValidationError("The name is required; enter one.", "name")
        return clean

    def add_initiative(self, **fields: Any) -> str:
        """Add an initiative; returns its id. ``fields`` are ``entities.Initiative`` columns."""
        clean = self._initiative_fields(fields, new=True)
        now = audit.utcnow()
        clean.setdefault("id", new_id())
        clean.setdefault("stage", Stage.IDEA.value)
        if clean.get("stage_since") is None:
            clean["stage_since"] = now.date()
        initiative = Initiative(**clean, created_at=now, updated_at=now)
        with self._write() as session:
            if session.get(Initiative, clean["id"]) is not None:
                raise ValidationError(f"An initiative with id {clean['id']} already exists.")
            session.add(initiative)
            audit.append_event(
                session, "create", "initiative", initiative.id, {"name": initiative.name}
            )
        return initiative.id

    def update_initiative(self, initiative_id: str, **fields: Any) -> None:
        """Change some fields; a new stage without a date starts today."""
        fields.pop("id", None)
        clean = self._initiative_fields(fields, new=False)
        if not clean:
            return
        with self._write() as session:
            initiative = self._get(session, Initiative, initiative_id, "initiative")
            if (
                "stage" in clean
                and clean["stage"] != initiative.stage
                and clean.get("stage_since") is None
            ):
                clean["stage_since"] = audit.utcnow().date()
            for name, value in clean.items():
                setattr(initiative, name, value)
            initiative.updated_at = audit.utcnow()
            details = {"changed": {k: _jsonable(v) for k, v in clean.items()}}
            audit.append_event(session, "update", "initiative", initiative_id, details)

    def delete_initiative(self, initiative_id: str) -> None:
        """Delete an initiative and everything recorded for it."""
        with self._write() as session:
            initiative = self._get(session, Initiative, initiative_id, "initiative")
            name = initiative.name
            session.expunge(initiative)
            # The foreign keys cascade in the database: one statement, however much hangs off it.
            session.execute(delete(Initiative).where(Initiative.id == initiative_id))
            audit.append_event(session, "delete", "initiative", initiative_id, {"name": name})

    def get_initiative(self, initiative_id: str) -> Initiative:
        """The initiative with its necessity assessments, assessments, actions and decisions."""
        with self._read() as session:
            found = session.scalars(
                select(Initiative)
                .where(Initiative.id == initiative_id)
                .options(
                    selectinload(Initiative.necessity_assessments),
                    selectinload(Initiative.assessments),
                    selectinload(Initiative.actions),
                    selectinload(Initiative.decisions)
                    .selectinload(Decision.stances)
                    .selectinload(DecisionValue.value),
                )
            ).first()
        if found is None:
            raise ValidationError(
                f"There is no initiative with id {initiative_id} in this portfolio."
            )
        return found

    def initiative_ids(self) -> list[str]:
        """Every initiative's id, by name."""
        with self._read() as session:
            return list(session.scalars(select(Initiative.id).order_by(Initiative.name)))

    def export_initiative(self, initiative_id: str) -> dict[str, list[dict[str, Any]]]:
        """Every row recorded for one initiative, table by table, so it can be restored."""
        tables = Base.metadata.tables
        ids = {"initiatives": [initiative_id]}
        with self._read() as session:
            if session.get(Initiative, initiative_id) is None:
                raise ValidationError(f"There is no initiative with id {initiative_id}.")
            saved: dict[str, list[dict[str, Any]]] = {}
            for name, key, parent in _INITIATIVE_TREE:
                table = tables[name]
                rows = session.execute(
                    select(table).where(table.c[key].in_(ids[parent]))
                ).mappings()
                saved[name] = [dict(row) for row in rows]
                if "id" in table.c:
                    ids[name] = [row["id"] for row in saved[name]]
        return saved

    def restore_initiative(self, saved: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
        """Put back an initiative exported by ``export_initiative`` (undo of a delete)."""
        tables = Base.metadata.tables
        initiative = saved["initiatives"][0]
        with self._write() as session:
            for name, _, _ in _INITIATIVE_TREE:
                if saved.get(name):
                    session.execute(tables[name].insert(), [dict(row) for row in saved[name]])
            audit.append_event(
                session, "restore", "initiative", initiative["id"], {"name": initiative["name"]}
            )

    # -- necessity ---------------------------------------------------------------------------

    def add_necessity(
        self,
        initiative_id: str,
        *,
        answers: Mapping[str, Any],
        outcome: NecessityOutcome | str,
        conditions: Sequence[str] = (),
        rationale: str = "",
        decided_by: str = "",
        decided_on: date | None = None,
        instrument_id: str | None = None,
        instrument_version: str | None = None,
    ) -> str:
        """Record a necessity assessment (is AI the right tool?); the newest one is in force.

        Without an instrument named, the answers are recorded against the bundled instrument,
        so a later reader knows which questions they answer.
        """
        result = _enum(NecessityOutcome, outcome, "necessity outcome")
        if instrument_id is None or instrument_version is None:
            from avi_desktop.model.necessity import load_necessity_instrument

            bundled = load_necessity_instrument()
            instrument_id = instrument_id or bundled.id
            instrument_version = instrument_version or bundled.version
        record = NecessityAssessment(
            id=new_id(),
            initiative_id=initiative_id,
            instrument_id=_text(instrument_id, "instrument", required=True, limit=64),
            instrument_version=_text(instrument_version, "instrument version", limit=32),
            answers=audit.normalise_details(answers),
            outcome=result.value,
            conditions=[_text(c, "condition", required=True) for c in conditions],
            rationale=_text(rationale, "rationale"),
            decided_by=_text(decided_by, "decided by", limit=200),
            decided_on=_date(decided_on or audit.utcnow().date(), "decision date"),
            created_at=audit.utcnow(),
        )
        with self._write() as session:
            self._get(session, Initiative, initiative_id, "initiative")
            session.add(record)
            audit.append_event(
                session,
                "create",
                "necessity_assessment",
                record.id,
                {"initiative_id": initiative_id, "outcome": result.value},
            )
        return record.id

    # -- assessments -------------------------------------------------------------------------

    def create_assessment(
        self,
        initiative_id: str,
        *,
        title: str,
        instrument: Instrument,
        assessed_on: date,
        mode: AssessmentMode | str = AssessmentMode.INDIVIDUAL,
        targets: Mapping[Layer, float] | None = None,
    ) -> str:
        """Start a draft assessment; targets default to the initiative's, then the portfolio's."""
        clean_title = _text(title, "title", required=True, limit=200)
        clean_mode = _enum(AssessmentMode, mode, "assessment mode")
        on = _date(assessed_on, "assessment date")
        portfolio = self.settings().targets
        with self._write() as session:
            initiative = self._get(session, Initiative, initiative_id, "initiative")
            in_force = {layer.value: value for layer, value in portfolio.items()}
            in_force.update(initiative.targets or {})
            if targets is not None:
                in_force.update(_targets(targets))
            assessment = Assessment(
                id=new_id(),
                initiative_id=initiative_id,
                title=clean_title,
                instrument_id=instrument.id,
                instrument_version=instrument.version,
                assessed_on=on,
                mode=clean_mode.value,
                status=AssessmentStatus.DRAFT.value,
                targets=in_force,
                created_at=audit.utcnow(),
            )
            session.add(assessment)
            audit.append_event(
                session,
                "create",
                "assessment",
                assessment.id,
                {"initiative_id": initiative_id, "title": clean_title, "mode": clean_mode.value},
            )
        return assessment.id

    def add_respondent(
        self, assessment_id: str, *, name: str, group: StakeholderGroup | str, role: str = ""
    ) -> str:
        """Add a respondent (a name or an anonymous code) to an assessment that is not closed."""
        clean_name = _text(name, "respondent name", required=True, limit=200)
        clean_group = _enum(StakeholderGroup, group, "stakeholder group")
        with self._write() as session:
            self._open_assessment(session, assessment_id)
            position = session.scalar(
                select(func.count())
                .select_from(Respondent)
                .where(Respondent.assessment_id == assessment_id)
            )
            respondent = Respondent(
                id=new_id(),
                assessment_id=assessment_id,
                position=position or 0,
                name=clean_name,
                role=_text(role, "role", limit=200),
                stakeholder_group=clean_group.value,
            )
            session.add(respondent)
            audit.append_event(
                session,
                "create",
                "respondent",
                respondent.id,
                {"assessment_id": assessment_id, "group": clean_group.value},
            )
        return respondent.id

    def set_answers(
        self,
        respondent_id: str,
        answers: Mapping[str, int | None],
        comments: Mapping[str, str] | None = None,
        *,
        submitted: bool = False,
    ) -> None:
        """Record scores 1-5 (None = not applicable) for items; earlier answers are replaced."""
        comments = comments or {}
        scores = {
            _text(k, "item id", required=True, limit=32): _score(k, v) for k, v in answers.items()
        }
        stray = sorted(set(comments) - set(scores))
        if stray:
            raise ValidationError(f"Comments need an answer for the same item: {', '.join(stray)}.")
        with self._write() as session:
            respondent = self._get(session, Respondent, respondent_id, "respondent")
            self._open_assessment(session, respondent.assessment_id)
            existing = {
                a.item_id: a
                for a in session.scalars(
                    select(Answer).where(
                        Answer.respondent_id == respondent_id, Answer.item_id.in_(scores)
                    )
                )
            }
            for item_id, score in scores.items():
                answer = existing.get(item_id) or Answer(
                    respondent_id=respondent_id, item_id=item_id
                )
                answer.score = score
                answer.not_applicable = score is None
                answer.comment = _text(comments.get(item_id, answer.comment or ""), "comment")
                session.add(answer)
            if submitted:
                respondent.submitted_at = audit.utcnow()
            audit.append_event(
                session,
                "answer",
                "respondent",
                respondent_id,
                {"assessment_id": respondent.assessment_id, "answers": scores},
            )

    def set_assessment_status(self, assessment_id: str, status: AssessmentStatus | str) -> None:
        """Move an assessment to draft, open or closed; a closed one can no longer change."""
        new = _enum(AssessmentStatus, status, "assessment status")
        with self._write() as session:
            assessment = self._open_assessment(session, assessment_id)
            old = assessment.status
            assessment.status = new.value
            if new == AssessmentStatus.CLOSED:
                assessment.closed_at = audit.utcnow()
            audit.append_event(
                session, "status", "assessment", assessment_id, {"from": old, "to": new.value}
            )

    def get_assessment(self, assessment_id: str) -> Assessment:
        """The assessment with its initiative, respondents and their answers."""
        with self._read() as session:
            found = session.scalars(
                select(Assessment)
                .where(Assessment.id == assessment_id)
                .options(
                    selectinload(Assessment.initiative),
                    selectinload(Assessment.respondents).selectinload(Respondent.answers),
                )
            ).first()
        if found is None:
            raise ValidationError(
                f"There is no assessment with id {assessment_id} in this portfolio."
            )
        return found

    def assessments(self, initiative_id: str | None = None) -> list[Assessment]:
        """Assessments oldest first, each with respondents and answers loaded, in three queries.

        For views that score many assessments at once: one call instead of one per assessment.
        """
        query = (
            select(Assessment)
            .options(selectinload(Assessment.respondents).selectinload(Respondent.answers))
            .order_by(Assessment.assessed_on, Assessment.created_at)
        )
        if initiative_id is not None:
            query = query.where(Assessment.initiative_id == initiative_id)
        with self._read() as session:
            return list(session.scalars(query))

    def response_sets(self, assessment_id: str) -> list[ResponseSet]:
        """Each respondent's answers as scoring reads them, in respondent order."""
        return response_sets_of(self.get_assessment(assessment_id))

    def latest_assessment_id(self, initiative_id: str) -> str | None:
        """The initiative's most recent assessment (by date, then creation), if any."""
        with self._read() as session:
            return session.scalar(
                select(Assessment.id)
                .where(Assessment.initiative_id == initiative_id)
                .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc())
                .limit(1)
            )

    def assessment_ids(self, initiative_id: str | None = None) -> list[str]:
        """Assessment ids, oldest first; of one initiative when given."""
        query = select(Assessment.id).order_by(Assessment.assessed_on, Assessment.created_at)
        if initiative_id is not None:
            query = query.where(Assessment.initiative_id == initiative_id)
        with self._read() as session:
            return list(session.scalars(query))

    # -- actions -----------------------------------------------------------------------------

    def _action_fields(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(fields) - _ACTION_FIELDS)
        if unknown:
            raise ValidationError(f"Unknown action field(s): {', '.join(unknown)}.")
        clean: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "imperative":
                clean[name] = _enum(Imperative, value, "imperative").value
            elif name == "status":
                clean[name] = _enum(ActionStatus, value, "action status").value
            elif name == "title":
                clean[name] = _text(value, "title", required=True, limit=300)
            elif name == "due_on":
                clean[name] = _date(value, "due date", optional=True)
            elif name == "source":
                clean[name] = audit.normalise_details(value or {})
            else:
                clean[name] = _text(value, name, limit=_limit(Action.__table__.columns[name]))
        return clean

    def add_action(
        self,
        initiative_id: str,
        *,
        imperative: Imperative | str,
        title: str,
        detail: str = "",
        owner: str = "",
        due_on: date | None = None,
        source: Mapping[str, Any] | None = None,
    ) -> str:
        """Add a follow-up action under one of the four leadership imperatives."""
        clean = self._action_fields(
            {
                "imperative": imperative,
                "title": title,
                "detail": detail,
                "owner": owner,
                "due_on": due_on,
                "source": source,
            }
        )
        now = audit.utcnow()
        action = Action(
            id=new_id(),
            initiative_id=initiative_id,
            status=ActionStatus.OPEN.value,
            created_at=now,
            updated_at=now,
            **clean,
        )
        with self._write() as session:
            self._get(session, Initiative, initiative_id, "initiative")
            session.add(action)
            audit.append_event(
                session,
                "create",
                "action",
                action.id,
                {"initiative_id": initiative_id, "title": clean["title"]},
            )
        return action.id

    def update_action(self, action_id: str, **fields: Any) -> None:
        """Change an action's fields (status, owner, due date, ...)."""
        clean = self._action_fields(fields)
        if not clean:
            return
        with self._write() as session:
            action = self._get(session, Action, action_id, "action")
            for name, value in clean.items():
                setattr(action, name, value)
            action.updated_at = audit.utcnow()
            details = {"changed": {k: _jsonable(v) for k, v in clean.items()}}
            audit.append_event(session, "update", "action", action_id, details)

    def actions(self, initiative_id: str | None = None) -> list[Action]:
        """Actions, oldest first; of one initiative when given."""
        query = select(Action).order_by(Action.created_at)
        if initiative_id is not None:
            query = query.where(Action.initiative_id == initiative_id)
        with self._read() as session:
            return list(session.scalars(query))

    # -- values decision audit ---------------------------------------------------------------

    def add_stated_value(self, name: str, description: str = "") -> str:
        """Record a value or principle the organisation says it holds for AI."""
        clean = _text(name, "value name", required=True, limit=200)
        with self._write() as session:
            if session.scalar(select(StatedValue.id).where(StatedValue.name == clean)):
                raise ValidationError(f"The stated value '{clean}' already exists.", "name")
            position = session.scalar(select(func.count()).select_from(StatedValue)) or 0
            value = StatedValue(
                id=new_id(),
                position=position,
                name=clean,
                description=_text(description, "description"),
                created_at=audit.utcnow(),
            )
            session.add(value)
            audit.append_event(session, "create", "stated_value", value.id, {"name": clean})
        return value.id

    def update_stated_value(
        self, value_id: str, *, name: str | None = None, description: str | None = None
    ) -> None:
        """Rename or reword a stated value; decisions already audited against it keep the link."""
        with self._write() as session:
            value = self._get(session, StatedValue, value_id, "stated value")
            changed: dict[str, str] = {}
            if name is not None:
                clean = _text(name, "value name", required=True, limit=200)
                clash = session.scalar(
                    select(StatedValue.id).where(
                        StatedValue.name == clean, StatedValue.id != value_id
                    )
                )
                if clash:
                    raise ValidationError(f"The stated value '{clean}' already exists.", "name")
                if clean != value.name:
                    changed["name"] = clean
            if description is not None:
                text = _text(description, "description")
                if text != value.description:
                    changed["description"] = text
            if not changed:
                return
            for field, text in changed.items():
                setattr(value, field, text)
            audit.append_event(session, "update", "stated_value", value_id, {"changed": changed})

    def stated_values(self) -> list[StatedValue]:
        """The stated values in the order they were recorded."""
        with self._read() as session:
            return list(session.scalars(select(StatedValue).order_by(StatedValue.position)))

    def add_decision(
        self,
        initiative_id: str,
        *,
        decided_on: date,
        title: str,
        situation: str = "",
        actual_logic: str = "",
        cost_of_decision_not_made: str = "",
        decided_by: str = "",
        stances: Mapping[str, ValueStance | str],
    ) -> str:
        """Log a decision taken when something was at stake, and which values it upheld."""
        clean_stances = {
            value_id: _enum(ValueStance, stance, "stance").value
            for value_id, stance in stances.items()
        }
        decision = Decision(
            id=new_id(),
            initiative_id=initiative_id,
            decided_on=_date(decided_on, "decision date"),
            title=_text(title, "title", required=True, limit=300),
            situation=_text(situation, "situation"),
            actual_logic=_text(actual_logic, "actual logic"),
            cost_of_decision_not_made=_text(cost_of_decision_not_made, "cost of the decision"),
            decided_by=_text(decided_by, "decided by", limit=200),
            created_at=audit.utcnow(),
        )
        with self._write() as session:
            self._get(session, Initiative, initiative_id, "initiative")
            for value_id in clean_stances:
                self._get(session, StatedValue, value_id, "stated value")
            session.add(decision)
            session.flush()
            for value_id, stance in clean_stances.items():
                session.add(
                    DecisionValue(decision_id=decision.id, value_id=value_id, stance=stance)
                )
            audit.append_event(
                session,
                "create",
                "decision",
                decision.id,
                {"initiative_id": initiative_id, "title": decision.title, "stances": clean_stances},
            )
        return decision.id

    def decisions(self, initiative_id: str | None = None) -> list[Decision]:
        """Decisions by date, with their stances and values loaded; of one initiative if given."""
        query = (
            select(Decision)
            .options(selectinload(Decision.stances).selectinload(DecisionValue.value))
            .order_by(Decision.decided_on, Decision.created_at)
        )
        if initiative_id is not None:
            query = query.where(Decision.initiative_id == initiative_id)
        with self._read() as session:
            return list(session.scalars(query))

    # -- audit, verification, passphrase -----------------------------------------------------

    def audit_events(self) -> list[AuditEvent]:
        with self._read() as session:
            return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))

    def verify(self) -> VerifyReport:
        """SQLite's integrity check, then the audit hash chain from the first event."""
        with self._read() as session:
            rows = session.execute(text("PRAGMA integrity_check(20)")).scalars().all()
            problems = [str(row) for row in rows if row != "ok"]
            if problems:
                return VerifyReport(False, 0, None, f"the file is damaged: {problems[0]}")
            return audit.verify_session(session)

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt the file with a new passphrase; recorded in the audit trail (not the text)."""
        self._db.change_passphrase(new_passphrase)
        with self._write() as session:
            audit.append_event(session, "change_passphrase", "portfolio")


# Tables hanging off an initiative: (table, column pointing up, table it points to), parents first.
_INITIATIVE_TREE: Final = (
    ("initiatives", "id", "initiatives"),
    ("necessity_assessments", "initiative_id", "initiatives"),
    ("assessments", "initiative_id", "initiatives"),
    ("respondents", "assessment_id", "assessments"),
    ("answers", "respondent_id", "respondents"),
    ("actions", "initiative_id", "initiatives"),
    ("decisions", "initiative_id", "initiatives"),
    ("decision_values", "decision_id", "decisions"),
)
