"""Response packs: one JSON file per workshop participant, out to them and back (PRODUCT.md §5).

The format is documented in docs/formats.md and described by
``resources/schemas/response-pack-1.schema.json``. Reading is strict: a pack is checked whole
(size, JSON, every field, the digest, then against its assessment) before anything is stored,
and each file is recorded in one transaction, so a file is imported whole or not at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from avi_desktop.model.errors import AviError, PackError
from avi_desktop.model.files import slug, write_export
from avi_desktop.model.store.responses import AlreadyAnsweredError, ResponseInput

if TYPE_CHECKING:
    from avi_desktop.model.entities import Assessment
    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.store import PortfolioStore

FORMAT = "avi-response-pack"
FORMAT_VERSION = 1
MAX_PACK_BYTES = 1024 * 1024  # 1 MiB: a full pack with long comments is well under 100 KiB
SCHEMA_FILE = "response-pack-1.schema.json"

_TOP = {
    "format": str,
    "format_version": int,
    "instrument_id": str,
    "instrument_version": str,
    "assessment_id": str,
    "initiative_id": str,
    "initiative_name": str,
    "respondent": dict,
    "answers": list,
    "created_at": str,
    "answered_at": (str, type(None)),
    "app_version": str,
    "digest": str,
}
_RESPONDENT = {"id": str, "name": str, "role": str, "stakeholder_group": str}
_ANSWER = {"item": str, "score": (int, type(None)), "not_applicable": bool, "comment": str}
MAX_COMMENT = 4000


def canonical(pack: Mapping[str, Any]) -> bytes:
    """The bytes the digest is taken over: the pack without ``digest``, as PRODUCT.md §5 says."""
    body = {k: v for k, v in pack.items() if k != "digest"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def digest(pack: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical content, as 64 lower-case hex digits."""
    return hashlib.sha256(canonical(pack)).hexdigest()


def _timestamp(moment: datetime | None = None) -> str:
    from avi_desktop.model.audit import utcnow

    return (moment or utcnow()).replace(microsecond=0).isoformat() + "Z"


def new_pack(assessment: Assessment, respondent_id: str) -> dict[str, Any]:
    """A blank pack for one participant of a loaded assessment: every item, none answered."""
    from avi_desktop import __version__
    from avi_desktop.model.overview import instrument_for

    instrument = instrument_for(assessment.instrument_id, assessment.instrument_version)
    respondent = next(r for r in assessment.respondents if r.id == respondent_id)
    pack: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "instrument_id": instrument.id,
        "instrument_version": instrument.version,
        "assessment_id": assessment.id,
        "initiative_id": assessment.initiative_id,
        "initiative_name": assessment.initiative.name,
        "respondent": {
            "id": respondent.id,
            "name": respondent.name,
            "role": respondent.role,
            "stakeholder_group": respondent.stakeholder_group.value,
        },
        "answers": [
            {"item": item.id, "score": None, "not_applicable": False, "comment": ""}
            for item in instrument.items()
        ],
        "created_at": _timestamp(),
        "answered_at": None,
        "app_version": __version__,
    }
    pack["digest"] = digest(pack)
    return pack


def fill_pack(
    pack: Mapping[str, Any],
    answers: Mapping[str, int | None],
    comments: Mapping[str, str] | None = None,
    *,
    answered_at: datetime | None = None,
) -> dict[str, Any]:
    """A copy of ``pack`` with answers filled in (None = not applicable), re-dated, re-digested.

    What participant mode calls when the participant saves; items not named keep their answer.
    """
    comments = comments or {}
    filled: dict[str, Any] = json.loads(json.dumps(pack))
    by_item = {entry["item"]: entry for entry in filled["answers"]}
    unknown = sorted((set(answers) | set(comments)) - set(by_item))
    if unknown:
        raise PackError(f"The pack has no item {', '.join(unknown)}.")
    for item_id, value in answers.items():
        if value is not None and (isinstance(value, bool) or value not in (1, 2, 3, 4, 5)):
            raise PackError(f"The score for {item_id} must be 1 to 5, or not applicable.")
        by_item[item_id]["score"] = value
        by_item[item_id]["not_applicable"] = value is None
    for item_id, comment in comments.items():
        by_item[item_id]["comment"] = comment
    filled["answered_at"] = _timestamp(answered_at)
    filled["digest"] = digest(filled)
    check_pack(filled)
    return filled


