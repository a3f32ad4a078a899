"""Response packs: the digest rule, the schema, and a strict import that is whole or nothing."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from avi_desktop.model import packs
from avi_desktop.model.domain import AssessmentStatus, StakeholderGroup
from avi_desktop.model.errors import PackError
from avi_desktop.model.exports import score_json
from avi_desktop.model.instrument import Instrument, bundled_instrument
from avi_desktop.model.overview import evaluate_assessment
from avi_desktop.model.participants import Participant, create_workshop
from avi_desktop.model.store import PortfolioStore
from avi_desktop.paths import resource

GROUPS = (
    StakeholderGroup.BOARDS,
    StakeholderGroup.CEOS,
    StakeholderGroup.CFOS,
    StakeholderGroup.CTOS_CIOS,
    StakeholderGroup.EMPLOYEES,
    StakeholderGroup.EMPLOYEES,
    StakeholderGroup.CUSTOMERS,
    StakeholderGroup.REGULATORS,
)
PARTICIPANTS = [
    Participant(f"P{n:02d}" if n % 2 else f"Zoë Ångström {n}", group, f"role {n}")
    for n, group in enumerate(GROUPS, start=1)
]

Answers = dict[str, int | None]


def workshop(store: PortfolioStore, title: str = "Claims workshop") -> str:
    """A workshop of the eight participants on the bundled instrument."""
    initiative = store.add_initiative(name=f"Claims triage ({title})")
    return create_workshop(
        store,
        initiative,
        title=title,
        participants=PARTICIPANTS,
        instrument=bundled_instrument(),
        assessed_on=date(2026, 11, 2),
    )


def answers_for(instrument: Instrument, seed: int) -> tuple[Answers, dict[str, str]]:
    """A participant's answers: mostly scores, some not applicable, some left out, a comment."""
    rng = random.Random(seed)
    answers: Answers = {}
    comments: dict[str, str] = {}
    for item in instrument.items():
        roll = rng.random()
        if roll < 0.08:
            continue
        answers[item.id] = None if roll < 0.14 and item.allow_na else rng.randint(1, 5)
        if rng.random() < 0.1:
            comments[item.id] = f"Note on {item.id}: ça dépend — {seed}"
    return answers, comments


def filled_packs(store: PortfolioStore, assessment_id: str, folder: Path) -> list[Path]:
    """Export the packs, fill each one in as its participant would, write it back."""
    instrument = bundled_instrument()
    paths = packs.export_packs(store, assessment_id, folder)
    for seed, path in enumerate(paths):
        answers, comments = answers_for(instrument, seed)
        pack = packs.read_pack(path)
        packs.write_pack(path, packs.fill_pack(pack, answers, comments))
    return paths


def rewrite(path: Path, change: Any, *, redigest: bool = True) -> None:
    pack = json.loads(path.read_text(encoding="utf-8"))
    change(pack)
    if redigest:
        pack["digest"] = packs.digest(pack)
    path.write_text(json.dumps(pack), encoding="utf-8")


def stored_answers(store: PortfolioStore, assessment_id: str) -> dict[str, Answers]:
    return {r.respondent_id: dict(r.answers) for r in store.response_sets(assessment_id)}


def figures(store: PortfolioStore, assessment_id: str) -> dict[str, Any]:
    found = score_json(evaluate_assessment(store, assessment_id, today=date(2026, 11, 28)))
    found.pop("assessment")
    return found


@pytest.fixture
def setup(store: PortfolioStore, tmp_path: Path) -> tuple[PortfolioStore, str, list[Path]]:
    assessment_id = workshop(store)
    return store, assessment_id, filled_packs(store, assessment_id, tmp_path)


