"""The portfolio file's tables as SQLAlchemy 2 typed ORM classes.

The schema is owned by the Alembic migrations in ``model/migrations``; these classes must match
the newest revision (a test compares them). Ids are UUID strings so that files can be merged and
packs matched without collisions. Enum columns are typed with the ``domain`` enums but store
their plain string values in the same VARCHAR columns as before (no native enum type, no added
CHECK constraint), so files written before the columns were typed read back unchanged.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from avi_desktop.model.domain import (
    ActionStatus,
    AssessmentMode,
    AssessmentStatus,
    Imperative,
    NecessityOutcome,
    Stage,
    StakeholderGroup,
    ValueStance,
)


def new_id() -> str:
    """Return a fresh random UUID string."""
    return str(uuid.uuid4())


def _stored_as_text(kind: type[StrEnum], length: int) -> Enum:
    """A column typed as ``kind`` that stores its members' values in a VARCHAR(``length``)."""
    return Enum(
        kind,
        values_callable=lambda members: [member.value for member in members],
        native_enum=False,
        create_constraint=False,
        length=length,
    )


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


class Setting(Base):
    """Portfolio-level settings as key/JSON-value pairs (organisation, classification, targets)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


class Initiative(Base):
    __tablename__ = "initiatives"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    business_problem: Mapped[str] = mapped_column(Text, default="")
    expected_output: Mapped[str] = mapped_column(Text, default="")
    output_use: Mapped[str] = mapped_column(Text, default="")
    kpi_name: Mapped[str] = mapped_column(String(200), default="")
    kpi_unit: Mapped[str] = mapped_column(String(50), default="")
    kpi_baseline: Mapped[float | None] = mapped_column(Float)
    kpi_target: Mapped[float | None] = mapped_column(Float)
    # The KPI's measured values over time, oldest first: [{"date": "YYYY-MM-DD", "value": x}].
    kpi_actuals: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )
    business_unit: Mapped[str] = mapped_column(String(200), default="", index=True)
    business_owner: Mapped[str] = mapped_column(String(200), default="", index=True)
    data_ai_partner: Mapped[str] = mapped_column(String(200), default="")
    sponsor: Mapped[str] = mapped_column(String(200), default="")
    stage: Mapped[Stage] = mapped_column(_stored_as_text(Stage, 32), default=Stage.IDEA, index=True)
    stage_since: Mapped[date] = mapped_column(Date)
    # The stages left before the current one, oldest first: [{"stage": key, "since": date}].
    # Empty for rows written before it was recorded: only the current stage is known then.
    stage_history: Mapped[list[dict[str, str]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )
    investment_to_date: Mapped[float | None] = mapped_column(Float)
    affected_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    # What success means to each affected stakeholder group, keyed by the group's key.
    success_criteria: Mapped[dict[str, str]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Per-initiative layer targets override the portfolio's; keys are layer keys.
    targets: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    necessity_assessments: Mapped[list[NecessityAssessment]] = relationship(
        back_populates="initiative",
        cascade="all, delete-orphan",
        order_by="NecessityAssessment.decided_on",
    )
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan", order_by="Assessment.assessed_on"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan", order_by="Action.created_at"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan", order_by="Decision.decided_on"
    )


class NecessityAssessment(Base):
    """Is AI the right tool for this problem? Repeatable: the newest one is in force."""

    __tablename__ = "necessity_assessments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    initiative_id: Mapped[str] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True
    )
    instrument_id: Mapped[str] = mapped_column(String(64))
    instrument_version: Mapped[str] = mapped_column(String(32))
    # question id -> answer (text, choice key, bool or number), as the necessity instrument defines.
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    outcome: Mapped[NecessityOutcome] = mapped_column(_stored_as_text(NecessityOutcome, 32))
    conditions: Mapped[list[str]] = mapped_column(JSON, default=list)
    rationale: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    decided_on: Mapped[date] = mapped_column(Date)
    # Whether this assessment came before the technology decision; None where not recorded.
    before_technology_decision: Mapped[bool | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime)

    initiative: Mapped[Initiative] = relationship(back_populates="necessity_assessments")


class Assessment(Base):
    """One four-layer assessment of an initiative: one respondent, or a whole workshop."""

    __tablename__ = "assessments"
    __table_args__ = (
        CheckConstraint("mode IN ('individual', 'workshop')", name="ck_assessment_mode"),
        CheckConstraint("status IN ('draft', 'open', 'closed')", name="ck_assessment_status"),
        # Covers "each initiative's latest assessment" without touching the table (revision 0002).
        Index(
            "ix_assessments_initiative_assessed",
            "initiative_id",
            "assessed_on",
            "created_at",
            "id",
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    initiative_id: Mapped[str] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    instrument_id: Mapped[str] = mapped_column(String(64))
    instrument_version: Mapped[str] = mapped_column(String(32))
    assessed_on: Mapped[date] = mapped_column(Date)
    mode: Mapped[AssessmentMode] = mapped_column(
        _stored_as_text(AssessmentMode, 16), default=AssessmentMode.INDIVIDUAL
    )
    status: Mapped[AssessmentStatus] = mapped_column(
        _stored_as_text(AssessmentStatus, 16), default=AssessmentStatus.DRAFT
    )
    # Layer key -> target in force when the assessment was taken.
    targets: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    initiative: Mapped[Initiative] = relationship(back_populates="assessments")
    respondents: Mapped[list[Respondent]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="Respondent.position"
    )


class Respondent(Base):
    __tablename__ = "respondents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # A display name, or an anonymous code such as "P03" in a workshop.
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    stakeholder_group: Mapped[StakeholderGroup] = mapped_column(
        _stored_as_text(StakeholderGroup, 32)
    )
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)

    assessment: Mapped[Assessment] = relationship(back_populates="respondents")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="respondent", cascade="all, delete-orphan"
    )


class Answer(Base):
    """One respondent's answer to one item: a score of 1-5, or not applicable (score NULL)."""

    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("respondent_id", "item_id", name="uq_answer_item"),
        CheckConstraint(
            "(not_applicable = 1 AND score IS NULL) OR "
            "(not_applicable = 0 AND score BETWEEN 1 AND 5)",
            name="ck_answer_score",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    respondent_id: Mapped[str] = mapped_column(
        ForeignKey("respondents.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(32))
    score: Mapped[int | None] = mapped_column(Integer)
    not_applicable: Mapped[bool] = mapped_column(default=False)
    comment: Mapped[str] = mapped_column(Text, default="")

    respondent: Mapped[Respondent] = relationship(back_populates="answers")


class Action(Base):
    """A follow-up action, filed under one of the four leadership imperatives."""

    __tablename__ = "actions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    initiative_id: Mapped[str] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True
    )
    imperative: Mapped[Imperative] = mapped_column(_stored_as_text(Imperative, 32))
    title: Mapped[str] = mapped_column(String(300))
    detail: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        _stored_as_text(ActionStatus, 16), default=ActionStatus.OPEN
    )
    # What it answers: a recommendation id, pattern id or item id, with its evidence at the time.
    source: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    initiative: Mapped[Initiative] = relationship(back_populates="actions")


class StatedValue(Base):
    """A value or principle the organisation says it holds for AI."""

    __tablename__ = "stated_values"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # A retired value stays for the decisions that refer to it but takes no new ones.
    retired_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Decision(Base):
    """A decision actually taken when something was at stake (the values decision audit)."""

    __tablename__ = "decisions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    initiative_id: Mapped[str] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True
    )
    decided_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    situation: Mapped[str] = mapped_column(Text, default="")
    # The pressure at stake when it was decided (cost, speed, competition, a deadline ...).
    pressure: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The logic that actually drove the outcome, in the decision makers' own terms.
    actual_logic: Mapped[str] = mapped_column(Text, default="")
    # What the decision would have looked like, and cost, had the stated value been enacted.
    cost_of_decision_not_made: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    # Who would have argued for a different decision, had they been in the room.
    argued_by: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)

    initiative: Mapped[Initiative] = relationship(back_populates="decisions")
    stances: Mapped[list[DecisionValue]] = relationship(
        back_populates="decision", cascade="all, delete-orphan"
    )


