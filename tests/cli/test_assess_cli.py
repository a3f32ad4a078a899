"""assessments, score, export-answers and export-portfolio on a real portfolio file."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from avi_desktop.cli import main
from avi_desktop.model.store import PortfolioStore
from tests.model.engine_helpers import fill_portfolio
from tests.model.reference_scoring import LAYER_KEYS, reference_scores


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def copy_with_min_group_size(source: Path, target: Path, size: int) -> Path:
    """A copy of a portfolio file with another small-group privacy minimum."""
    shutil.copyfile(source, target)
    with PortfolioStore.open(target) as store:
        store.update_settings(min_group_size=size)
    return target


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "north.avip"
    with PortfolioStore.create(path, organisation="Northwind") as store:
        ids = fill_portfolio(store)
    return path, ids


def test_assessments_list(
    filled: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = filled
    status, out, err = run(capsys, "assessments", str(path), "--json")
    assert (status, err) == (0, "")
    rows = json.loads(out)
    assert [row["id"] for row in rows] == [ids["first"], ids["second"], ids["draft"]]
    assert rows[0]["initiative"] == {"id": ids["claims"], "name": "Claims triage"}
    assert rows[0]["respondents"] == 2 and rows[0]["status"] == "closed"
    assert rows[2]["status"] == "draft"
    assert rows[0]["instrument"] == {"id": "avi-four-layer", "version": "1.0"}
    status, out, _ = run(capsys, "assessments", str(path), "--initiative", ids["idea"])
    assert status == 0 and out.strip() == "0 assessments"
    status, out, _ = run(capsys, "assessments", str(path))
    assert "Claims triage: second review" in out and out.strip().endswith("3 assessments")


def test_score_json_and_text(
    filled: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = filled
    status, out, err = run(capsys, "score", str(path), "--assessment", ids["second"], "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["assessment"] == ids["second"]
    assert data["layers"]["leadership"]["score"] == pytest.approx(50.0)
    assert data["binding_layer"] == "leadership"
    assert "value_fragmentation" in [p["id"] for p in data["patterns"]]
    status, out, _ = run(capsys, "score", str(path), "--assessment", ids["second"])
    assert status == 0
    assert "Leadership Alignment" in out and "50.0" in out and "low agreement" in out
    assert "Pattern: Value Fragmentation" in out


def test_exports(
    filled: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, ids = filled
    answers = tmp_path / "answers.csv"
    status, out, err = run(
        capsys, "export-answers", str(path), "--assessment", ids["first"], "-o", str(answers)
    )
    assert (status, err) == (0, "")
    assert out == f"Wrote 80 answer rows to {answers}\n"
    with answers.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert {r["respondent"] for r in records} == {"Ann", "Bo"}
    portfolio = tmp_path / "portfolio.csv"
    status, out, err = run(capsys, "export-portfolio", str(path), "-o", str(portfolio))
    assert (status, err) == (0, "")
    with portfolio.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["name"] for r in rows] == ["Claims triage", "Chat assistant"]


def test_failures_are_one_plain_line(
    filled: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, _ = filled
    status, out, err = run(capsys, "score", str(path), "--assessment", "nope")
    assert status == 1 and out == ""
    assert err == (
        "avi-desktop: There is no assessment with id nope in this portfolio; "
        "list them with 'avi-desktop assessments PATH'.\n"
    )
    status, _, err = run(
        capsys, "export-portfolio", str(path), "-o", str(tmp_path / "no" / "p.csv")
    )
    assert status == 1 and "does not exist" in err and err.count("\n") == 1
    status, _, err = run(capsys, "score", str(tmp_path / "missing.avip"), "--assessment", "x")
    assert status == 1 and "does not exist" in err


def test_ids_may_be_given_by_a_unique_prefix(
    filled: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = filled
    status, out, _ = run(capsys, "assessments", str(path))
    assert status == 0
    assert out.splitlines()[0].startswith(ids["first"][:8] + "  ")  # listings show short ids
    status, out, _ = run(capsys, "score", str(path), "--assessment", ids["first"][:8], "--json")
    assert status == 0 and json.loads(out)["assessment"] == ids["first"]
    status, out, _ = run(
        capsys, "assessments", str(path), "--initiative", ids["claims"][:6].upper(), "--json"
    )
    assert status == 0 and len(json.loads(out)) == 3
    status, _, err = run(capsys, "score", str(path), "--assessment", ids["first"][:3])
    assert status == 1
    assert err.startswith("avi-desktop: There is no assessment with id")
    assert "avi-desktop assessments PATH" in err


def test_score_json_agrees_with_a_recomputation_from_export_answers(
    demo_source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's bar, through the commands a risk officer runs, for every demo assessment.

    The privacy minimum is set to 1 so every group's figures (and so the full spread) show.
    """
    demo_source = copy_with_min_group_size(demo_source, tmp_path / "demo.avi", 1)
    status, out, _ = run(capsys, "assessments", str(demo_source), "--json")
    assessments = [row["id"] for row in json.loads(out)]
    assert status == 0 and len(assessments) == 8
    for assessment in assessments:
        answers = tmp_path / f"{assessment}.csv"
        status, _, err = run(
            capsys,
            "export-answers",
            str(demo_source),
            "--assessment",
            assessment,
            "-o",
            str(answers),
        )
        assert (status, err) == (0, "")
        status, out, _ = run(
            capsys, "score", str(demo_source), "--assessment", assessment, "--json"
        )
        assert status == 0
        scored = json.loads(out)
        with answers.open(encoding="utf-8-sig", newline="") as handle:
            records = list(csv.DictReader(handle))
        targets = {key: figures["target"] for key, figures in scored["layers"].items()}
        expected = reference_scores(records, targets)
        for key, figures in scored["layers"].items():
            ref = expected[key]
            assert isinstance(ref, dict)
            for name in ("score", "sd", "rwg", "gap", "n"):
                assert figures[name] == pytest.approx(ref[name]), (assessment, key, name)
            assert scored["value_spread"][key] == pytest.approx(ref["spread"])
        assert scored["alignment_index"] == pytest.approx(expected["alignment_index"])
        lowest = min(LAYER_KEYS, key=lambda k: scored["layers"][k]["score"])
        assert scored["binding_layer"] == lowest
        assert scored["respondents"] == len({r["respondent_id"] for r in records})
