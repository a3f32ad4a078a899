"""Workshop participants and answers from CSV files: the participants list and the answers CSV.

Both readers check the whole file before anything is stored and name the line of the first
problem, so a file is taken whole or not at all.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from avi_desktop.model.domain import StakeholderGroup
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.exports import ANSWERS_HEADER, NOT_APPLICABLE
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.store.responses import ResponseInput

if TYPE_CHECKING:
    from avi_desktop.model.entities import Assessment
    from avi_desktop.model.store import PortfolioStore

PARTICIPANTS_HEADER: tuple[str, ...] = ("name", "role", "stakeholder_group")
MAX_CSV_BYTES = 16 * 1024 * 1024  # far above any workshop; stops a wrong file being read whole


@dataclass(frozen=True)
class Participant:
    name: str  # a display name or an anonymous code such as "P03"
    group: StakeholderGroup
    role: str = ""


def stakeholder_group(value: str) -> StakeholderGroup | None:
    """The group a CSV cell names, by key ("ctos_cios") or display name ("CTOs / CIOs")."""
    wanted = " ".join(value.split()).casefold()
    for group in StakeholderGroup:
        if wanted in (group.value, group.label.casefold()):
            return group
    return None


def _rows(path: Path, header: Sequence[str], what: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-blank row of a UTF-8 CSV whose header holds ``header``."""
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise ValidationError(f"{path.name} is too large to be {what}.")
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path.name} is not UTF-8 text; save it as CSV UTF-8.") from exc
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    reader = csv.reader(content.splitlines())
    try:
        found = [cell.strip().lower() for cell in next(reader, [])]
        missing = [name for name in header if name not in found]
        if missing:
            raise ValidationError(
                f"{path.name} is not {what}: its first line must be the header "
                f"'{','.join(header)}' (missing {', '.join(missing)})."
            )
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(found):
                raise ValidationError(
                    f"{path.name}, line {reader.line_num}: {len(row)} columns where the header "
                    f"has {len(found)}."
                )
            yield reader.line_num, dict(zip(found, row, strict=True))
    except csv.Error as exc:
        raise ValidationError(f"{path.name}, line {reader.line_num}: {exc}.") from exc


def read_participants(path: Path | str) -> list[Participant]:
    """The participants of a CSV with the header ``name,role,stakeholder_group``."""
    source = Path(path)
    participants: list[Participant] = []
    seen: dict[str, int] = {}
    for line, row in _rows(source, PARTICIPANTS_HEADER, "a participants list"):
        name = " ".join(row["name"].split())
        where = f"{source.name}, line {line}"
        if not name:
            raise ValidationError(f"{where}: the name is empty; give a name or a code.")
        if name.casefold() in seen:
            raise ValidationError(
                f"{where}: {name} is already on line {seen[name.casefold()]}; "
                "give each participant a different name or code."
            )
        group = stakeholder_group(row["stakeholder_group"])
        if group is None:
            keys = ", ".join(g.value for g in StakeholderGroup)
            raise ValidationError(
                f"{where}: '{row['stakeholder_group'].strip()}' is not a stakeholder group; "
                f"use one of {keys} (or their display names)."
            )
        seen[name.casefold()] = line
        participants.append(Participant(name, group, row["role"].strip()))
    if not participants:
        raise ValidationError(f"{source.name} lists no participants.")
    return participants


def create_workshop(
    store: PortfolioStore,
    initiative_id: str,
    *,
    title: str,
    participants: Sequence[Participant],
    instrument: Instrument,
    assessed_on: date | None = None,
) -> str:
    """A workshop assessment with its participants, created whole; returns its id."""
    from avi_desktop.model.audit import utcnow

    return store.create_workshop(
        initiative_id,
        title=title,
        instrument=instrument,
        assessed_on=assessed_on or utcnow().date(),
        participants=[(p.name, p.group, p.role) for p in participants],
    )


@dataclass
class _Gathered:
    """One respondent's rows of an answers CSV, as they are read."""

    name: str
    group: StakeholderGroup
    respondent_id: str
    first_line: int
    answers: dict[str, int | None] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)


def _score(cell: str, where: str) -> int | None:
    value = cell.strip()
    if value.upper() == NOT_APPLICABLE:
        return None
    if value in ("1", "2", "3", "4", "5"):
        return int(value)
    raise ValidationError(f"{where}: the score '{value}' is not 1 to 5, {NOT_APPLICABLE} or empty.")


