"""workshop create/export-packs/close, import-responses and import-answers on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from avi_desktop.cli import main
from avi_desktop.model import packs
from avi_desktop.model.domain import AssessmentMode
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.store import PortfolioStore
from tests.model.test_packs import answers_for


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


PEOPLE = "name,role,stakeholder_group\nP01,Chair,boards\nP02,CFO,CFOs\nP03,,employees\n"


@pytest.fixture
def portfolio(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "north.avip"
    with PortfolioStore.create(path, organisation="Northwind") as store:
        initiative = store.add_initiative(name="Claims triage")
    return path, initiative


def _create(capsys: pytest.CaptureFixture[str], path: Path, initiative: str, people: Path) -> str:
    status, out, err = run(
        capsys, "workshop", "create", str(path), "--initiative", initiative[:6],
        "--title", "Claims workshop", "--participants", str(people), "--json",
    )  # fmt: skip
    assert (status, err) == (0, "")
    created: str = json.loads(out)["id"]
    return created


def test_a_workshop_by_files_from_start_to_close(
    portfolio: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, initiative = portfolio
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    assessment = _create(capsys, path, initiative, people)

    folder = tmp_path / "packs"
    status, out, err = run(
        capsys, "workshop", "export-packs", str(path), "--assessment", assessment, "-o",
        str(folder),
    )  # fmt: skip
    assert (status, err) == (0, "") and "Wrote 3 response packs" in out
    files = sorted(folder.glob("*.json"))
    assert [f.name for f in files] == ["p01.json", "p02.json", "p03.json"]
    for seed, file in enumerate(files):
        answers, comments = answers_for(bundled_instrument(), seed)
        packs.write_pack(file, packs.fill_pack(packs.read_pack(file), answers, comments))

    status, out, err = run(capsys, "import-responses", str(path), *map(str, files))
    assert (status, err) == (0, "")
    assert out.count("imported  ") == 3 and "(added)" in out and "3 imported, 0 rejected" in out
    status, out, _ = run(capsys, "import-responses", str(path), str(files[0]))
    assert status == 0 and "(unchanged)" in out

    status, out, err = run(capsys, "workshop", "close", str(path), "--assessment", assessment)
    assert (status, err) == (0, "") and "read-only" in out
    status, out, err = run(capsys, "import-responses", str(path), str(files[1]))
    assert status == 1 and "rejected" in out and "closed and read-only" in out
    with PortfolioStore.open(path) as store:
        found = store.get_assessment(assessment)
        assert found.mode == AssessmentMode.WORKSHOP and found.status == "closed"
        assert all(r.answers for r in found.respondents)


def test_rejected_packs_are_listed_with_reasons_and_replace_takes_a_new_one(
    portfolio: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, initiative = portfolio
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    assessment = _create(capsys, path, initiative, people)
    folder = tmp_path / "packs"
    assert run(capsys, "workshop", "export-packs", str(path), "--assessment", assessment,
               "-o", str(folder))[0] == 0  # fmt: skip
    first, second, third = sorted(folder.glob("*.json"))
    blank = packs.read_pack(first)
    packs.write_pack(first, packs.fill_pack(blank, {"TC-01": 4}))
    again = tmp_path / "again.json"
    packs.write_pack(again, packs.fill_pack(blank, {"TC-01": 2}))
    second.write_bytes(second.read_bytes()[:100])
    third.write_bytes(b"x" * (packs.MAX_PACK_BYTES + 10))

    status, out, err = run(capsys, "import-responses", str(path), str(first), str(second),
                           str(third))  # fmt: skip
    assert status == 1 and err == "" and "Traceback" not in out
    assert f"rejected  {second}: The file is not valid JSON" in out
    assert f"rejected  {third}: The file is larger than 1 MiB" in out
    assert "1 imported, 2 rejected" in out

    status, out, _ = run(capsys, "import-responses", str(path), str(again))
    assert status == 1 and "already answered" in out and "--replace" in out
    status, out, _ = run(capsys, "import-responses", str(path), str(again), "--replace")
    assert status == 0 and "(replaced)" in out
    with PortfolioStore.open(path) as store:
        answers = {r.name: dict(r.answers) for r in store.response_sets(assessment)}
    assert answers == {"P01": {"TC-01": 2}, "P02": {}, "P03": {}}


def test_a_bad_participants_file_creates_nothing(
    portfolio: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, initiative = portfolio
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE + "P04,,investors\n", encoding="utf-8")
    status, out, err = run(
        capsys, "workshop", "create", str(path), "--initiative", initiative, "--title", "T",
        "--participants", str(people),
    )  # fmt: skip
    assert status == 1 and out == ""
    assert "people.csv, line 5: 'investors' is not a stakeholder group" in err
    with PortfolioStore.open(path) as store:
        assert store.assessment_ids() == []


def test_demo_answers_exported_and_imported_into_a_new_workshop_score_the_same(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with PortfolioStore.open(demo_copy) as store:
        (source,) = [a for a in store.assessments() if a.mode == AssessmentMode.WORKSHOP]
    people = tmp_path / "people.csv"
    people.write_text(
        "name,role,stakeholder_group\n"
        + "".join(f"{r.name},{r.role},{r.stakeholder_group.label}\n" for r in source.respondents),
        encoding="utf-8",
    )
    exported = tmp_path / "answers.csv"
    status, _, err = run(capsys, "export-answers", str(demo_copy), "--assessment", source.id,
                         "-o", str(exported))  # fmt: skip
    assert (status, err) == (0, "")
    created = _create(capsys, demo_copy, source.initiative_id, people)
    status, out, err = run(
        capsys, "import-answers", str(demo_copy), "--assessment", created[:8], str(exported)
    )
    assert status == 1 and out == "" and f"the assessment '{source.title}'" in err
    assert "--from-other-assessment" in err
    status, out, err = run(
        capsys, "import-answers", str(demo_copy), "--assessment", created[:8], str(exported),
        "--from-other-assessment",
    )  # fmt: skip
    assert (status, err) == (0, "") and f"{len(source.respondents)} added" in out

    scores = []
    for assessment in (source.id, created):
        status, out, _ = run(capsys, "score", str(demo_copy), "--assessment", assessment,
                             "--json")  # fmt: skip
        figures = json.loads(out)
        figures.pop("assessment")
        scores.append(figures)
    assert scores[0] == scores[1]

    status, _, _ = run(capsys, "workshop", "close", str(demo_copy), "--assessment", created)
    status, out, err = run(
        capsys, "import-answers", str(demo_copy), "--assessment", created, str(exported),
        "--from-other-assessment",
    )  # fmt: skip
    assert status == 1 and "closed and read-only" in err
