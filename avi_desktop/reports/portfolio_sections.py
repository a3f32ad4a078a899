"""Committee paper sections about the portfolio as a whole: the necessity decisions, realised
value, and the closing list of decisions asked of the committee (``model.portfolio_summary``).

Entries are ``model.overview.PortfolioEntry`` objects; hand-built entries without a necessity
or a realised value are read as having none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from avi_desktop.model.follow_up import ActionItem
from avi_desktop.model.portfolio_summary import (
    decisions_asked,
    necessity_concerns,
    necessity_counts,
)
from avi_desktop.model.realised_value import METHOD
from avi_desktop.model.results import fmt_date, fmt_number
from avi_desktop.reports.styles import bullet, data_table, para, styles, text

MAX_ROWS = 40  # beyond this the full table of initiatives has the rest


def frequent_pattern_line(counts: Mapping[str, int], total: int) -> str:
    """The "In brief" line on single-initiative patterns (markup). One pattern is named as
    the most frequent only when it is: when every pattern was found once, or several share
    the top count, the line says so instead of picking one by its name."""
    top = max(counts.values())
    leaders = sorted(title for title, count in counts.items() if count == top)
    if top == 1:
        return (
            f"No single pattern dominates: {len(counts)} different patterns, each found in one "
            "initiative." if len(counts) > 1 else
            f"One initiative shows a pattern: <b>{text(leaders[0])}</b>."
        )  # fmt: skip
    if len(leaders) == 1:
        return (
            f"The most frequent pattern in single initiatives is <b>{text(leaders[0])}</b> "
            f"({top} of {total})."
        )
    names = ", ".join(f"<b>{text(title)}</b>" for title in leaders)
    return f"The most frequent patterns in single initiatives are {names} ({top} of {total} each)."


def _entries(entries: Sequence[Any]) -> list[Any]:
    """Entries with ``necessity`` and ``value`` present (None where the source has none)."""
    return [
        e
        if hasattr(e, "necessity") and hasattr(e, "value")
        else SimpleNamespace(
            **{k: getattr(e, k) for k in ("initiative_id", "name", "stage", "latest", "patterns")},
            necessity=getattr(e, "necessity", None),
            value=getattr(e, "value", None),
        )
        for e in entries
    ]


def necessity_section(entries: Sequence[Any], width: float) -> list[Any]:
    """Necessity outcomes in force, then the initiatives the committee should look at."""
    st = styles()
    rows = _entries(entries)
    story: list[Any] = [para("Is AI the right tool? Necessity decisions", st.h1)]
    counts = necessity_counts(rows)
    story.append(
        data_table(
            ["Necessity outcome in force", "Initiatives"],
            [[label, str(n)] for label, n in counts.items()],
            [0.5 * width, 0.2 * width],
            numeric=(1,),
        )
    )
    concerns = necessity_concerns(rows)
    if not concerns:
        story.append(
            para(
                "Every initiative past the idea stage has a necessity assessment that found AI "
                "justified.",
                st.body,
            )
        )
        return story
    story.append(
        para(
            "Initiatives not justified, with insufficient information, or past the idea stage "
            "without an assessment (retired ones left out):",
            st.body,
        )
    )
    story.append(
        data_table(
            ["Initiative", "Stage", "Outcome", "Why it is listed"],
            [[c.name, c.stage.label, c.outcome, c.concern] for c in concerns[:MAX_ROWS]],
            [0.26 * width, 0.13 * width, 0.2 * width, 0.41 * width],
        )
    )
    if len(concerns) > MAX_ROWS:
        story.append(para(f"… and {len(concerns) - MAX_ROWS} more.", st.small))
    return story


def realised_value_section(entries: Sequence[Any], width: float) -> list[Any]:
    """Each initiative with a KPI: baseline, target, latest actual and value realised."""
    st = styles()
    story: list[Any] = [para("Realised value", st.h1)]
    rows = []
    for e in _entries(entries):
        value = e.value
        if value is None or not value.kpi_name:
            continue
        latest = value.latest
        rows.append(
            [
                e.name,
                value.kpi_name,
                value.amount(value.baseline),
                value.amount(value.target),
                "Not measured"
                if latest is None
                else f"{value.amount(latest.value)} ({fmt_date(latest.on, short=True)})",
                "—" if value.progress is None else f"{fmt_number(value.progress, 0)} %",
                "—" if value.investment is None else value.money(value.investment),
            ]
        )
    if not rows:
        story.append(
            para("No initiative has a KPI, so no value can be shown as realised.", st.body)
        )
        return story
    story.append(
        data_table(
            ["Initiative", "KPI", "Baseline", "Target", "Latest actual", "Progress", "Invested"],
            rows[:MAX_ROWS],
            [w * width for w in (0.19, 0.18, 0.13, 0.13, 0.15, 0.1, 0.12)],
            numeric=(5, 6),
        )
    )
    unmeasured = sum(1 for r in rows if r[4] == "Not measured")
    if unmeasured:
        story.append(
            para(
                f"{unmeasured} of {len(rows)} initiatives with a KPI have no measured value yet.",
                st.body,
            )
        )
    story.append(para(METHOD, st.small))
    return story


def decisions_section(
    entries: Sequence[Any],
    portfolio_patterns: Sequence[Any],
    overdue: Sequence[ActionItem],
    aspirational: Sequence[str] = (),
) -> list[Any]:
    """The closing list: what the records ask the committee to decide."""
    st = styles()
    asks = decisions_asked(_entries(entries), portfolio_patterns, overdue, aspirational)
    story: list[Any] = [para("Decisions asked of the committee", st.h1)]
    if not asks:
        story.append(para("The records ask no decision of the committee at this time.", st.body))
        return story
    story += [bullet(ask) for ask in asks]
    return story
