"""The committee paper's necessity section, realised value and the decisions asked of it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from avi_desktop.model.domain import NecessityOutcome, PatternId, Stage
from avi_desktop.model.necessity import NecessityFacts
from avi_desktop.model.portfolio_summary import (
    by_stage_and_band,
    decisions_asked,
    necessity_concerns,
    necessity_counts,
)
from avi_desktop.model.realised_value import KpiReading, RealisedValue
from avi_desktop.model.results import PatternHit


def entry(name: str, stage: Stage, outcome: NecessityOutcome | None, **extra: Any) -> Any:
    necessity = None if outcome is None else NecessityFacts(outcome, date(2026, 1, 1))
    fields = {
        "initiative_id": name.lower(),
        "name": name,
        "stage": stage,
        "latest": None,
        "patterns": (),
        "necessity": necessity,
        "value": None,
    }
    fields.update(extra)
    return SimpleNamespace(**fields)


ENTRIES = [
    entry("Broker email", Stage.PROOF_OF_CONCEPT, NecessityOutcome.NOT_JUSTIFIED),
    entry("Pricing", Stage.PILOT, NecessityOutcome.INSUFFICIENT_INFORMATION),
    entry("Telematics", Stage.PILOT, None),
    entry("New idea", Stage.IDEA, None),  # an idea need not be assessed yet
    entry("Old scorer", Stage.RETIRED, NecessityOutcome.NOT_JUSTIFIED),  # retired: left out
    entry("Claims", Stage.PRODUCTION, NecessityOutcome.JUSTIFIED),
    entry(
        "Chatbot",
        Stage.PRODUCTION,
        None,
        necessity=NecessityFacts(
            NecessityOutcome.JUSTIFIED, date(2026, 1, 1), before_technology_decision=False
        ),
    ),
]


def test_the_necessity_concerns_are_the_ones_the_committee_must_see() -> None:
    concerns = necessity_concerns(ENTRIES)
    assert [(c.name, c.outcome) for c in concerns] == [
        ("Broker email", "Not justified — reconsider"),
        ("Pricing", "Insufficient information"),
        ("Telematics", "Never assessed"),
        ("Chatbot", "Justified"),  # assessed only after the technology was chosen
    ]
    counts = necessity_counts(ENTRIES)
    assert counts["Never assessed"] == 2 and counts["Not justified — reconsider"] == 2
    assert sum(counts.values()) == len(ENTRIES)
    table = by_stage_and_band(ENTRIES)
    assert table[Stage.PILOT]["Not assessed"] == 2


def test_the_decisions_asked_start_with_what_to_decide() -> None:
    unmeasured = RealisedValue("Days", "days", 12.0, 4.0, (), 100.0)
    measured = RealisedValue("Days", "days", 12.0, 4.0, (KpiReading(date(2026, 1, 1), 9),), 1.0)
    entries = [
        *ENTRIES,
        entry("Scaled bot", Stage.SCALED, NecessityOutcome.JUSTIFIED, value=unmeasured),
        entry("Measured", Stage.PRODUCTION, NecessityOutcome.JUSTIFIED, value=measured),
    ]
    theatre = PatternHit(PatternId.AI_THEATRE, "AI Theatre", (), "")
    asks = decisions_asked(entries, [theatre], overdue=[object(), object()])  # type: ignore[list-item]
    assert asks[0] == (
        "Stop or redesign “Broker email”: the necessity assessment found AI not justified."
    )
    assert "“Pricing”" in asks[1] and "“Telematics”" in asks[2]
    assert any("AI Theatre" in a for a in asks)
    assert any(a.startswith("Ask the owners of “Scaled bot”") for a in asks)
    assert not any("“Measured”" in a for a in asks)
    assert asks[-1] == "Agree new dates for the 2 overdue actions, or drop them."
    assert all(a.split()[0] in {"Stop", "Set", "Require", "Decide", "Ask", "Agree"} for a in asks)
    assert decisions_asked([], []) == []


def test_the_committee_paper_has_the_new_sections(demo_copy: Path, tmp_path: Path) -> None:
    from avi_desktop.cli import main
    from tests.reports.pdftext import page_texts, squeeze

    out = tmp_path / "paper.pdf"
    assert main(["paper", str(demo_copy), "-o", str(out)]) == 0
    text = squeeze(" ".join(page_texts(out)))
    for heading in (
        "Is AI the right tool? Necessity decisions",
        "Realised value",
        "Decisions asked of the committee",
    ):
        assert heading in text
    assert text.index("Decisions asked of the committee") > text.index("Initiatives one by one")
    # The demo's one not-justified initiative is retired; its undecided idea is still asked.
    assert "Stop or redesign" not in text
    assert "Set a date by which the open necessity questions" in text


def test_briefing_and_workshop_summary_show_value_and_the_groups_views(
    demo_copy: Path, tmp_path: Path, capsys: Any
) -> None:
    import json

    from avi_desktop.cli import main
    from avi_desktop.model.queries import portfolio_rows
    from avi_desktop.model.store import PortfolioStore
    from tests.reports.pdftext import page_texts, squeeze

    with PortfolioStore.open(demo_copy) as store:
        claims = next(r.id for r in portfolio_rows(store) if "Claims triage" in r.name)
        store.update_initiative(
            claims,
            kpi_actuals=[{"date": "2026-06-30", "value": 6}],
            success_criteria={"employees": "Less re-keying"},
        )
    brief = tmp_path / "brief.pdf"
    assert main(["brief", str(demo_copy), "--initiative", claims, "-o", str(brief)]) == 0
    text = squeeze(" ".join(page_texts(brief)))
    assert "Latest actual: 6 days on 30 June 2026. 56 % of the promised change" in text
    assert "Stakeholder groups and their success criteria" in text
    assert "Less re-keying" in text and "Fairness and transparency" in text
    assert "Before the technology decision?" in text
    capsys.readouterr()
    assert main(["assessments", str(demo_copy), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    workshop = next(a["id"] for a in listed if a.get("mode") == "workshop")
    summary = tmp_path / "workshop.pdf"
    assert (
        main(["workshop-summary", str(demo_copy), "--assessment", workshop, "-o", str(summary)])
        == 0
    )
    text = squeeze(" ".join(page_texts(summary)))
    assert "How each group sees value" in text
    assert "Primary view of value" in text
