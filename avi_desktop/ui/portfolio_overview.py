"""The portfolio as a whole, in the window (View > Portfolio overview).

What a committee reads before any single initiative: the portfolio-level patterns (AI Theatre),
initiatives by stage and band, the necessity outcomes and the initiatives whose necessity needs
attention, realised value, overdue actions, the values audit, and the decisions the records ask
for. Computed in a worker from the same model functions as the committee paper; read again,
where the reader left off, whenever the window shows the portfolio changed while it is open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.domain import Stage
from avi_desktop.model.results import fmt_date, fmt_number

if TYPE_CHECKING:
    from avi_desktop.model.follow_up import ActionItem
    from avi_desktop.model.overview import PortfolioOverview
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.model.values_audit import ValueRecord
    from avi_desktop.ui.host import FlowHost
    from avi_desktop.ui.workers import LatestJobs, ProgressFn

JOB = "portfolio_overview"
# Edits come in bursts (a wizard, an import, undoing several steps): one read after the last.
SETTLE_MS = 150


def _tr(text: str) -> str:
    return QCoreApplication.translate("PortfolioOverview", text)


@dataclass(frozen=True)
class PortfolioPicture:
    """Everything the view shows, read and computed in one worker job."""

    overview: PortfolioOverview
    actions: tuple[ActionItem, ...]  # every action, overdue first
    values: tuple[ValueRecord, ...]


def picture_job(store: PortfolioStore) -> Callable[[ProgressFn], PortfolioPicture]:
    """A worker job: the portfolio overview, the actions and the values audit."""

    def job(progress: ProgressFn) -> PortfolioPicture:
        from avi_desktop.model.follow_up import action_items
        from avi_desktop.model.overview import portfolio_overview
        from avi_desktop.model.values_audit import values_audit

        overview = portfolio_overview(store, progress=progress)
        names = {e.initiative_id: e.name for e in overview.entries}
        items = action_items(store.actions(), names, date.today())
        audit = values_audit(store.stated_values(), store.decisions(), names)
        return PortfolioPicture(overview, tuple(items), tuple(audit.values))

    return job


# -- HTML ---------------------------------------------------------------------------------------


def _table(
    head: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = ()
) -> str:
    if not rows:
        return ""
    html = (
        "<table cellspacing='0' cellpadding='4' border='1' style='border-collapse: collapse'><tr>"
    )
    html += "".join(f"<th align='left'>{escape(h)}</th>" for h in head) + "</tr>"
    for row in rows:
        html += "<tr>"
        for number, cell in enumerate(row):
            align = "right" if number in numeric else "left"
            html += f"<td align='{align}'>{escape(str(cell))}</td>"
        html += "</tr>"
    return html + "</table>"


def _section(title: str, body: str) -> str:
    return f"<h2>{escape(title)}</h2>{body}"


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def patterns_html(picture: PortfolioPicture) -> str:
    hits = picture.overview.portfolio_patterns
    if not hits:
        return _p(_tr("No portfolio-level pattern was detected."))
    html = ""
    for hit in hits:
        html += f"<h3>{escape(hit.title)}</h3>{_p(hit.explanation)}"
        html += _table(
            [_tr("Evidence"), _tr("Value")], [(e.label, e.value) for e in hit.evidence[:30]]
        )
    return html


def stage_band_html(picture: PortfolioPicture) -> str:
    from avi_desktop.model.portfolio_summary import BAND_COLUMNS, by_stage_and_band

    table = by_stage_and_band(picture.overview.entries)
    rows = [
        (stage.label, *(table[stage][band] for band in BAND_COLUMNS), sum(table[stage].values()))
        for stage in Stage
        if sum(table[stage].values())
    ]
    if not rows:
        return _p(_tr("The portfolio has no initiative yet."))
    head = [_tr("Stage"), *BAND_COLUMNS, _tr("Total")]
    note = _p(
        _tr(
            "An initiative is counted in the band of its weakest (binding) layer, which caps "
            "the value it can realise."
        )
    )
    return _table(head, rows, numeric=range(1, len(head))) + note


def necessity_html(picture: PortfolioPicture) -> str:
    from avi_desktop.model.portfolio_summary import necessity_concerns, necessity_counts

    entries = picture.overview.entries
    counts = necessity_counts(entries)
    html = _table(
        [_tr("Necessity outcome in force"), _tr("Initiatives")], list(counts.items()), (1,)
    )
    concerns = necessity_concerns(entries)
    if concerns:
        html += _p(_tr("Needing attention:"))
        html += _table(
            [_tr("Initiative"), _tr("Stage"), _tr("Outcome"), _tr("Why it is listed")],
            [(c.name, c.stage.label, c.outcome, c.concern) for c in concerns],
        )
    return html


def value_html(picture: PortfolioPicture) -> str:
    from avi_desktop.model.realised_value import METHOD

    rows = []
    for e in picture.overview.entries:
        value = e.value
        if value is None or not value.kpi_name:
            continue
        rows.append(
            (
                e.name,
                value.kpi_name,
                value.amount(value.baseline),
                value.amount(value.target),
                value.latest_text(),
                "—" if value.progress is None else f"{fmt_number(value.progress, 0)} %",
            )
        )
    if not rows:
        return _p(_tr("No initiative has a KPI, so no value can be shown as realised."))
    head = [
        _tr("Initiative"),
        _tr("KPI"),
        _tr("Baseline"),
        _tr("Target"),
        _tr("Latest actual"),
        _tr("Progress"),
    ]
    return _table(head, rows, (5,)) + f"<p><small>{escape(METHOD)}</small></p>"


def overdue_html(picture: PortfolioPicture) -> str:
    overdue = [item for item in picture.actions if item.overdue]
    if not overdue:
        return _p(_tr("No action is overdue."))
    return _table(
        [_tr("Initiative"), _tr("Action"), _tr("Owner"), _tr("Due"), _tr("Status")],
        [
            (i.initiative_name, i.title, i.owner or "—", fmt_date(i.due_on), i.status.label)
            for i in overdue
        ],
    )


def values_html(picture: PortfolioPicture) -> str:
    if not picture.values:
        return _p(_tr("No stated value is recorded."))
    rows = [(v.name, v.status.label, v.upheld, v.departed) for v in picture.values]
    html = _table(
        [_tr("Stated value"), _tr("Status"), _tr("Upheld"), _tr("Departed")], rows, (2, 3)
    )
    return html + _p(
        _tr(
            "Aspirational: departed from under pressure and never upheld. Untested: no "
            "recorded decision has put it at stake. Operational: upheld when it counted."
        )
    )


def decisions_html(picture: PortfolioPicture) -> str:
    from avi_desktop.model.portfolio_summary import decisions_asked
    from avi_desktop.model.values_audit import ValueStatus

    asks = decisions_asked(
        picture.overview.entries,
        picture.overview.portfolio_patterns,
        [item for item in picture.actions if item.overdue],
        [v.name for v in picture.values if v.status == ValueStatus.ASPIRATIONAL],
    )
    if not asks:
        return _p(_tr("The records ask no decision of the committee at this time."))
    return "<ul>" + "".join(f"<li>{escape(a)}</li>" for a in asks) + "</ul>"


def picture_html(picture: PortfolioPicture) -> str:
    """The whole view as one HTML document (sections in the committee's reading order)."""
    count = len(picture.overview.entries)
    head = _p(_tr("{0} initiatives.").format(count))
    return head + "".join(
        _section(title, body(picture))
        for title, body in (
            (_tr("Portfolio-level patterns"), patterns_html),
            (_tr("Initiatives by stage and band"), stage_band_html),
            (_tr("Is AI the right tool? Necessity decisions"), necessity_html),
            (_tr("Realised value"), value_html),
            (_tr("Overdue actions"), overdue_html),
            (_tr("Values audit"), values_html),
            (_tr("Decisions asked of the committee"), decisions_html),
        )
    )


# -- the window --------------------------------------------------------------------------------


class PortfolioOverviewDialog(QDialog):
    """A window beside the main one; it reads the portfolio again after each change the main
    window shows (its ``rows_loaded``), and on Refresh."""

    def __init__(self, host: FlowHost, jobs: LatestJobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._host, self._jobs = host, jobs
        self.setWindowTitle(self.tr("Portfolio overview"))
        self.setAccessibleName(self.windowTitle())
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Status"))
        self.body = QTextBrowser()
        self.body.setAccessibleName(self.tr("Portfolio overview"))
        self.body.setOpenLinks(False)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.NonModal)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 120, metrics.height() * 45)
        self.picture: PortfolioPicture | None = None
        self._html = ""  # what the body shows, so an unchanged picture is not laid out again
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._changed_refresh)
        changed = getattr(host, "rows_loaded", None)  # the main window re-read its rows
        if changed is not None:
            changed.connect(self.portfolio_changed)

    def portfolio_changed(self) -> None:
        """The portfolio changed (an edit, an undo, another file): read it again if shown."""
        if self.isVisible():
            self._settle.start()

    def _changed_refresh(self) -> None:
        if self.isVisible():
            self._read(self.tr("Updating after a change…"))

    def refresh(self) -> None:
        self._read(self.tr("Reading the portfolio…"))

    def _read(self, note: str) -> None:
        store = self._host.store
        if store is None:
            self.status.setText(self.tr("No portfolio is open."))
            self.body.clear()
            return
        # A newer job replaces a running one (LatestJobs): Refresh stays available, so a job
        # cancelled when the portfolio closed never leaves the button dead.
        self.status.setText(note)
        self._jobs.start(JOB, picture_job(store), self._ready, self._failed, self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.status.setText(self.tr("Scoring the portfolio… {0} of {1}").format(done, total))

    def _ready(self, picture: PortfolioPicture) -> None:
        self.picture = picture
        self.status.setText(self.tr("As of {0}.").format(fmt_date(date.today())))
        html = picture_html(picture)
        if html == self._html:
            return  # the change did not touch the overview: no re-layout on the UI thread
        self._html = html
        bar = self.body.verticalScrollBar()
        kept = bar.value()  # read again after an edit: stay where the reader was
        self.body.setHtml(html)
        bar.setValue(min(kept, bar.maximum()))

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("The overview could not be computed: {0}").format(message))


def show_portfolio_overview(host: FlowHost, jobs: LatestJobs) -> PortfolioOverviewDialog:
    """Open (or raise) the portfolio overview and read the portfolio afresh."""
    parent = host.parent_widget()
    dialog = parent.findChild(PortfolioOverviewDialog)
    if dialog is None:
        dialog = PortfolioOverviewDialog(host, jobs, parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.refresh()
    return dialog
