"""Realised value: the KPI's measured values set against its baseline, target and investment.

An initiative promises to move its KPI from a baseline to a target. What it has delivered so far
is read from its latest measured value (``kpi_actuals``, oldest first). Two figures follow, and
every view states how they are computed (``METHOD``), so a board can recompute them by hand:

- progress = (latest actual − baseline) ÷ (target − baseline): the share of the promised change
  delivered so far (0 % at the baseline, 100 % at the target, negative when it moved away);
- investment per unit of improvement = investment to date ÷ (latest actual − baseline), in the
  KPI's unit, given only when the KPI has moved towards the target.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from avi_desktop.model.formatting import fmt_amount, unit_currency
from avi_desktop.model.results import fmt_date, fmt_number

METHOD: Final = (
    "Progress is (latest actual − baseline) ÷ (target − baseline), the share of the promised "
    "change delivered so far; set against investment, it is the investment to date divided by "
    "the improvement so far (latest actual − baseline), the amount spent per unit of the KPI."
)


@dataclass(frozen=True)
class KpiReading:
    on: date
    value: float


@dataclass(frozen=True)
class RealisedValue:
    """The KPI's promise and what has been measured against it."""

    kpi_name: str
    unit: str
    baseline: float | None
    target: float | None
    readings: tuple[KpiReading, ...]  # oldest first
    investment: float | None
    currency: str = ""  # the portfolio's, for an investment when the KPI is not money

    @property
    def latest(self) -> KpiReading | None:
        return self.readings[-1] if self.readings else None

    @property
    def improvement(self) -> float | None:
        """Latest actual − baseline, signed in the direction of the target."""
        if self.latest is None or self.baseline is None:
            return None
        moved = self.latest.value - self.baseline
        if self.target is not None and self.target < self.baseline:
            moved = -moved  # a KPI meant to fall (days, errors) improves as it falls
        return moved

    @property
    def progress(self) -> float | None:
        """Share of the promised change delivered, in per cent (None where it cannot be said)."""
        if self.latest is None or self.baseline is None or self.target is None:
            return None
        if self.target == self.baseline:
            return None
        return 100.0 * (self.latest.value - self.baseline) / (self.target - self.baseline)

    @property
    def cost_per_unit(self) -> float | None:
        """Investment to date per unit of improvement, when the KPI has improved."""
        moved = self.improvement
        if self.investment is None or moved is None or moved <= 0:
            return None
        return self.investment / moved

    @property
    def measured(self) -> bool:
        return bool(self.readings)

    # -- words ---------------------------------------------------------------------------------

    def amount(self, value: float | None) -> str:
        """A KPI value with its unit, such as "9.5 days" or "GBP 850k" (never "GBP thousands")."""
        if value is None:
            return "—"
        return fmt_amount(value, self.unit)

    def money(self, value: float) -> str:
        """An investment figure, in the KPI's currency when the KPI is an amount of money,
        else in the portfolio's."""
        return fmt_amount(value, currency=unit_currency(self.unit)[0] or self.currency)

    def latest_text(self) -> str:
        """'9.5 days on 14 March 2026' or 'not measured yet'."""
        if self.latest is None:
            return "not measured yet"
        return f"{self.amount(self.latest.value)} on {fmt_date(self.latest.on)}"

    def summary(self) -> str:
        """One plain sentence: what has been delivered against the promise and the money."""
        if not self.kpi_name:
            return "No KPI is defined, so no value can be shown as realised."
        if self.latest is None:
            spent = (
                f" although {self.money(self.investment)} has been invested"
                if self.investment
                else ""
            )
            return (
                f"The KPI has not been measured since the baseline{spent}: no value is shown "
                "as realised yet."
            )
        if self.baseline is None or self.target is None:
            return (
                f"Latest actual {self.latest_text()}; without both a baseline and a target the "
                "progress cannot be computed."
            )
        progress = self.progress
        share = "—" if progress is None else f"{fmt_number(progress, 0)} %"
        if share.startswith("-"):  # never "-10 % delivered": say which way it went
            share = "Moved away from the target: none"
        sentence = f"{share} of the promised change delivered ({self.latest_text()}; baseline "
        sentence += f"{self.amount(self.baseline)}, target {self.amount(self.target)})"
        per_unit = self.cost_per_unit
        if per_unit is not None:
            spent = f"; {self.money(self.investment or 0)} invested, "
            spent += f"{self.money(per_unit)} for each "
            if unit_currency(self.unit)[0]:  # "GBP 450 for each GBP 1k of improvement"
                sentence += f"{spent}{fmt_amount(1, self.unit)} of improvement"
            else:
                unit = f" ({self.unit})" if self.unit else ""
                sentence += f"{spent}unit of improvement{unit}"
        elif self.investment:
            sentence += f"; {self.money(self.investment)} invested with no improvement yet"
        return sentence + "."


def plain(value: float) -> str:
    """A stated amount as people write it: 640,000 or 2.5, never 640000.0."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def readings_of(actuals: Sequence[Mapping[str, Any]] | None) -> tuple[KpiReading, ...]:
    """Stored ``kpi_actuals`` (validated on write) as readings, oldest first."""
    readings = [
        KpiReading(
            date.fromisoformat(str(entry["date"]))
            if not isinstance(entry["date"], date)
            else entry["date"],
            float(entry["value"]),
        )
        for entry in actuals or []
    ]
    return tuple(sorted(readings, key=lambda r: r.on))


def realised_value(initiative: Any, currency: str = "") -> RealisedValue:
    """Realised value of an initiative (an ORM object or a row with the same column names);
    ``currency`` is the portfolio's, for an investment whose KPI names none."""
    return RealisedValue(
        kpi_name=initiative.kpi_name or "",
        unit=initiative.kpi_unit or "",
        baseline=initiative.kpi_baseline,
        target=initiative.kpi_target,
        readings=readings_of(getattr(initiative, "kpi_actuals", None)),
        investment=initiative.investment_to_date,
        currency=currency,
    )


def value_columns(store: Any) -> dict[str, dict[str, Any]]:
    """Each initiative's KPI figures, measured values and success criteria, for
    ``initiatives --json`` (one Core query; keys are the stable JSON names)."""
    from sqlalchemy import select

    from avi_desktop.model.entities import Initiative

    query = select(
        Initiative.id,
        Initiative.kpi_unit,
        Initiative.kpi_baseline,
        Initiative.kpi_target,
        Initiative.kpi_actuals,
        Initiative.investment_to_date,
        Initiative.affected_groups,
        Initiative.success_criteria,
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return {
        row.id: {
            "kpi_unit": row.kpi_unit,
            "kpi_baseline": row.kpi_baseline,
            "kpi_target": row.kpi_target,
            "kpi_actuals": [
                {"date": str(r["date"]), "value": float(r["value"])}
                for r in sorted(row.kpi_actuals or [], key=lambda r: str(r["date"]))
            ],
            "investment_to_date": row.investment_to_date,
            "affected_groups": list(row.affected_groups or []),
            "success_criteria": dict(row.success_criteria or {}),
        }
        for row in rows
    }
