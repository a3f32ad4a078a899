"""Workshop participants from CSV, and the answers CSV read back into a workshop."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from avi_desktop.model.domain import AssessmentMode, AssessmentStatus, StakeholderGroup
from avi_desktop.model.errors import ReadOnlyError, ValidationError
from avi_desktop.model.exports import write_answers_csv
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.participants import (
    Participant,
    create_workshop,
    import_answers,
    read_participants,
)
from avi_desktop.model.store import PortfolioStore
from tests.model.test_packs import figures, stored_answers


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_participants_by_group_key_or_display_name(tmp_path: Path) -> None:
    path = _csv(
        tmp_path / "people.csv",
        "\ufeffname,role,stakeholder_group\n"
        "P01,Chair,boards\n"
        "\n"
        "  Ana  Łopez ,CIO, CTOs / CIOs \n"
        "P03,,non-technical cxos\n"
        "P04,Agent,EMPLOYEES\n",
    )
    assert read_participants(path) == [
        Participant("P01", StakeholderGroup.BOARDS, "Chair"),
        Participant("Ana Łopez", StakeholderGroup.CTOS_CIOS, "CIO"),
        Participant("P03", StakeholderGroup.NON_TECHNICAL_CXOS, ""),
        Participant("P04", StakeholderGroup.EMPLOYEES, "Agent"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,group\nP01,boards\n", "header 'name,role,stakeholder_group'"),
        ("name,role,stakeholder_group\nP01,Chair,boards\nP02,,shareholders\n", "line 3"),
        ("name,role,stakeholder_group\nP01,Chair,boards\nP02,,shareholders\n", "shareholders"),
        ("name,role,stakeholder_group\n,Chair,boards\n", "line 2: the name is empty"),
        ("name,role,stakeholder_group\nP01,,boards\np01,,ceos\n", "already on line 2"),
        ("name,role,stakeholder_group\nP01,boards\n", "2 columns"),
        ("name,role,stakeholder_group\n", "no participants"),
    ],
)
def test_a_bad_participants_file_names_its_row(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        read_participants(_csv(tmp_path / "people.csv", text))


def test_a_workshop_is_created_with_all_its_participants_or_not_at_all(
    store: PortfolioStore,
) -> None:
    initiative = store.add_initiative(name="Claims triage")
    people = [
        Participant("P01", StakeholderGroup.BOARDS),
        Participant("P02", StakeholderGroup.CFOS),
    ]
    created = create_workshop(
        store,
        initiative,
        title="Board session",
        participants=people,
        instrument=bundled_instrument(),
    )
    assessment = store.get_assessment(created)
    assert assessment.mode == AssessmentMode.WORKSHOP
    assert [(r.name, r.stakeholder_group) for r in assessment.respondents] == [
        ("P01", StakeholderGroup.BOARDS),
        ("P02", StakeholderGroup.CFOS),
    ]
    events = len(store.audit_events())
    too_long = [*people, Participant("x" * 300, StakeholderGroup.CEOS)]
    with pytest.raises(ValidationError):
        create_workshop(
            store,
            initiative,
            title="Broken",
            participants=too_long,
            instrument=bundled_instrument(),
        )
    assert store.assessment_ids(initiative) == [created]
    assert len(store.audit_events()) == events


def _demo_workshop(store: PortfolioStore) -> str:
    (found,) = [a for a in store.assessments() if a.mode == AssessmentMode.WORKSHOP]
    return found.id


def test_demo_workshop_answers_exported_and_imported_into_an_empty_workshop_score_the_same(
    demo_copy: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "answers.csv"
    with PortfolioStore.open(demo_copy) as store:
        source = _demo_workshop(store)
        original = store.get_assessment(source)
        write_answers_csv(store, source, exported)
        empty = create_workshop(
            store,
            original.initiative_id,
            title="Typed in from paper",
            participants=[],
            instrument=bundled_instrument(),
            assessed_on=original.assessed_on,
        )
        with pytest.raises(ValidationError, match="holds the answers of the assessment '"):
            import_answers(store, empty, exported)  # another workshop's file: asked for
        assert store.get_assessment(empty).respondents == []
        outcomes = import_answers(store, empty, exported, from_other_assessment=True)
        assert outcomes == ["added"] * len(original.respondents)
        copy = store.get_assessment(empty)
        assert [(r.name, r.stakeholder_group) for r in copy.respondents] == [
            (r.name, r.stakeholder_group) for r in original.respondents
        ]
        assert list(stored_answers(store, empty).values()) == list(
            stored_answers(store, source).values()
        )
        assert figures(store, empty) == figures(store, source)
        # Read back again: the same answers change nothing and write no event.
        events = len(store.audit_events())
        assert set(import_answers(store, empty, exported, from_other_assessment=True)) == {
            "unchanged"
        }
        assert len(store.audit_events()) == events


def test_answers_csv_into_a_workshop_with_its_participants_matches_by_name(
    store: PortfolioStore, tmp_path: Path
) -> None:
    initiative = store.add_initiative(name="Claims triage")
    people = [
        Participant("P01", StakeholderGroup.BOARDS),
        Participant("P02", StakeholderGroup.CFOS),
    ]
    instrument = bundled_instrument()
    first = create_workshop(
        store, initiative, title="A", participants=people, instrument=instrument
    )
    p01, p02 = store.get_assessment(first).respondents
    items = [item.id for item in instrument.items()]
    store.set_answers(p01.id, {items[0]: 4, items[1]: None}, {items[0]: "Yes, mostly"})
    store.set_answers(p02.id, {items[0]: 2})
    path = tmp_path / "a.csv"
    write_answers_csv(store, first, path)
    second = create_workshop(
        store, initiative, title="B", participants=people, instrument=instrument
    )
    assert import_answers(store, second, path, from_other_assessment=True) == ["added", "added"]
    assert list(stored_answers(store, second).values()) == [
        {items[0]: 4, items[1]: None},
        {items[0]: 2},
    ]
    answers = store.get_assessment(second).respondents[0].answers
    assert {a.item_id: a.comment for a in answers} == {items[0]: "Yes, mostly", items[1]: ""}


def test_another_workshops_answers_are_refused_not_matched_by_name(
    store: PortfolioStore, tmp_path: Path
) -> None:
    """Anonymous codes recur in every workshop: A's export must not fill in B's "P01"."""
    instrument = bundled_instrument()
    people = [Participant(f"P0{n}", StakeholderGroup.EMPLOYEES) for n in (1, 2, 3)]
    workshops = {}
    for title, name in (("Workshop A", "Claims A"), ("Workshop B", "Claims B")):
        initiative = store.add_initiative(name=name)
        workshops[title] = create_workshop(
            store, initiative, title=title, participants=people, instrument=instrument
        )
    first, second = workshops.values()
    for respondent in store.get_assessment(first).respondents:
        store.set_answers(respondent.id, {item.id: 1 for item in instrument.items()})
    path = tmp_path / "A-answers.csv"
    write_answers_csv(store, first, path)
    events = len(store.audit_events())
    with pytest.raises(ValidationError) as refused:
        import_answers(store, second, path)
    message = refused.value.message
    assert "A-answers.csv holds the answers of the assessment 'Workshop A' of 'Claims A'" in (
        message
    )
    assert "not of 'Workshop B'; nothing was imported" in message and "\n" not in message
    assert all(not a for a in stored_answers(store, second).values())
    assert len(store.audit_events()) == events

    _rewrite_csv(path, {"assessment_id": "0f" * 16}, row=1)  # a mixed or foreign file
    with pytest.raises(ValidationError, match="an assessment of another portfolio"):
        import_answers(store, second, path)

    blank = tmp_path / "typed.csv"  # typed from paper: no id, matched by name as before
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    blank.write_text(
        "\n".join([lines[0], *(",".join(["", *line.split(",")[1:]]) for line in lines[1:])]),
        encoding="utf-8",
    )
    assert import_answers(store, second, blank) == ["added"] * 3
    own = tmp_path / "B-answers.csv"  # the workshop's own export reads back unchanged
    write_answers_csv(store, second, own)
    assert import_answers(store, second, own) == ["unchanged"] * 3


def _rewrite_csv(path: Path, change: dict[str, str], row: int = 1) -> None:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    rows[row - 1].update(change)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"score": "7"}, "line 2: the score '7'"),
        ({"item_id": "ZZ-01"}, "ZZ-01 is not an item"),
        ({"stakeholder_group": "shareholders"}, "not a stakeholder group"),
        ({"score": "", "comment": "orphan"}, "no score"),
    ],
)
def test_a_bad_answers_file_is_refused_whole(
    demo_copy: Path, tmp_path: Path, change: dict[str, str], message: str
) -> None:
    path = tmp_path / "answers.csv"
    with PortfolioStore.open(demo_copy) as store:
        source = _demo_workshop(store)
        write_answers_csv(store, source, path)
        _rewrite_csv(path, change)
        empty = create_workshop(
            store,
            store.get_assessment(source).initiative_id,
            title="Paper",
            participants=[],
            instrument=bundled_instrument(),
        )
        with pytest.raises(ValidationError, match=message):
            import_answers(store, empty, path, from_other_assessment=True)
        assert store.get_assessment(empty).respondents == []


def test_a_closed_workshop_refuses_imports(store: PortfolioStore, tmp_path: Path) -> None:
    initiative = store.add_initiative(name="Claims triage")
    people = [Participant("P01", StakeholderGroup.BOARDS)]
    instrument = bundled_instrument()
    first = create_workshop(
        store,
        initiative,
        title="A",
        participants=people,
        instrument=instrument,
        assessed_on=date(2026, 1, 5),
    )
    store.set_answers(store.get_assessment(first).respondents[0].id, {"TC-01": 3})
    path = tmp_path / "a.csv"
    write_answers_csv(store, first, path)
    store.set_assessment_status(first, AssessmentStatus.CLOSED)
    with pytest.raises(ReadOnlyError, match="closed and read-only"):
        import_answers(store, first, path)
    with pytest.raises(ReadOnlyError):
        store.set_assessment_status(first, AssessmentStatus.OPEN)
