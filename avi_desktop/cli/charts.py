"""``chart``: write a ring, heat map, dispersion or trend chart to PNG, SVG or PDF.

The figures come from the same model results and chart functions the window and the briefings
use; this command only picks the data, draws and saves.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from avi_desktop.cli.common import add_portfolio_arguments
from avi_desktop.model.errors import ValidationError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.overview import InitiativeOverview
    from avi_desktop.model.results import AssessmentResult
    from avi_desktop.model.store import PortfolioStore

KINDS = ("ring", "heatmap", "counts", "dispersion", "trend")
PORTFOLIO_KINDS = ("heatmap", "counts")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``chart`` subcommand."""
    parser = subparsers.add_parser(
        "chart",
        help="write a chart (ring, heatmap, counts, dispersion, trend) as PNG, SVG or PDF",
        description="Write one chart. ring and dispersion show one assessment (the latest of "
        "an initiative with --initiative); trend shows an initiative's history; heatmap and "
        "counts (initiatives by stage and by pattern) show the whole portfolio.",
    )
    parser.add_argument("kind", choices=KINDS, help="which chart")
    add_portfolio_arguments(parser)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--assessment", metavar="ID", help="the assessment to draw")
    which.add_argument("--initiative", metavar="ID", help="the initiative to draw")
    parser.add_argument(
        "--variant",
        choices=("layer", "items", "comparison"),
        default="layer",
        help="ring only: layer scores, item by item, or against the previous assessment",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="output file; .png, .svg or .pdf",
    )
    parser.set_defaults(func=_chart)


def _chart(args: argparse.Namespace) -> int:
    from avi_desktop.charts.export import figure_format, save_figure
    from avi_desktop.cli.common import open_for

    figure_format(args.output)  # a wrong suffix fails before any work is done
    if args.kind not in PORTFOLIO_KINDS and not (args.assessment or args.initiative):
        raise ValidationError(
            f"Say which assessment or initiative to draw: add --assessment ID or "
            f"--initiative ID (list them with 'avi-desktop assessments {args.path}')."
        )
    with open_for(args) as store:
        fig = _build(store, args)
    written = save_figure(fig, args.output)
    print(written)
    return 0


def _build(store: PortfolioStore, args: argparse.Namespace) -> Figure:
    from avi_desktop.model import overview

    if args.kind == "heatmap":
        from avi_desktop.charts.portfolio import heatmap_entries, heatmap_figure

        portfolio = overview.portfolio_overview(store)
        title = f"{portfolio.organisation}: AI portfolio" if portfolio.organisation else ""
        return heatmap_figure(heatmap_entries(portfolio), title=title)
    if args.kind == "counts":
        from avi_desktop.charts.portfolio import portfolio_counts, portfolio_counts_figure

        portfolio = overview.portfolio_overview(store)
        title = f"{portfolio.organisation}: AI portfolio" if portfolio.organisation else ""
        return portfolio_counts_figure(*portfolio_counts(portfolio), title=title)

    initiative_id = args.initiative or store.get_assessment(args.assessment).initiative_id
    view = overview.initiative_overview(store, initiative_id)
    name = view.initiative.name
    if args.kind == "trend":
        from avi_desktop.charts.trend import trend_figure

        if not view.trend:
            raise ValidationError(f"'{name}' has no scored assessment yet; nothing to chart.")
        targets = (
            {layer: layer_result.target for layer, layer_result in view.latest.layers.items()}
            if view.latest is not None
            else 75.0
        )
        return trend_figure(view.trend, targets, title=name)

    result, previous = _result_and_previous(store, args, view)
    instrument = _instrument_for(result)
    if args.kind == "dispersion":
        from avi_desktop.charts.dispersion import dispersion_figure

        assessment = store.get_assessment(result.assessment_id)
        groups = {
            respondent.id: respondent.stakeholder_group for respondent in assessment.respondents
        }
        return dispersion_figure(
            result,
            instrument=instrument,
            groups=groups,
            title=name,
            min_group_size=store.settings().min_group_size,  # as score and the reveal protect
        )

    from avi_desktop.charts.ring import ring_figure

    if args.variant == "comparison" and previous is None:
        raise ValidationError(
            f"'{name}' has no earlier assessment to compare with; use --variant layer or items."
        )
    return ring_figure(
        result,
        instrument=instrument,
        variant=args.variant,
        previous=previous if args.variant == "comparison" else None,
        title=name,
    )


def _result_and_previous(
    store: PortfolioStore, args: argparse.Namespace, view: InitiativeOverview
) -> tuple[AssessmentResult, AssessmentResult | None]:
    """The assessment to draw and the one before it (for comparisons)."""
    from avi_desktop.model.overview import evaluate_assessment

    if args.assessment is None:
        if view.latest is None:
            raise ValidationError(
                f"'{view.initiative.name}' has no scored assessment yet; score it first."
            )
        return view.latest, view.previous
    result = evaluate_assessment(store, args.assessment)
    ids = [point.assessment_id for point in view.trend]
    previous = None
    if args.assessment in ids and ids.index(args.assessment) > 0:
        previous = evaluate_assessment(store, ids[ids.index(args.assessment) - 1])
    return result, previous


def _instrument_for(result: AssessmentResult) -> Instrument | None:
    """The bundled instrument when the result used it (item order and texts), else None."""
    from avi_desktop.model.errors import InstrumentError
    from avi_desktop.model.instrument import bundled_instrument

    try:
        instrument = bundled_instrument()
    except InstrumentError:
        return None
    return instrument if instrument.id == result.instrument_id else None
