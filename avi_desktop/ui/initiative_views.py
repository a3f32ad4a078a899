"""Parts of the detail pane about value: realised value, the stakeholder groups' views and
success criteria, and when the necessity assessment was made. HTML for QLabels, built from the
model's own texts so the window, the briefings and the committee paper say the same thing.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from avi_desktop.model.domain import LAYERS, StakeholderGroup
from avi_desktop.model.necessity import timing_text
from avi_desktop.model.realised_value import METHOD, realised_value
from avi_desktop.model.results import fmt_score

if TYPE_CHECKING:
    from avi_desktop.model.entities import NecessityAssessment
    from avi_desktop.model.results import AssessmentResult


def _tr(text: str) -> str:
    return QCoreApplication.translate("InitiativeViews", text)


def realised_value_rows(initiative: Any, currency: str = "") -> list[tuple[str, str]]:
    """Facts rows: latest actual (with its date) and value realised against investment
    (``currency``: the portfolio's, for an investment whose KPI names none)."""
    value = realised_value(initiative, currency)
    if not value.kpi_name:
        return []
    rows = [(_tr("Latest actual"), value.latest_text())]
    if value.investment is not None:
        rows.append((_tr("Investment to date"), value.money(value.investment)))
    rows.append((_tr("Value realised"), value.summary()))
    return rows


def realised_value_tip() -> str:
    """How realised value is computed, for the facts' tooltip."""
    return METHOD


def groups_html(initiative: Any, latest: AssessmentResult | None) -> str:
    """Each affected group (and each group that answered): its view of value, key concern,
    success criteria and, where shown, its layer scores."""
    affected = list(initiative.affected_groups or [])
    criteria = dict(initiative.success_criteria or {})
    split = latest.stakeholder_split if latest is not None else {}
    keys = list(dict.fromkeys([*affected, *criteria, *(g.value for g in split)]))
    if not keys:
        return escape(
            _tr(
                "No affected stakeholder group recorded. Edit the initiative to name the groups "
                "it touches and what success means to each of them."
            )
        )
    head = [_tr("Group"), _tr("Their view of value"), _tr("Key concern"), _tr("Success criteria")]
    if split:
        head.append(_tr("Layer scores (T · L · O · S)"))
    html = "<table cellspacing='0' cellpadding='3'><tr>"
    html += "".join(f"<th align='left'>{escape(h)}</th>" for h in head) + "</tr>"
    for key in keys:
        try:
            group = StakeholderGroup(key)
        except ValueError:
            continue
        criterion = criteria.get(key) or (
            _tr("not recorded") if key in affected else _tr("not an affected group")
        )
        cells = [group.label, group.primary_view, group.key_concern, criterion]
        if split:
            scores = split.get(group)
            cells.append(
                " · ".join(fmt_score(scores.get(layer)) for layer in LAYERS)
                if scores
                else _tr("no figures shown")
            )
        html += "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"
    html += "</table>"
    withheld = latest.withheld_groups if latest is not None else {}
    if withheld:
        html += (
            "<p>"
            + escape(
                _tr("Not shown, to protect groups with too few respondents: {0}.").format(
                    ", ".join(g.label for g in withheld)
                )
            )
            + "</p>"
        )
    return html


def necessity_timing_html(necessity: NecessityAssessment) -> str:
    """Whether the assessment came before the technology decision, as a paragraph."""
    return f"<p>{escape(timing_text(necessity.before_technology_decision))}</p>"
