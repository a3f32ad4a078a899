"""decisions: the values decision audit from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from avi_desktop.cli import main


def test_decisions_json_lists_values_and_departures(
    demo_source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decisions", str(demo_source), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    gaps = {value["name"]: value["enactment_gap"] for value in data["values"]}
    assert gaps["Fair to every customer"] == 1.0
    assert gaps["Value before technology"] == pytest.approx(0.5)
    newest = data["decisions"][0]
    assert newest["initiative"]["name"] == "Broker email summarisation"
    assert newest["upheld"] == ["Value before technology"]


def test_decisions_table_names_the_cost_of_the_decision_not_made(
    demo_source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decisions", str(demo_source)]) == 0
    out = capsys.readouterr().out
    assert "Enactment gap" in out
    assert "cost of the decision not made: Removing the button" in out


def test_decisions_on_a_missing_file_is_one_plain_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decisions", str(tmp_path / "none.avip")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
