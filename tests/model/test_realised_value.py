"""Realised value: the KPI's latest actual against baseline, target and investment."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from avi_desktop.cli import main
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.realised_value import KpiReading, RealisedValue, readings_of, realised_value
from avi_desktop.model.store import PortfolioStore


def value(**changes: object) -> RealisedValue:
    fields: dict[str, object] = {
        "kpi_name": "Days to triage",
        "unit": "days",
        "baseline": 12.0,
        "target": 4.0,
        "readings": (KpiReading(date(2026, 1, 31), 10.0), KpiReading(date(2026, 3, 31), 8.0)),
        "investment": 200_000.0,
    }
    fields.update(changes)
    return RealisedValue(**fields)  # type: ignore[arg-type]


def test_a_falling_kpi_counts_progress_towards_its_target_and_cost_per_unit() -> None:
    v = value()
    assert v.latest == KpiReading(date(2026, 3, 31), 8.0)
    assert v.improvement == 4.0  # 12 -> 8 days, towards a target of 4
    assert v.progress == 50.0  # (8 - 12) / (4 - 12)
    assert v.cost_per_unit == 50_000.0  # 200,000 / 4 days
    summary = v.summary()
    assert summary.startswith("50 % of the promised change delivered")
    assert "8 days on 31 March 2026" in summary
    assert "200,000 invested, 50,000 for each unit of improvement (days)" in summary


def test_a_kpi_in_money_reads_with_its_currency_first() -> None:
    readings = (KpiReading(date(2026, 3, 31), 1_050.0),)
    v = value(unit="GBP thousands", baseline=850.0, target=1_400.0, readings=readings)
    assert v.latest_text() == "GBP 1.05m on 31 March 2026"
    summary = v.summary()
    assert "baseline GBP 850k, target GBP 1.4m" in summary and "thousands" not in summary
    assert "GBP 200,000 invested, GBP 1,000 for each GBP 1k of improvement" in summary


def test_a_kpi_that_moved_away_from_its_target_has_no_cost_per_unit() -> None:
    v = value(readings=(KpiReading(date(2026, 3, 31), 14.0),))
    assert v.progress == -25.0
    assert v.cost_per_unit is None
    assert "invested with no improvement yet" in v.summary()


def test_without_a_measurement_nothing_is_shown_as_realised() -> None:
    v = value(readings=())
    assert v.latest is None and v.progress is None and v.cost_per_unit is None
    assert v.latest_text() == "not measured yet"
    assert "has not been measured" in v.summary() and "200,000" in v.summary()
    assert "No KPI is defined" in value(kpi_name="").summary()
    assert "cannot be computed" in value(target=None).summary()


def test_readings_are_sorted_oldest_first() -> None:
    stored = [{"date": "2026-03-01", "value": 2}, {"date": "2026-01-01", "value": 1}]
    assert [r.value for r in readings_of(stored)] == [1.0, 2.0]
    row = SimpleNamespace(
        kpi_name="K", kpi_unit="", kpi_baseline=0.0, kpi_target=10.0,
        kpi_actuals=stored, investment_to_date=None,
    )  # fmt: skip
    assert realised_value(row).progress == 20.0


def test_store_keeps_actuals_oldest_first_and_refuses_two_on_one_date(tmp_path: Path) -> None:
    with PortfolioStore.create(tmp_path / "p.avip") as store:
        ini = store.add_initiative(name="Claims triage", kpi_name="Days", kpi_baseline=12)
        store.update_initiative(
            ini,
            kpi_actuals=[{"date": "2026-03-01", "value": 8}, {"date": "2026-01-01", "value": 10}],
        )
        assert store.get_initiative(ini).kpi_actuals == [
            {"date": "2026-01-01", "value": 10.0},
            {"date": "2026-03-01", "value": 8.0},
        ]
        with pytest.raises(ValidationError, match="two KPI actuals"):
            store.update_initiative(
                ini,
                kpi_actuals=[
                    {"date": "2026-03-01", "value": 8},
                    {"date": "2026-03-01", "value": 9},
                ],
            )


def test_initiatives_json_carries_kpi_actuals_oldest_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.avip"
    with PortfolioStore.create(path) as store:
        store.add_initiative(
            name="Claims triage",
            kpi_name="Days to triage",
            kpi_unit="days",
            kpi_baseline=12,
            kpi_target=4,
            investment_to_date=200000,
            affected_groups=["employees"],
            success_criteria={"employees": "Less rework"},
            kpi_actuals=[{"date": "2026-03-31", "value": 8}, {"date": "2026-01-31", "value": 10}],
        )
    assert main(["initiatives", str(path), "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["kpi_actuals"] == [
        {"date": "2026-01-31", "value": 10.0},
        {"date": "2026-03-31", "value": 8.0},
    ]
    assert (listed["kpi_baseline"], listed["kpi_target"], listed["kpi_unit"]) == (12, 4, "days")
    assert listed["investment_to_date"] == 200000
    assert listed["success_criteria"] == {"employees": "Less rework"}
