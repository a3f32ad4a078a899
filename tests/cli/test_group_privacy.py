"""Small-group privacy in score, score --json and the workshop summary; reopening a workshop."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from avi_desktop.cli import main
from avi_desktop.model.domain import LAYERS, AssessmentStatus, StakeholderGroup
from avi_desktop.model.errors import ReadOnlyError, ValidationError
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.results import fmt_score
from avi_desktop.model.store import PortfolioStore
from tests.model.test_packs import answers_for

WITHHELD = "fewer than three respondents"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


THREE_EMPLOYEES = [
    ("Chair", StakeholderGroup.BOARDS, "Chair"),
    ("E1", StakeholderGroup.EMPLOYEES, ""),
    ("E2", StakeholderGroup.EMPLOYEES, ""),
    ("E3", StakeholderGroup.EMPLOYEES, ""),
]


@pytest.fixture
def workshop(tmp_path: Path) -> tuple[Path, str]:
    """One board member, two CFOs and three employees, every one of them with answers."""
    cfos = [("F1", StakeholderGroup.CFOS, ""), ("F2", StakeholderGroup.CFOS, "")]
    return _workshop(tmp_path / "north.avip", [*THREE_EMPLOYEES, *cfos])


def _workshop(path: Path, people: list[tuple[str, StakeholderGroup, str]]) -> tuple[Path, str]:
    with PortfolioStore.create(path, organisation="Northwind") as store:
        initiative = store.add_initiative(name="Claims triage")
        assessment = store.create_workshop(
            initiative,
            title="Claims workshop",
            instrument=bundled_instrument(),
            assessed_on=date(2026, 9, 1),
            participants=people,
        )
        for seed, respondent in enumerate(store.get_assessment(assessment).respondents):
            answers, comments = answers_for(bundled_instrument(), seed)
            store.set_answers(respondent.id, answers, comments, submitted=True)
    return path, assessment


def _score(capsys: pytest.CaptureFixture[str], path: Path, assessment: str) -> dict[str, object]:
    status, out, err = run(capsys, "score", str(path), "--assessment", assessment, "--json")
    assert (status, err) == (0, "")
    data: dict[str, object] = json.loads(out)
    return data


def _summary(capsys: pytest.CaptureFixture[str], path: Path, assessment: str, out: Path) -> str:
    status, _, err = run(
        capsys, "workshop-summary", str(path), "--assessment", assessment, "-o", str(out)
    )
    assert (status, err) == (0, "")
    pages = [page.extract_text() or "" for page in PdfReader(out).pages]
    return " ".join(" ".join(text.split()) for text in pages)


def _set_minimum(path: Path, size: int) -> None:
    with PortfolioStore.open(path) as store:
        store.update_settings(min_group_size=size)


def test_a_one_person_group_is_withheld_everywhere_and_the_totals_do_not_change(
    workshop: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, assessment = workshop
    private = _score(capsys, path, assessment)
    groups = private["stakeholder_groups"]
    assert isinstance(groups, dict)
    assert groups["boards"] == {"n": 1, "withheld": True, "layers": dict.fromkeys(
        (layer.value for layer in LAYERS), None)}  # fmt: skip
    assert groups["cfos"]["n"] == 2 and groups["cfos"]["withheld"] is True
    assert groups["employees"]["n"] == 3 and groups["employees"]["withheld"] is False
    assert private["stakeholder_split"] == {"employees": groups["employees"]["layers"]}
    assert private["min_group_size"] == 3

    status, text, _ = run(capsys, "score", str(path), "--assessment", assessment)
    assert status == 0
    boards = next(line for line in text.splitlines() if line.startswith("Boards"))
    assert WITHHELD in boards and "1" in boards
    employees = next(line for line in text.splitlines() if line.startswith("Employees"))
    employee_scores = groups["employees"]["layers"]
    for layer in LAYERS:
        assert fmt_score(employee_scores[layer.value]) in employees

    hidden = summary = _summary(capsys, path, assessment, tmp_path / "private.pdf")
    assert f"Not shown alone ({WITHHELD}): Boards and CFOs." in summary
    assert "Not shown: Boards and CFOs" in summary
    row = "Employees " + " ".join(fmt_score(employee_scores[k.value]) for k in LAYERS)
    assert row in summary

    _set_minimum(path, 1)
    shown = _score(capsys, path, assessment)
    open_groups = shown["stakeholder_groups"]
    assert isinstance(open_groups, dict)
    assert open_groups["boards"]["withheld"] is False and open_groups["boards"]["n"] == 1
    board_scores = open_groups["boards"]["layers"]
    assert any(value is not None for value in board_scores.values())
    for key in ("layers", "alignment_index", "binding_layer", "respondents"):
        assert shown[key] == private[key], key
    assert open_groups["employees"] == groups["employees"]
    summary = _summary(capsys, path, assessment, tmp_path / "open.pdf")
    assert WITHHELD not in summary
    board_row = "Boards " + " ".join(fmt_score(board_scores[k.value]) for k in LAYERS)
    assert board_row in summary and board_row not in hidden
    assert row in summary


def test_the_minimum_is_a_validated_setting(workshop: tuple[Path, str]) -> None:
    path, _ = workshop
    with PortfolioStore.open(path) as store:
        assert store.settings().min_group_size == 3
        for bad in (0, 21, 2.5, True):
            with pytest.raises(ValidationError, match="1 turns the protection off"):
                store.update_settings(min_group_size=bad)  # type: ignore[arg-type]
        store.update_settings(min_group_size=5)
        assert store.settings().min_group_size == 5
        store.update_settings(min_group_size=3)
        assert store.settings().min_group_size == 3


def test_reopen_needs_a_reason_and_records_it(
    workshop: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, assessment = workshop
    status, _, err = run(capsys, "workshop", "close", str(path), "--assessment", assessment)
    assert (status, err) == (0, "")
    with pytest.raises(SystemExit) as stopped:  # --reason is required
        run(capsys, "workshop", "reopen", str(path), "--assessment", assessment)
    assert stopped.value.code == 2
    status, _, err = run(
        capsys, "workshop", "reopen", str(path), "--assessment", assessment, "--reason", "  "
    )
    assert status != 0 and "reason" in err
    with PortfolioStore.open(path) as store:
        found = store.get_assessment(assessment)
        assert found.status == AssessmentStatus.CLOSED
        with pytest.raises(ReadOnlyError):
            store.set_answers(found.respondents[0].id, {"TC-01": 4})

    status, out, err = run(
        capsys, "workshop", "reopen", str(path), "--assessment", assessment,
        "--reason", "Two answers were typed in against the wrong participant",
    )  # fmt: skip
    assert (status, err) == (0, "") and "accepts answers again" in out
    with PortfolioStore.open(path) as store:
        event = store.audit_events()[-1]
        assert (event.action, event.entity, event.entity_id) == ("status", "assessment", assessment)
        assert event.details["reason"] == "Two answers were typed in against the wrong participant"
        assert event.details["from"] == "closed" and event.details["to"] == "open"
        found = store.get_assessment(assessment)
        assert found.status == AssessmentStatus.OPEN and found.closed_at is None
        store.set_answers(found.respondents[0].id, {"TC-01": 4})
        answers = {
            a.item_id: a.score for a in store.get_assessment(assessment).respondents[0].answers
        }
        assert answers["TC-01"] == 4
        assert store.verify().ok
        with pytest.raises(ValidationError, match="not closed"):
            store.reopen_assessment(assessment, "again")


def test_a_group_beside_one_lone_respondent_is_withheld_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three employees and one board member: the employees' scores and the totals would give
    the board member's own answers away by subtraction, so neither group is shown."""
    path, assessment = _workshop(tmp_path / "pair.avip", THREE_EMPLOYEES)
    private = _score(capsys, path, assessment)
    groups = private["stakeholder_groups"]
    assert isinstance(groups, dict)
    assert groups["boards"]["withheld"] is True and groups["employees"]["withheld"] is True
    assert private["stakeholder_split"] == {}
    status, text, _ = run(capsys, "score", str(path), "--assessment", assessment)
    assert status == 0
    employees = next(line for line in text.splitlines() if line.startswith("Employees"))
    assert "withheld with a smaller group" in employees and WITHHELD not in employees
    summary = _summary(capsys, path, assessment, tmp_path / "shield.pdf")
    assert f"Not shown alone ({WITHHELD}): Boards." in summary
    assert "Also not shown: Employees, whose figures beside the totals would reveal" in summary


def test_the_dispersion_chart_withholds_groups_below_the_portfolios_minimum(
    workshop: tuple[Path, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three employees are shown at the default minimum of three, withheld at four."""
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from avi_desktop.charts import export

    drawn: list[str] = []

    def capture(figure: Figure, out: Path) -> Path:
        drawn.append(" ".join(t.get_text() for t in figure.findobj(Text)))
        return out

    monkeypatch.setattr(export, "save_figure", capture)
    path, assessment = workshop
    chart = ["chart", "dispersion", str(path), "--assessment", assessment]
    assert run(capsys, *chart, "-o", str(tmp_path / "three.png"))[0] == 0
    _set_minimum(path, 4)
    assert run(capsys, *chart, "-o", str(tmp_path / "four.png"))[0] == 0
    assert "Employees" in drawn[0]
    assert "Employees" not in drawn[1] and "Boards" not in drawn[1]