def test_digest_is_sha256_of_the_canonical_pack_as_product_md_says(
    setup: tuple[PortfolioStore, str, list[Path]],
) -> None:
    _, _, paths = setup
    raw = json.loads(paths[1].read_text(encoding="utf-8"))
    assert raw["respondent"]["name"] == "Zoë Ångström 2"  # non-ASCII kept in the file
    body = {k: v for k, v in raw.items() if k != "digest"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert "Zoë" in text
    assert raw["digest"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert len(raw["digest"]) == 64


def test_blank_pack_has_every_item_unanswered_and_exactly_the_documented_fields(
    store: PortfolioStore, tmp_path: Path
) -> None:
    assessment_id = workshop(store)
    path = packs.export_packs(store, assessment_id, tmp_path)[0]
    pack = json.loads(path.read_text(encoding="utf-8"))
    assert set(pack) == {
        "format",
        "format_version",
        "instrument_id",
        "instrument_version",
        "assessment_id",
        "initiative_id",
        "initiative_name",
        "respondent",
        "answers",
        "created_at",
        "answered_at",
        "app_version",
        "digest",
    }
    assert (pack["format"], pack["format_version"]) == ("avi-response-pack", 1)
    assert pack["assessment_id"] == assessment_id and pack["answered_at"] is None
    instrument = bundled_instrument()
    assert [a["item"] for a in pack["answers"]] == [i.id for i in instrument.items()]
    assert {(a["score"], a["not_applicable"], a["comment"]) for a in pack["answers"]} == {
        (None, False, "")
    }
    assert pack["respondent"] == {
        "id": pack["respondent"]["id"],
        "name": "P01",
        "role": "role 1",
        "stakeholder_group": "boards",
    }


def test_packs_follow_the_shipped_json_schema(
    setup: tuple[PortfolioStore, str, list[Path]], tmp_path: Path
) -> None:
    store, assessment_id, paths = setup
    schema = json.loads(resource("schemas", packs.SCHEMA_FILE).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    (tmp_path / "blank").mkdir()
    blank = packs.export_packs(store, assessment_id, tmp_path / "blank")[0]
    for path in [blank, *paths]:
        validator.validate(json.loads(path.read_text(encoding="utf-8")))
    pack = json.loads(paths[0].read_text(encoding="utf-8"))
    for broken in (
        {**pack, "extra": 1},
        {**pack, "format_version": 2},
        {**pack, "answers": [{**pack["answers"][0], "score": 6}]},
        {**pack, "answers": [{**pack["answers"][0], "score": 3, "not_applicable": True}]},
        {k: v for k, v in pack.items() if k != "digest"},
    ):
        assert not validator.is_valid(broken)
        with pytest.raises(PackError):
            packs.check_pack(broken)


def test_eight_packs_through_files_score_exactly_as_the_same_answers_set_directly(
    setup: tuple[PortfolioStore, str, list[Path]],
) -> None:
    store, by_files, paths = setup
    seen: list[tuple[int, int]] = []
    report = packs.import_packs(store, paths, progress=lambda d, t: seen.append((d, t)))
    assert report.ok and [i.outcome for i in report.imported] == ["added"] * 8
    assert seen == [(n, 8) for n in range(1, 9)]

    direct = workshop(store, "Same answers, typed in")
    instrument = bundled_instrument()
    for seed, respondent in enumerate(store.get_assessment(direct).respondents):
        answers, comments = answers_for(instrument, seed)
        store.set_answers(respondent.id, answers, comments, submitted=True)

    assert figures(store, by_files) == figures(store, direct)
    assert list(stored_answers(store, by_files).values()) == list(
        stored_answers(store, direct).values()
    )
    files = store.get_assessment(by_files)
    typed = store.get_assessment(direct)
    assert [{a.item_id: a.comment for a in r.answers} for r in files.respondents] == [
        {a.item_id: a.comment for a in r.answers} for r in typed.respondents
    ]


def test_importing_the_same_pack_again_changes_nothing_and_records_nothing(
    setup: tuple[PortfolioStore, str, list[Path]],
) -> None:
    store, assessment_id, paths = setup
    assert packs.import_packs(store, paths).ok
    events = len(store.audit_events())
    before = stored_answers(store, assessment_id)
    again = packs.import_packs(store, paths)
    assert again.ok and {i.outcome for i in again.imported} == {"unchanged"}
    assert len(store.audit_events()) == events
    assert stored_answers(store, assessment_id) == before


def test_a_different_pack_from_someone_who_answered_needs_replace(
    setup: tuple[PortfolioStore, str, list[Path]], tmp_path: Path
) -> None:
    store, assessment_id, paths = setup
    assert packs.import_packs(store, paths[:1]).ok
    first = stored_answers(store, assessment_id)
    second = tmp_path / "second.json"
    pack = packs.read_pack(paths[0])
    item = pack["answers"][0]["item"]
    only = {item: 5 if pack["answers"][0]["score"] != 5 else 4}
    blank = {
        **pack,
        "answers": [
            {**a, "score": None, "not_applicable": False, "comment": ""} for a in pack["answers"]
        ],
    }
    packs.write_pack(second, packs.fill_pack(blank, only))

    refused = packs.import_packs(store, [second])
    assert not refused.ok and refused.rejected[0].already_answered
    assert "already answered" in refused.rejected[0].reason
    assert stored_answers(store, assessment_id) == first

    replaced = packs.import_packs(store, [second], replace=True)
    assert [i.outcome for i in replaced.imported] == ["replaced"]
    respondent = pack["respondent"]["id"]
    assert stored_answers(store, assessment_id)[respondent] == only  # old answers gone


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "not valid JSON"),
        (lambda p: p.write_bytes(b"\xff\xfe\x00garbage"), "not UTF-8"),
        (lambda p: p.write_text("[1, 2, 3]"), "not a response pack"),
        (lambda p: p.write_text('{"format": ' + "7" * 5000 + "}"), "not valid JSON"),
        (lambda p: p.write_text("[" * 100_000 + "]" * 100_000), "nested too deeply"),
        (lambda p: p.write_text("x" * (packs.MAX_PACK_BYTES + 1)), "larger than 1 MiB"),
        (
            lambda p: rewrite(p, lambda d: d["answers"][3].update(score=1), redigest=False),
            "digest does not match",
        ),
        (lambda p: rewrite(p, lambda d: d.update(instrument_version="9.9")), "instrument"),
        (lambda p: rewrite(p, lambda d: d.update(instrument_id="other")), "instrument"),
        (lambda p: rewrite(p, lambda d: d.update(format_version=2)), "format version 2"),
        (lambda p: rewrite(p, lambda d: d.update(assessment_id="nope")), "not in this portfolio"),
        (lambda p: rewrite(p, lambda d: d["respondent"].update(id="x")), "not a participant"),
        (
            lambda p: rewrite(p, lambda d: d["respondent"].update(stakeholder_group="ceos")),
            "does not match",
        ),
        (lambda p: rewrite(p, lambda d: d["answers"].pop()), "missing"),
        (lambda p: rewrite(p, lambda d: d["answers"][2].update(score=True)), "wrong type"),
        (lambda p: rewrite(p, lambda d: d.update(extra="x")), "fields a pack does not have"),
        (
            lambda p: p.write_text(p.read_text().replace('"format"', '"format": 1, "format"', 1)),
            "twice",
        ),
        (
            lambda p: p.write_text(p.read_text().replace('"comment": ""', '"comment": NaN', 1)),
            "does not allow",
        ),
    ],
)
def test_a_bad_pack_is_rejected_with_its_reason_and_nothing_is_stored(
    setup: tuple[PortfolioStore, str, list[Path]], spoil: Any, reason: str
) -> None:
    store, assessment_id, paths = setup
    spoil(paths[0])
    events = len(store.audit_events())
    report = packs.import_packs(store, paths[:2])
    assert [r.path for r in report.rejected] == [paths[0]]
    assert reason in report.rejected[0].reason
    assert [i.path for i in report.imported] == [paths[1]]
    assert len(store.audit_events()) == events + 1
    answered = [rid for rid, a in stored_answers(store, assessment_id).items() if a]
    assert answered == [packs.read_pack(paths[1])["respondent"]["id"]]