def pack_bytes(pack: Mapping[str, Any]) -> bytes:
    return (json.dumps(pack, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_pack(path: Path | str, pack: Mapping[str, Any]) -> Path:
    """Write a pack as UTF-8 JSON, atomically (an old file of the name stays until it is done)."""
    data = pack_bytes(pack)

    def write(stream: IO[bytes]) -> None:
        stream.write(data)

    return write_export(path, write, prefix=".avi-pack-", suffix=".json")


def export_packs(store: PortfolioStore, assessment_id: str, folder: Path | str) -> list[Path]:
    """One blank pack per participant into ``folder``, named after the participant."""
    assessment = store.get_assessment(assessment_id)
    if not assessment.respondents:
        raise PackError(f"The assessment '{assessment.title}' has no participants yet.")
    target = Path(folder)
    written: list[Path] = []
    used: set[str] = set()
    for respondent in assessment.respondents:
        name = slug(respondent.name, "participant")
        if name in used:
            name = f"{name}-{respondent.id[:8]}"
        used.add(name)
        pack = new_pack(assessment, respondent.id)
        written.append(write_pack(target / f"{name}.json", pack))
    return written


# ---- reading ------------------------------------------------------------------------------


def _fields(value: Any, spec: Mapping[str, Any], where: str) -> None:
    if not isinstance(value, dict):
        raise PackError(f"{where} must be an object.")
    missing = sorted(set(spec) - set(value))
    if missing:
        raise PackError(f"{where} lacks {', '.join(missing)}.")
    extra = sorted(set(value) - set(spec))
    if extra:
        raise PackError(f"{where} has fields a pack does not have: {', '.join(extra)}.")
    for name, kind in spec.items():
        found = value[name]
        if isinstance(found, bool) and kind is not bool:
            raise PackError(f"{where}: {name} has the wrong type.")
        if not isinstance(found, kind):
            raise PackError(f"{where}: {name} has the wrong type.")


def _when(value: str, name: str) -> None:
    try:
        datetime.fromisoformat(value)
    except ValueError as exc:
        raise PackError(f"{name} '{value[:40]}' is not an ISO 8601 time.") from exc


def check_pack(pack: Any) -> dict[str, Any]:
    """The pack, if its format, every field and its digest are right; else ``PackError``.

    The same rules as the shipped JSON Schema, plus what a schema cannot say (the digest,
    each item once, a score only where not applicable is false).
    """
    if not isinstance(pack, dict) or pack.get("format") != FORMAT:
        raise PackError(f"This is not a response pack (its format is not '{FORMAT}').")
    version = pack.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise PackError(
            f"The pack is of format version {version!r}; this version of AVI Desktop reads "
            f"version {FORMAT_VERSION}."
        )
    _fields(pack, _TOP, "The pack")
    _fields(pack["respondent"], _RESPONDENT, "The respondent")
    for name in ("instrument_id", "assessment_id", "initiative_id"):
        if not pack[name].strip():
            raise PackError(f"The pack's {name} is empty.")
    _when(pack["created_at"], "created_at")
    if pack["answered_at"] is not None:
        _when(pack["answered_at"], "answered_at")
    seen: set[str] = set()
    for position, entry in enumerate(pack["answers"], start=1):
        _fields(entry, _ANSWER, f"Answer {position}")
        item, score = entry["item"], entry["score"]
        if item in seen:
            raise PackError(f"The pack answers {item} twice.")
        seen.add(item)
        if score is not None and not 1 <= score <= 5:
            raise PackError(f"The score for {item} must be 1 to 5; it is {score}.")
        if entry["not_applicable"] and score is not None:
            raise PackError(f"{item} is marked not applicable but has a score.")
        if len(entry["comment"]) > MAX_COMMENT:
            raise PackError(f"The comment on {item} is longer than {MAX_COMMENT} characters.")
        if entry["comment"] and score is None and not entry["not_applicable"]:
            raise PackError(f"{item} has a comment but no answer.")
    given = pack["digest"]
    if given != digest(pack):
        raise PackError(
            "The pack's digest does not match its content: it was changed after it was "
            "written, or written by a tool that does not follow the format."
        )
    return pack


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise PackError("The pack names a field twice.")
    return found


def _no_constant(name: str) -> Any:
    raise PackError(f"The pack holds {name}, which JSON does not allow.")


def read_pack(path: Path | str) -> dict[str, Any]:
    """Read and check one pack file; every problem is one ``PackError`` that names it."""
    source = Path(path)
    try:
        with source.open("rb") as stream:
            data = stream.read(MAX_PACK_BYTES + 1)
    except OSError as exc:
        raise PackError(f"Cannot read the file: {exc.strerror or exc}.") from exc
    if len(data) > MAX_PACK_BYTES:
        raise PackError("The file is larger than 1 MiB, far more than any response pack.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackError("The file is not UTF-8 text, so it is not a response pack.") from exc
    try:
        pack = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise PackError(
            f"The file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "it may be truncated or damaged."
        ) from exc
    except RecursionError as exc:
        raise PackError("The file is nested too deeply to be a response pack.") from exc
    except ValueError as exc:  # e.g. a number of thousands of digits
        raise PackError("The file is not valid JSON for a response pack.") from exc
    return check_pack(pack)


def _against(pack: Mapping[str, Any], assessment: Assessment, instrument: Instrument) -> None:
    """Check a well-formed pack belongs to this assessment, its instrument and a participant."""
    if (pack["instrument_id"], pack["instrument_version"]) != (
        assessment.instrument_id,
        assessment.instrument_version,
    ):
        raise PackError(
            f"The pack is for the instrument {pack['instrument_id']} "
            f"{pack['instrument_version']}, but the assessment uses "
            f"{assessment.instrument_id} {assessment.instrument_version}."
        )
    if pack["initiative_id"] != assessment.initiative_id:
        raise PackError("The pack names another initiative than its assessment's.")
    who = pack["respondent"]
    respondent = next((r for r in assessment.respondents if r.id == who["id"]), None)
    if respondent is None:
        raise PackError(f"{who['name']} is not a participant of this assessment.")
    if (who["name"], who["stakeholder_group"]) != (
        respondent.name,
        respondent.stakeholder_group.value,
    ):
        raise PackError(
            f"The pack's respondent ({who['name']}, {who['stakeholder_group']}) does not match "
            f"the participant ({respondent.name}, {respondent.stakeholder_group.value})."
        )
    items = [item.id for item in instrument.items()]
    given = [entry["item"] for entry in pack["answers"]]
    if sorted(given) != sorted(items):
        missing = sorted(set(items) - set(given))
        extra = sorted(set(given) - set(items))
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"not in the instrument: {', '.join(extra)}" if extra else "",
            )
            if part
        )
        raise PackError(f"The pack's items are not the instrument's ({detail}).")


def _response(pack: Mapping[str, Any]) -> ResponseInput:
    answers: dict[str, int | None] = {}
    comments: dict[str, str] = {}
    for entry in pack["answers"]:
        if entry["score"] is None and not entry["not_applicable"]:
            continue
        answers[entry["item"]] = entry["score"]
        if entry["comment"]:
            comments[entry["item"]] = entry["comment"]
    if not answers:
        raise PackError("The pack holds no answers yet; it has not been filled in.")
    who = pack["respondent"]
    return ResponseInput(
        name=who["name"],
        group=who["stakeholder_group"],
        answers=answers,
        comments=comments,
        respondent_id=who["id"],
    )


@dataclass(frozen=True)
class Imported:
    path: Path
    respondent: str
    assessment_id: str
    outcome: str  # "added", "replaced" or "unchanged"


@dataclass(frozen=True)
class Rejected:
    path: Path
    reason: str
    # The respondent had answered differently: importing again with replace would take it.
    already_answered: bool = False


@dataclass(frozen=True)
class ImportReport:
    imported: tuple[Imported, ...] = ()
    rejected: tuple[Rejected, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.rejected


@dataclass
class _Assessments:
    """Assessments and instruments read once per import, whatever the number of packs."""

    store: PortfolioStore
    known: dict[str, tuple[Assessment, Instrument]] = field(default_factory=dict)

    def get(self, assessment_id: str) -> tuple[Assessment, Instrument]:
        if assessment_id not in self.known:
            from avi_desktop.model.errors import ValidationError
            from avi_desktop.model.overview import instrument_for

            try:
                assessment = self.store.get_assessment(assessment_id)
            except ValidationError as exc:
                raise PackError(
                    "The pack is for an assessment that is not in this portfolio."
                ) from exc
            instrument = instrument_for(assessment.instrument_id, assessment.instrument_version)
            self.known[assessment_id] = (assessment, instrument)
        return self.known[assessment_id]


def import_packs(
    store: PortfolioStore,
    paths: Sequence[Path | str],
    *,
    replace: bool = False,
    assessment_id: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import response packs, each whole or not at all; rejected files are listed with reasons.

    With ``assessment_id`` only packs of that assessment are taken. Importing a pack again
    changes nothing; a different pack from someone who has answered is refused unless
    ``replace``. ``progress(done, total)`` is called after each file (for a worker's bar).
    """
    imported: list[Imported] = []
    rejected: list[Rejected] = []
    assessments = _Assessments(store)
    total = len(paths)
    for done, given in enumerate(paths, start=1):
        path = Path(given)
        try:
            pack = read_pack(path)
            if assessment_id is not None and pack["assessment_id"] != assessment_id:
                raise PackError("The pack is for another assessment.")
            assessment, instrument = assessments.get(pack["assessment_id"])
            _against(pack, assessment, instrument)
            (outcome,) = store.record_responses(
                assessment.id, [_response(pack)], replace=replace, source="response_pack"
            )
            imported.append(Imported(path, pack["respondent"]["name"], assessment.id, outcome))
        except AlreadyAnsweredError as exc:
            rejected.append(Rejected(path, exc.message, already_answered=True))
        except AviError as exc:
            rejected.append(Rejected(path, exc.message))
        if progress is not None:
            progress(done, total)
    return ImportReport(tuple(imported), tuple(rejected))
