"""The values decision audit in the briefing and the committee paper.

The briefing gets one initiative's decisions with every field of the decision log and the
stated values they touched; the committee paper gets the portfolio-wide audit: each value's
status, its record per initiative and per quarter, and the decisions as evidence. Figures come
from ``model.values_audit``; this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from avi_desktop.model.domain import ValueStance
from avi_desktop.model.entities import Decision
from avi_desktop.model.formatting import fmt_percent
from avi_desktop.model.values_audit import (
    ValuesAudit,
    ValueSlice,
    touched_values,
    values_audit,
)
from avi_desktop.reports.common import fmt_date, fmt_short_date
from avi_desktop.reports.styles import data_table, key_value_table, para, styles

HEADING = "Values decision audit"
STATUS_MEANING = (
    "Operational: upheld at least once when it was at stake. Aspirational: departed from "
    "whenever it was at stake, so stated but not enacted. Untested: no recorded decision has put "
    "it at stake yet."
)
EVIDENCE_MAX_ROWS = 40  # the paper lists the newest; the briefings hold every decision
DECISION_ROOM = 60.0  # points: a decision's title and its first two rows stay together
SLICE_MAX_ROWS = 60  # per initiative and per quarter: beyond this a table stops informing


def _gap(gap: float | None) -> str:
    return fmt_percent(gap)


def _value_rows(audit: ValuesAudit) -> list[list[object]]:
    return [
        [
            v.name + (f" (retired {fmt_short_date(v.retired_on)})" if v.retired_on else ""),
            v.status.label,
            v.upheld,
            v.departed,
            _gap(v.enactment_gap),
        ]
        for v in audit.values
    ]


def _values_table(audit: ValuesAudit, width: float) -> Any:
    return data_table(
        ["Stated value", "Status", "Upheld", "Departed", "Enactment gap"],
        _value_rows(audit),
        [0.44 * width, 0.16 * width, 0.12 * width, 0.12 * width, 0.16 * width],
        numeric=(2, 3, 4),
    )


def _decision_block(decision: Decision, width: float) -> list[Any]:
    """One decision's record: its title stays with its first rows and the rest may run on to
    the next page under the title again (kept whole, it left the foot of a page empty whenever
    it did not fit)."""
    from reportlab.platypus import CondPageBreak

    upheld = sorted(s.value.name for s in decision.stances if s.stance == ValueStance.UPHELD)
    departed = sorted(s.value.name for s in decision.stances if s.stance == ValueStance.DEPARTED)
    rows: list[tuple[str, object]] = [
        ("Decided on", f"{fmt_date(decision.decided_on)} by {decision.decided_by or '—'}"),
        ("Pressure at stake", decision.pressure or "—"),
        ("Upheld", ", ".join(upheld) or "—"),
        ("Departed from", ", ".join(departed) or "—"),
        ("Situation", decision.situation or "—"),
        ("Logic that actually drove it", decision.actual_logic or "—"),
        ("Value-consistent decision and its cost", decision.cost_of_decision_not_made or "—"),
        ("Who would have argued differently", decision.argued_by or "—"),
    ]
    table = key_value_table(rows, [0.3 * width, 0.7 * width], title=decision.title)
    return [CondPageBreak(DECISION_ROOM), table]


def initiative_values_section(decisions: Sequence[Decision], width: float) -> list[Any]:
    """The briefing's section: the stated values this initiative's decisions touched, then each
    decision with every field of the log."""
    st = styles()
    story: list[Any] = [para(HEADING, st.h1)]
    if not decisions:
        story.append(
            para(
                "No decision has been recorded for this initiative. Stated values show only in "
                "the decisions taken when something is at stake: record them here.",
                st.body,
            )
        )
        return story
    values = touched_values(decisions)
    audit = values_audit(values, decisions)
    story.append(
        para(
            "Decisions actually taken when something was at stake, and the stated values each "
            "upheld or departed from. The status below counts this initiative's decisions only; "
            f"{STATUS_MEANING}",
            st.body,
        )
    )
    if values:
        story.append(_values_table(audit, width))
    for decision in sorted(decisions, key=lambda d: (d.decided_on, d.title)):
        story += _decision_block(decision, width)
    return story


def _slice_table(
    slices: Sequence[ValueSlice], names: dict[str, str], what: str, width: float
) -> list[Any]:
    shown = slices[:SLICE_MAX_ROWS]
    rows = [
        [names.get(s.value_id, ""), s.label, s.upheld, s.departed, s.status.label] for s in shown
    ]
    story: list[Any] = [
        data_table(
            ["Stated value", what, "Upheld", "Departed", "Status"],
            rows,
            [0.32 * width, 0.28 * width, 0.12 * width, 0.12 * width, 0.16 * width],
            numeric=(2, 3),
        )
    ]
    if len(slices) > len(shown):
        note = f"The first {len(shown)} of {len(slices)} rows; decisions --json lists them all."
        story.append(para(note, styles().small))
    return story


def portfolio_values_section(audit: ValuesAudit | None, width: float) -> list[Any]:
    """The committee paper's section: the portfolio-wide audit (nothing when not given)."""
    if audit is None:
        return []
    st = styles()
    story: list[Any] = [para(HEADING, st.h1)]
    if not audit.values:
        return [
            *story,
            para(
                "No stated value is recorded for this portfolio, so no decision can be audited "
                "against one. Record the values the organisation says it holds for AI.",
                st.body,
            ),
        ]
    aspirational = [v.name for v in audit.aspirational]
    lead = (
        f"{len(aspirational)} of {len(audit.values)} stated values "
        f"{'is' if len(aspirational) == 1 else 'are'} aspirational: "
        f"{', '.join(aspirational)}. "
        if aspirational
        else f"No stated value of {len(audit.values)} is aspirational. "
    )
    story.append(
        para(
            f"{lead}{len(audit.decisions)} decisions are recorded. {STATUS_MEANING}",
            st.body,
        )
    )
    story.append(_values_table(audit, width))
    names = {v.value_id: v.name for v in audit.values}
    if audit.decisions:
        story.append(para("By initiative", st.h2))
        story += _slice_table(audit.by_initiative(), names, "Initiative", width)
        story.append(para("Over time", st.h2))
        story += _slice_table(audit.by_quarter(), names, "Quarter", width)
        story.append(para("The decisions as evidence", st.h2))
        shown = audit.decisions[:EVIDENCE_MAX_ROWS]
        story.append(
            data_table(
                ["Date", "Initiative", "Decision", "Upheld", "Departed from", "Pressure"],
                [
                    [
                        fmt_short_date(d.decided_on),
                        d.initiative_name,
                        d.title,
                        ", ".join(d.upheld) or "—",
                        ", ".join(d.departed) or "—",
                        d.pressure or "—",
                    ]
                    for d in shown
                ],
                [
                    0.1 * width,
                    0.16 * width,
                    0.26 * width,
                    0.15 * width,
                    0.15 * width,
                    0.18 * width,
                ],
            )
        )
        if len(audit.decisions) > len(shown):
            story.append(
                para(
                    f"The newest {len(shown)} of {len(audit.decisions)} decisions; each "
                    "initiative's briefing lists all of its own.",
                    st.small,
                )
            )
    else:
        story.append(para("No decision has been recorded against these values yet.", st.body))
    return story