class DecisionValue(Base):
    """Whether one decision upheld or departed from one stated value."""

    __tablename__ = "decision_values"
    __table_args__ = (
        CheckConstraint("stance IN ('upheld', 'departed')", name="ck_decision_stance"),
    )

    decision_id: Mapped[str] = mapped_column(
        ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True
    )
    value_id: Mapped[str] = mapped_column(
        ForeignKey("stated_values.id", ondelete="CASCADE"), primary_key=True
    )
    stance: Mapped[ValueStance] = mapped_column(_stored_as_text(ValueStance, 16))

    decision: Mapped[Decision] = relationship(back_populates="stances")
    value: Mapped[StatedValue] = relationship()


class AuditEvent(Base):
    """Append-only record of every change, chained by SHA-256 so tampering can be detected.

    ``digest`` = SHA-256 over the previous event's digest and this event's canonical content
    (sequence, timestamp, action, entity, entity id, details); HMAC-SHA256 with the file's chain
    key in an encrypted file. ``details["rows"]`` holds the digests of the records it produced.
    """

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_digest: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """The chain's last event (one row, id 1), so a deleted tail shows even without a printout;
    and, in an encrypted file, the chain's key wrapped under the passphrase.

    Written with every event, inside its transaction (revision 0003). Not a record of its own:
    the row digests leave it out, and the chain itself vouches for it.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    # Encrypted files only: the chain's HMAC key, wrapped by a PBKDF2 key from the passphrase.
    key_salt: Mapped[str | None] = mapped_column(String(64))
    wrapped_key: Mapped[str | None] = mapped_column(String(128))


class ScoreCacheRow(Base):
    """Each initiative's latest table figures, kept so opening needs no rescoring (revision 0005).

    Derived data: written inside the transaction of every change that alters its inputs
    (``model/score_cache.py``), never audited, and rebuilt whenever it is in doubt.
    """

    __tablename__ = "score_cache"

    initiative_id: Mapped[str] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True
    )
    alignment_index: Mapped[float | None] = mapped_column(Float)
    binding_layer: Mapped[str | None] = mapped_column(String(32))
    worst_band: Mapped[str | None] = mapped_column(String(32))
    patterns: Mapped[str] = mapped_column(Text, default="")  # titles, one a line
    generation: Mapped[int] = mapped_column(Integer, default=0)
    results: Mapped[str | None] = mapped_column(Text)  # layer results, JSON (revision 0007)
    # The first day time alone could change the row (``patterns.changes_on``; revision 0008).
    changes_on: Mapped[date | None] = mapped_column(Date, index=True)


class ScoreCacheState(Base):
    """The score cache's one state row: the rules it was computed with, and when.

    ``digest`` is the rules' fingerprint (``score_cache.rules_fingerprint``), or ``stale:N``
    when a change to every initiative's inputs asked for a rebuild.
    """

    __tablename__ = "score_cache_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    digest: Mapped[str] = mapped_column(String(80), default="")
    generation: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
