"""Briefing sections about value: realised value, each stakeholder group's view and success
criteria, and when the necessity assessment was made. Shared by the initiative briefing and the
committee paper so both say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from avi_desktop.model.domain import StakeholderGroup
from avi_desktop.model.necessity import timing_text
from avi_desktop.model.realised_value import METHOD, realised_value
from avi_desktop.reports.styles import data_table, para, styles


def realised_value_rows(initiative: Any, currency: str = "") -> list[tuple[str, object]]:
    """Facts rows: the KPI's promise, its latest actual, and value realised against investment
    (``currency``: the portfolio's, for an investment whose KPI names none)."""
    value = realised_value(initiative, currency)
    if not value.kpi_name:
        return [("Value realised", value.summary())]
    return [
        ("KPI", f"{value.kpi_name}: baseline {value.amount(value.baseline)}, "
         f"target {value.amount(value.target)}"),
        ("Latest actual", value.latest_text()),
        ("Value realised", value.summary()),
    ]  # fmt: skip


def realised_value_note() -> Any:
    """How realised value is computed, as a small print note."""
    return para(METHOD, styles().small)


def timing_row(necessity: Any) -> tuple[str, object]:
    """('Before the technology decision?', its answer in words)."""
    return ("Before the technology decision?", timing_text(necessity.before_technology_decision))


def groups_section(initiative: Any, width: float) -> list[Any]:
    """Each affected group's view of value, key concern and success criteria (a table)."""
    st = styles()
    story: list[Any] = [para("Stakeholder groups and their success criteria", st.h1)]
    affected = list(initiative.affected_groups or [])
    criteria = dict(initiative.success_criteria or {})
    keys = list(dict.fromkeys([*affected, *criteria]))
    rows = []
    for key in keys:
        try:
            group = StakeholderGroup(key)
        except ValueError:
            continue
        rows.append(
            (
                group.label,
                group.primary_view,
                group.key_concern,
                criteria.get(key) or "Not recorded",
            )
        )
    if not rows:
        story.append(
            para(
                "No affected stakeholder group is recorded, so success has been defined for "
                "none of them.",
                st.body,
            )
        )
        return story
    story.append(
        data_table(
            ("Group", "Their view of value", "Key concern", "Success criteria"),
            rows,
            [0.16 * width, 0.3 * width, 0.16 * width, 0.38 * width],
        )
    )
    missing = [label for label, _, _, criterion in rows if criterion == "Not recorded"]
    if missing:
        story.append(
            para(
                "Success is not yet defined for " + ", ".join(missing) + ": the paper asks "
                "that the full range of stakeholders define it before capability is deployed.",
                st.small,
            )
        )
    return story


def group_views_table(groups: Sequence[StakeholderGroup], width: float) -> list[Any]:
    """What each compared group values and worries about (the paper's section 3), so a reader
    can read a gap between groups as a difference of view, not only of score."""
    if not groups:
        return []
    st = styles()
    ordered = [g for g in StakeholderGroup if g in groups]
    return [
        para("How each group sees value", st.h3),
        data_table(
            ("Group", "Primary view of value", "Key concern"),
            [(g.label, g.primary_view, g.key_concern) for g in ordered],
            [0.22 * width, 0.5 * width, 0.28 * width],
        ),
    ]