def read_answers(
    path: Path | str, instrument: Instrument, known_ids: Sequence[str] = ()
) -> list[ResponseInput]:
    """The responses of an answers CSV (docs/formats.md), one per respondent, in file order.

    Rows are grouped by ``respondent_id``, kept only when it is one of ``known_ids`` (the
    assessment's own respondents); otherwise respondents are matched by name on import.
    """
    return _read_answers(Path(path), instrument, known_ids)[0]


def _read_answers(
    source: Path, instrument: Instrument, known_ids: Sequence[str]
) -> tuple[list[ResponseInput], list[str]]:
    """The responses, and the file's non-blank ``assessment_id`` values in first-seen order."""
    assessments: dict[str, None] = {}
    items = {item.id for item in instrument.items()}
    header = tuple(c for c in ANSWERS_HEADER if c != "respondent_id")
    grouped: dict[str, _Gathered] = {}
    for line, row in _rows(source, header, "an answers export"):
        where = f"{source.name}, line {line}"
        name = " ".join(row["respondent"].split())
        if not name:
            raise ValidationError(f"{where}: the respondent is empty.")
        group = stakeholder_group(row["stakeholder_group"])
        if group is None:
            raise ValidationError(
                f"{where}: '{row['stakeholder_group']}' is not a stakeholder group."
            )
        item = row["item_id"].strip()
        if item not in items:
            raise ValidationError(
                f"{where}: {item or 'an empty item id'} is not an item of the instrument "
                f"{instrument.id} {instrument.version}."
            )
        if row["assessment_id"].strip():
            assessments.setdefault(row["assessment_id"].strip())
        rid = row.get("respondent_id", "").strip()
        key = rid or f"name:{name}"
        entry = grouped.setdefault(key, _Gathered(name, group, rid, line))
        if entry.group != group:
            raise ValidationError(
                f"{where}: {name} is in another stakeholder group on line {entry.first_line}."
            )
        answers, comments = entry.answers, entry.comments
        if item in answers or item in comments:
            raise ValidationError(f"{where}: {name} answers {item} twice.")
        comment = row["comment"].strip()
        if row["score"].strip():
            answers[item] = _score(row["score"], where)
            if comment:
                comments[item] = comment
        elif comment:
            raise ValidationError(f"{where}: a comment on {item}, which has no score.")
    known = set(known_ids)
    responses = [
        ResponseInput(
            name=e.name,
            group=e.group,
            answers=e.answers,
            comments=e.comments,
            respondent_id=e.respondent_id if e.respondent_id in known else None,
        )
        for e in grouped.values()
    ]
    return responses, list(assessments)


def _refuse_other_assessment(
    store: PortfolioStore, target: Assessment, found: Sequence[str], name: str
) -> None:
    """Refuse a file exported from another assessment: anonymous codes such as "P01" recur in
    every workshop, so matching its rows by name would give one workshop's answers to another's
    people."""
    other = next((a for a in found if a != target.id), None)
    if other is None:
        return
    try:
        source = store.get_assessment(other)
        whose = f"the assessment '{source.title}' of '{source.initiative.name}'"
    except ValidationError:  # not in this portfolio
        whose = f"an assessment of another portfolio (id {other[:8]})"
    raise ValidationError(
        f"{name} holds the answers of {whose}, not of '{target.title}'; nothing was imported. "
        "Import it into that assessment, or give --from-other-assessment to copy the answers "
        "into this one on purpose."
    )


def import_answers(
    store: PortfolioStore,
    assessment_id: str,
    path: Path | str,
    *,
    from_other_assessment: bool = False,
) -> list[str]:
    """Record an answers CSV into an assessment, all or nothing; one outcome per respondent.

    Respondents are matched by id (when the file came from this assessment), else by name, and
    added when the assessment has nobody of that name. A file whose ``assessment_id`` names
    another assessment is refused unless ``from_other_assessment``: then an ``export-answers``
    file imported into an empty workshop reproduces the same scores.
    """
    from avi_desktop.model.overview import instrument_for

    assessment = store.get_assessment(assessment_id)
    instrument = instrument_for(assessment.instrument_id, assessment.instrument_version)
    source = Path(path)
    responses, found = _read_answers(source, instrument, [r.id for r in assessment.respondents])
    if not from_other_assessment:
        _refuse_other_assessment(store, assessment, found, source.name)
    if not responses:
        raise ValidationError(f"{Path(path).name} holds no answers.")
    return store.record_responses(assessment_id, responses, source="answers_csv")