def test_a_pack_for_another_workshop_is_refused(
    setup: tuple[PortfolioStore, str, list[Path]], tmp_path: Path
) -> None:
    store, assessment_id, paths = setup
    other = workshop(store, "Another workshop")
    report = packs.import_packs(store, paths[:1], assessment_id=other)
    assert "another assessment" in report.rejected[0].reason
    rewrite(paths[0], lambda d: d.update(assessment_id=other))
    assert "another initiative" in packs.import_packs(store, paths[:1]).rejected[0].reason
    # Same instrument and initiative, but the respondent belongs to the first workshop.
    target = store.get_assessment(other)
    rewrite(paths[1], lambda d: d.update(assessment_id=other, initiative_id=target.initiative_id))
    report = packs.import_packs(store, paths[1:2])
    assert "is not a participant of this assessment" in report.rejected[0].reason
    assert not any(stored_answers(store, other).values())
    assert not any(stored_answers(store, assessment_id).values())


def test_an_unanswered_pack_and_a_closed_assessment_are_refused(
    store: PortfolioStore, tmp_path: Path
) -> None:
    assessment_id = workshop(store)
    blank = packs.export_packs(store, assessment_id, tmp_path)
    assert "no answers yet" in packs.import_packs(store, blank[:1]).rejected[0].reason
    filled = filled_packs(store, assessment_id, tmp_path)
    store.set_assessment_status(assessment_id, AssessmentStatus.CLOSED)
    report = packs.import_packs(store, filled)
    assert len(report.rejected) == 8
    assert "closed and read-only" in report.rejected[0].reason
    assert not any(stored_answers(store, assessment_id).values())


def test_fill_pack_checks_items_and_scores(setup: tuple[PortfolioStore, str, list[Path]]) -> None:
    _, _, paths = setup
    pack = packs.read_pack(paths[0])
    with pytest.raises(PackError, match="no item XX-99"):
        packs.fill_pack(pack, {"XX-99": 3})
    item = pack["answers"][0]["item"]
    with pytest.raises(PackError, match="1 to 5"):
        packs.fill_pack(pack, {item: 6})
    filled = packs.fill_pack(pack, {item: None}, {item: "Not our call"})
    assert filled["answers"][0] == {
        "item": item,
        "score": None,
        "not_applicable": True,
        "comment": "Not our call",
    }
    assert packs.check_pack(filled) is filled and filled["answered_at"].endswith("Z")


def test_export_needs_participants_and_names_files_after_them(
    store: PortfolioStore, tmp_path: Path
) -> None:
    assessment_id = workshop(store)
    names = [p.name for p in packs.export_packs(store, assessment_id, tmp_path)]
    assert names[:2] == ["p01.json", "zoe-angstrom-2.json"]
    initiative = store.add_initiative(name="Empty")
    empty = store.create_assessment(
        initiative, title="Nobody yet", instrument=bundled_instrument(), assessed_on=date.today()
    )
    with pytest.raises(PackError, match="no participants"):
        packs.export_packs(store, empty, tmp_path)
