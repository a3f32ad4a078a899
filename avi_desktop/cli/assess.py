"""``assessments``, ``score``, ``export-answers`` and ``export-portfolio``: the assessment engine.

JSON and CSV shapes are documented in docs/formats.md and only ever gain keys or columns.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from avi_desktop.cli.common import (
    SHORT_ID,
    add_portfolio_arguments,
    open_for,
    print_json,
)
from avi_desktop.model.domain import LAYERS, StakeholderGroup
from avi_desktop.model.privacy import protect, withheld_reason
from avi_desktop.model.results import AssessmentResult, fmt_number, fmt_score

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = subparsers.add_parser("assessments", help="list the four-layer assessments")
    add_portfolio_arguments(listing)
    listing.add_argument("--initiative", metavar="ID", help="only this initiative's assessments")
    listing.add_argument("--json", action="store_true", help="print JSON (see docs/formats.md)")
    listing.set_defaults(func=_assessments)

    score = subparsers.add_parser(
        "score", help="every figure of an assessment, with patterns and evidence"
    )
    add_portfolio_arguments(score)
    score.add_argument("--assessment", required=True, metavar="ID", help="assessment id")
    score.add_argument("--json", action="store_true", help="print JSON (see docs/formats.md)")
    score.set_defaults(func=_score)

    answers = subparsers.add_parser(
        "export-answers", help="write an assessment's answers as CSV, one row per item"
    )
    add_portfolio_arguments(answers)
    answers.add_argument("--assessment", required=True, metavar="ID", help="assessment id")
    answers.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.csv")
    answers.set_defaults(func=_export_answers)

    portfolio = subparsers.add_parser(
        "export-portfolio", help="write one CSV row per initiative with its latest scores"
    )
    add_portfolio_arguments(portfolio)
    portfolio.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.csv")
    portfolio.set_defaults(func=_export_portfolio)


def _store(args: argparse.Namespace) -> PortfolioStore:
    return open_for(args)


def _assessments(args: argparse.Namespace) -> int:
    with _store(args) as store:
        records = [store.get_assessment(i) for i in store.assessment_ids(args.initiative)]
    rows: list[dict[str, Any]] = [
        {
            "id": a.id,
            "initiative": {"id": a.initiative_id, "name": a.initiative.name},
            "title": a.title,
            "assessed_on": a.assessed_on.isoformat(),
            "mode": a.mode,
            "status": a.status,
            "instrument": {"id": a.instrument_id, "version": a.instrument_version},
            "respondents": len(a.respondents),
        }
        for a in records
    ]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(
            f"{row['id'][:SHORT_ID]}  {row['assessed_on']}  {row['status']:<6}  "
            f"{row['respondents']:>3} resp.  {row['initiative']['name']}: {row['title']}"
        )
    print(f"\n{len(rows)} assessment{'s' if len(rows) != 1 else ''}")
    return 0


def _score(args: argparse.Namespace) -> int:
    from avi_desktop.model.exports import score_json
    from avi_desktop.model.overview import evaluate_assessment

    with _store(args) as store:
        result = evaluate_assessment(store, args.assessment)
        min_group_size = store.settings().min_group_size
    if args.json:
        print_json(score_json(result, min_group_size))
        return 0
    _print_result(protect(result, min_group_size), min_group_size)
    return 0


def _print_result(result: AssessmentResult, min_group_size: int) -> None:
    print(f"Assessment {result.assessment_id} — {result.respondents} respondent(s)")
    print(f"{'Layer':<28}{'Score':>7}{'Target':>8}{'Gap':>7}  {'Band':<11}{'SD':>6}{'r_wg':>6}")
    for layer in LAYERS:
        f = result.layers[layer]
        band = "insufficient data" if f.band is None else f.band.label
        rwg = "—" if f.rwg is None else fmt_number(f.rwg, 2)
        flag = "  low agreement" if f.low_agreement else ""
        print(
            f"{layer.label:<28}{fmt_score(f.score):>7}{fmt_score(f.target):>8}"
            f"{fmt_score(f.gap):>7}  {band:<11}{fmt_score(f.sd):>6}{rwg:>6}{flag}"
        )
    binding = "—" if result.binding_layer is None else result.binding_layer.label
    print(f"\nAlignment index: {fmt_score(result.alignment_index)}   Binding layer: {binding}")
    _print_groups(result, min_group_size)
    for hit in result.patterns:
        print(f"\nPattern: {hit.title}")
        for e in hit.evidence:
            print(f"  - {e.label}: {e.value}")
    if result.recommendations:
        print("\nRecommendations:")
        for rec in result.recommendations:
            print(f"  [{rec.imperative.label}] {rec.title}")


def _print_groups(result: AssessmentResult, min_group_size: int) -> None:
    """Each stakeholder group's count and layer scores; small groups show their count only."""
    if not result.stakeholder_split and not result.withheld_groups:
        return
    codes = "".join(f"{layer.value[:10]:>12}" for layer in LAYERS)
    print(f"\n{'Stakeholder group':<28}{'n':>4}{codes}")
    for group in StakeholderGroup:
        scores = result.stakeholder_split.get(group)
        if scores is not None:
            n = result.group_sizes.get(group, 0)
            cells = "".join(f"{fmt_score(scores.get(layer)):>12}" for layer in LAYERS)
            print(f"{group.label:<28}{n:>4}{cells}")
        elif group in result.withheld_groups:
            n = result.withheld_groups[group]
            reason = withheld_reason(result, group, min_group_size)
            print(f"{group.label:<28}{n:>4}  ({reason}: not shown)")


def _export_answers(args: argparse.Namespace) -> int:
    from avi_desktop.model.exports import write_answers_csv

    with _store(args) as store:
        written = write_answers_csv(store, args.assessment, args.output)
    print(f"Wrote {written} answer rows to {args.output}")
    return 0


def _export_portfolio(args: argparse.Namespace) -> int:
    from avi_desktop.model.exports import write_portfolio_csv

    with _store(args) as store:
        written = write_portfolio_csv(store, args.output)
    print(f"Wrote {written} initiatives to {args.output}")
    return 0
