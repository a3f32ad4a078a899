"""Assessments: necessity decisions, four-layer assessments, respondents and their answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, selectinload

from avi_desktop.model import audit
from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.domain import (
    AssessmentMode,
    AssessmentStatus,
    Layer,
    NecessityOutcome,
    StakeholderGroup,
)
from avi_desktop.model.entities import (
    Answer,
    Assessment,
    Initiative,
    NecessityAssessment,
    Respondent,
    new_id,
)
from avi_desktop.model.errors import ReadOnlyError, ValidationError
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.results import ResponseSet
from avi_desktop.model.store.base import StoreBase, get_row
from avi_desktop.model.store.responses import (
    AlreadyAnsweredError,
    ResponseInput,
    checked_answers,
    find_respondent,
)
from avi_desktop.model.store.settings import load_settings
from avi_desktop.model.store.validation import a_date, enum_of, text
from avi_desktop.model.store.validation import score as checked_score
from avi_desktop.model.store.validation import targets as checked_targets


def response_sets_of(assessment: Assessment) -> list[ResponseSet]:
    """A loaded assessment's respondents and answers as scoring reads them, in order."""
    return [
        ResponseSet(
            respondent_id=r.id,
            name=r.name,
            group=r.stakeholder_group,
            answers={a.item_id: a.score for a in r.answers},
            role=r.role,
        )
        for r in assessment.respondents
    ]


def _open_assessment(session: Session, assessment_id: str) -> Assessment:
    """The assessment, if it may still change: a closed one is read-only."""
    assessment = get_row(session, Assessment, assessment_id, "assessment")
    if assessment.status == AssessmentStatus.CLOSED:
        raise ReadOnlyError(
            f"The assessment '{assessment.title}' is closed and read-only; "
            "start a new assessment to record changes."
        )
    return assessment


def _add_assessment(
    session: Session,
    *,
    assessment_id: str,
    initiative_id: str,
    title: str,
    instrument: Instrument,
    on: date | None,
    mode: AssessmentMode,
    targets: Mapping[Layer, float] | None,
) -> None:
    """Add a draft assessment; targets default to the initiative's, then the portfolio's."""
    initiative = get_row(session, Initiative, initiative_id, "initiative")
    in_force = {layer.value: value for layer, value in load_settings(session).targets.items()}
    in_force.update(initiative.targets or {})
    if targets is not None:
        in_force.update(checked_targets(targets))
    session.add(
        Assessment(
            id=assessment_id,
            initiative_id=initiative_id,
            title=title,
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            assessed_on=on,
            mode=mode,
            status=AssessmentStatus.DRAFT,
            targets=in_force,
            created_at=audit.utcnow(),
        )
    )


def _respondent(assessment_id: str, position: int, name: str, group: Any, role: str) -> Respondent:
    return Respondent(
        id=new_id(),
        assessment_id=assessment_id,
        position=position,
        name=text(name, "respondent name", required=True, limit=200),
        role=text(role, "role", limit=200),
        stakeholder_group=enum_of(StakeholderGroup, group, "stakeholder group"),
    )


def _stored(session: Session, respondent_id: str) -> dict[str, tuple[int | None, str]]:
    found = session.execute(
        select(Answer.item_id, Answer.score, Answer.comment).where(
            Answer.respondent_id == respondent_id
        )
    )
    return {item: (value, comment or "") for item, value, comment in found}


