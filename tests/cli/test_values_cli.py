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
    newest, second = data["decisions"][:2]
    assert newest["initiative"]["name"] == "Dynamic pricing optimisation"
    assert newest["upheld"] == ["Human judgement stays accountable"]
    assert second["initiative"]["name"] == "Broker email summarisation"
    assert second["upheld"] == ["Value before technology"]


def test_decisions_table_names_the_cost_of_the_decision_not_made(
    demo_source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decisions", str(demo_source)]) == 0
    out = capsys.readouterr().out
    assert "Enactment gap" in out
    assert " 100 % " in out and " 50 % " in out  # as the window and the briefings print them
    assert ".0 %" not in out
    assert "cost of the decision not made: Removing the button" in out


def test_decisions_on_a_missing_file_is_one_plain_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decisions", str(tmp_path / "none.avip")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err


def _copy(demo_source: Path, tmp_path: Path) -> Path:
    import shutil

    path = tmp_path / "demo.avip"
    shutil.copy(demo_source, path)
    return path


def _initiative(path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["initiatives", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    return str(next(row["id"] for row in rows if row["name"] == name))


def test_decision_add_logs_every_field_by_value_name_or_id(
    demo_source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _copy(demo_source, tmp_path)
    initiative = _initiative(path, "Broker email summarisation", capsys)
    assert main(["decisions", str(path), "--json"]) == 0
    values = {v["name"]: v["id"] for v in json.loads(capsys.readouterr().out)["values"]}
    args = [
        "decision", "add", str(path), "--initiative", initiative[:8], "--date", "2026-09-15",
        "--decision", "Went live without the broker opt-out", "--decided-by", "Head of Broking",
        "--departed", "fair to every customer", "--upheld", values["Value before technology"],
        "--pressure", "A broker conference", "--logic", "The launch date was announced",
        "--alternative", "Ship a week later with the opt-out", "--argued-by", "The DPO",
    ]  # fmt: skip
    assert main(args) == 0
    new_id = capsys.readouterr().out.strip()
    assert main(["decisions", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    added = next(d for d in data["decisions"] if d["id"] == new_id)
    assert added["pressure"] == "A broker conference"
    assert added["argued_by"] == "The DPO"
    assert added["cost_of_decision_not_made"] == "Ship a week later with the opt-out"
    assert added["departed"] == ["Fair to every customer"]
    assert added["upheld"] == ["Value before technology"]
    fair = next(v for v in data["values"] if v["name"] == "Fair to every customer")
    quarter = next(q for q in fair["by_quarter"] if q["quarter"] == "2026 Q3")
    assert quarter["departed"] >= 1
    from avi_desktop.model.store import PortfolioStore

    with PortfolioStore.open(path, read_only=True) as store:
        last = store.audit_events()[-1]
    assert (last.action, last.entity, last.entity_id) == ("create", "decision", new_id)


def test_decision_add_refuses_an_unknown_or_retired_value(
    demo_source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _copy(demo_source, tmp_path)
    initiative = _initiative(path, "Broker email summarisation", capsys)
    base = [
        "decision", "add", str(path), "--initiative", initiative, "--date", "2026-09-15",
        "--decision", "Something", "--decided-by", "COO",
    ]  # fmt: skip
    assert main([*base, "--upheld", "Speed above all"]) == 1
    err = capsys.readouterr().err
    assert "no stated value 'Speed above all'" in err and "Fair to every customer" in err
    assert main(["value", "retire", str(path), "--value", "Fair to every customer"]) == 0
    assert "retired" in capsys.readouterr().out
    assert main([*base, "--departed", "Fair to every customer"]) == 1
    assert "takes no new decision" in capsys.readouterr().err
    assert main(["value", "retire", str(path), "--value", "Fair to every customer", "--undo"]) == 0
    capsys.readouterr()
    assert main([*base, "--departed", "Fair to every customer"]) == 0


def test_value_add_prints_the_id_a_decision_can_name(
    demo_source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _copy(demo_source, tmp_path)
    initiative = _initiative(path, "Broker email summarisation", capsys)
    assert main(["value", "add", str(path), "--name", "Open by default"]) == 0
    value_id = capsys.readouterr().out.strip()
    args = [
        "decision", "add", str(path), "--initiative", initiative, "--date", "2026-09-15",
        "--decision", "Published the model card", "--decided-by", "COO",
        "--upheld", value_id[:6],
    ]  # fmt: skip
    assert main(args) == 0
    capsys.readouterr()
    assert main([*args[:-2], "--upheld", "Open by default", "--departed", value_id]) == 1
    assert "both upheld and departed" in capsys.readouterr().err
    assert main(["decisions", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    opened = next(v for v in data["values"] if v["id"] == value_id)
    assert (opened["upheld"], opened["status"]) == (1, "operational")