class AssessmentsPart(StoreBase):
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
        before_technology_decision: bool | None = None,
    ) -> str:
        """Record a necessity assessment (is AI the right tool?); the newest one is in force.

        Without an instrument named, the answers are recorded against the bundled instrument,
        so a later reader knows which questions they answer. The rules hold here, whoever
        calls: a knock-out answer allows only *Not justified*, conditions are listed for
        *Justified with conditions*, and every outcome has a rationale and a decision maker.
        """
        from avi_desktop.model.necessity import check_record, load_necessity_instrument

        result = enum_of(NecessityOutcome, outcome, "necessity outcome")
        bundled = load_necessity_instrument()
        instrument_id = instrument_id or bundled.id
        instrument_version = instrument_version or bundled.version
        check_record(
            bundled if instrument_id == bundled.id else None,
            answers,
            result,
            conditions,
            before_technology_decision,
        )
        record = NecessityAssessment(
            id=new_id(),
            initiative_id=initiative_id,
            instrument_id=text(instrument_id, "instrument", required=True, limit=64),
            instrument_version=text(instrument_version, "instrument version", limit=32),
            answers=audit.normalise_details(answers),
            outcome=result,
            conditions=[text(c, "condition", required=True) for c in conditions],
            rationale=text(rationale, "rationale", required=True),
            decided_by=text(decided_by, "decided by", required=True, limit=200),
            decided_on=a_date(decided_on or audit.utcnow().date(), "decision date"),
            before_technology_decision=before_technology_decision,
            created_at=audit.utcnow(),
        )
        entity = AuditEntity.NECESSITY_ASSESSMENT
        with self._change(AuditAction.CREATE, entity, record.id) as change:
            get_row(change.session, Initiative, initiative_id, "initiative")
            change.session.add(record)
            change.details = {"initiative_id": initiative_id, "outcome": result}
        return record.id

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
        clean_title = text(title, "title", required=True, limit=200)
        clean_mode = enum_of(AssessmentMode, mode, "assessment mode")
        on = a_date(assessed_on, "assessment date")
        assessment_id = new_id()
        with self._change(AuditAction.CREATE, AuditEntity.ASSESSMENT, assessment_id) as change:
            _add_assessment(
                change.session,
                assessment_id=assessment_id,
                initiative_id=initiative_id,
                title=clean_title,
                instrument=instrument,
                on=on,
                mode=clean_mode,
                targets=targets,
            )
            change.details = {
                "initiative_id": initiative_id,
                "title": clean_title,
                "mode": clean_mode,
            }
        return assessment_id

    def create_workshop(
        self,
        initiative_id: str,
        *,
        title: str,
        instrument: Instrument,
        assessed_on: date,
        participants: Sequence[tuple[str, StakeholderGroup | str, str]],
    ) -> str:
        """A workshop assessment with its participants (name or code, group, role), all at once.

        One transaction: a bad participant leaves no assessment behind.
        """
        clean_title = text(title, "title", required=True, limit=200)
        on = a_date(assessed_on, "assessment date")
        assessment_id = new_id()
        with self._change(AuditAction.CREATE, AuditEntity.ASSESSMENT, assessment_id) as change:
            mode = AssessmentMode.WORKSHOP
            session = change.session
            _add_assessment(
                session,
                assessment_id=assessment_id,
                initiative_id=initiative_id,
                title=clean_title,
                instrument=instrument,
                on=on,
                mode=mode,
                targets=None,
            )
            for position, (name, group, role) in enumerate(participants):
                session.add(_respondent(assessment_id, position, name, group, role))
            change.details = {
                "initiative_id": initiative_id,
                "title": clean_title,
                "mode": mode,
                "participants": len(participants),
            }
        return assessment_id

    def record_responses(
        self,
        assessment_id: str,
        responses: Sequence[ResponseInput],
        *,
        replace: bool = False,
        source: str = "file",
    ) -> list[str]:
        """Record whole responses read from files, all or none; one outcome per response.

        Each outcome is "added", "replaced" or "unchanged". Answers identical to those stored
        change nothing (and when all are, no audit event is written); different answers from a
        respondent who has already answered raise ``AlreadyAnsweredError`` unless ``replace``.
        A response naming nobody in the assessment adds a respondent.
        """
        outcomes: list[str] = []
        with self._change(AuditAction.ANSWER, AuditEntity.ASSESSMENT, assessment_id) as change:
            session = change.session
            _open_assessment(session, assessment_id)
            respondents = list(
                session.scalars(
                    select(Respondent)
                    .where(Respondent.assessment_id == assessment_id)
                    .order_by(Respondent.position)
                )
            )
            stored: dict[str, dict[str, tuple[int | None, str]]] = {}
            touched: list[str] = []
            for response in responses:
                new = checked_answers(response)
                respondent = find_respondent(respondents, response)
                if respondent is None:
                    respondent = _respondent(
                        assessment_id,
                        len(respondents),
                        response.name,
                        response.group,
                        response.role,
                    )
                    session.add(respondent)
                    respondents.append(respondent)
                    outcome = "added"
                else:
                    group = enum_of(StakeholderGroup, response.group, "stakeholder group")
                    if respondent.stakeholder_group != group:
                        raise ValidationError(
                            f"{respondent.name} is in the group "
                            f"{respondent.stakeholder_group.label}, not {group.label}."
                        )
                    if respondent.id not in stored:  # only the answers a file names are read
                        stored[respondent.id] = _stored(session, respondent.id)
                    old = stored[respondent.id]
                    if old == new:
                        outcomes.append("unchanged")
                        continue
                    if old and not replace:
                        raise AlreadyAnsweredError(
                            f"{respondent.name} has already answered differently; "
                            "confirm replacing their answers to import these."
                        )
                    outcome = "replaced" if old else "added"
                    session.execute(delete(Answer).where(Answer.respondent_id == respondent.id))
                stored[respondent.id] = new
                session.flush()  # the respondent row first, then its answers in one insert
                session.execute(
                    insert(Answer),
                    [
                        {
                            "respondent_id": respondent.id,
                            "item_id": item_id,
                            "score": value,
                            "not_applicable": value is None,
                            "comment": comment,
                        }
                        for item_id, (value, comment) in new.items()
                    ],
                )
                respondent.submitted_at = audit.utcnow()
                outcomes.append(outcome)
                touched.append(respondent.id)
            if not touched:
                change.nothing_changed()
            change.details = {"source": source, "respondents": touched, "replace": replace}
        return outcomes

    def add_respondent(
        self, assessment_id: str, *, name: str, group: StakeholderGroup | str, role: str = ""
    ) -> str:
        """Add a respondent (a name or an anonymous code) to an assessment that is not closed."""
        respondent = _respondent(assessment_id, 0, name, group, role)
        with self._change(AuditAction.CREATE, AuditEntity.RESPONDENT, respondent.id) as change:
            session = change.session
            _open_assessment(session, assessment_id)
            respondent.position = (
                session.scalar(
                    select(func.count())
                    .select_from(Respondent)
                    .where(Respondent.assessment_id == assessment_id)
                )
                or 0
            )
            session.add(respondent)
            change.details = {
                "assessment_id": assessment_id,
                "group": respondent.stakeholder_group,
            }
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
            text(k, "item id", required=True, limit=32): checked_score(k, v)
            for k, v in answers.items()
        }
        stray = sorted(set(comments) - set(scores))
        if stray:
            raise ValidationError(f"Comments need an answer for the same item: {', '.join(stray)}.")
        with self._change(AuditAction.ANSWER, AuditEntity.RESPONDENT, respondent_id) as change:
            session = change.session
            respondent = get_row(session, Respondent, respondent_id, "respondent")
            _open_assessment(session, respondent.assessment_id)
            existing = {
                a.item_id: a
                for a in session.scalars(
                    select(Answer).where(
                        Answer.respondent_id == respondent_id, Answer.item_id.in_(scores)
                    )
                )
            }
            for item_id, value in scores.items():
                answer = existing.get(item_id) or Answer(
                    respondent_id=respondent_id, item_id=item_id
                )
                answer.score = value
                answer.not_applicable = value is None
                answer.comment = text(comments.get(item_id, answer.comment or ""), "comment")
                session.add(answer)
            if submitted:
                respondent.submitted_at = audit.utcnow()
            change.details = {"assessment_id": respondent.assessment_id, "answers": scores}

    def set_assessment_status(self, assessment_id: str, status: AssessmentStatus | str) -> None:
        """Move an assessment to draft, open or closed; a closed one can no longer change."""
        new = enum_of(AssessmentStatus, status, "assessment status")
        with self._change(AuditAction.STATUS, AuditEntity.ASSESSMENT, assessment_id) as change:
            assessment = _open_assessment(change.session, assessment_id)
            old = assessment.status
            assessment.status = new
            if new == AssessmentStatus.CLOSED:
                assessment.closed_at = audit.utcnow()
            change.details = {"from": old, "to": new}

    def reopen_assessment(self, assessment_id: str, reason: str) -> None:
        """Reopen a closed assessment for answers; the reason is required and kept in the trail.

        Closing makes an assessment read-only; undoing that must be a deliberate, explained act,
        so it is the one way back and never a side effect of another change.
        """
        why = text(reason, "reason for reopening", required=True, limit=500)
        with self._change(AuditAction.STATUS, AuditEntity.ASSESSMENT, assessment_id) as change:
            assessment = get_row(change.session, Assessment, assessment_id, "assessment")
            if assessment.status != AssessmentStatus.CLOSED:
                raise ValidationError(
                    f"The assessment '{assessment.title}' is not closed, so there is nothing "
                    "to reopen."
                )
            assessment.status = AssessmentStatus.OPEN
            assessment.closed_at = None
            change.details = {
                "from": AssessmentStatus.CLOSED,
                "to": AssessmentStatus.OPEN,
                "reopened": True,
                "reason": why,
            }

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
