"""``decisions``: the values decision audit on the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from avi_desktop.cli.common import add_passphrase_option, open_for, print_json
from avi_desktop.model.queries import portfolio_rows
from avi_desktop.model.results import fmt_score
from avi_desktop.model.values_audit import values_audit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "decisions",
        help="the values decision audit: stated values against decisions actually taken",
    )
    parser.add_argument("path", type=Path, metavar="PATH", help="portfolio file")
    parser.add_argument("--initiative", metavar="ID", help="only this initiative's decisions")
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/formats.md)")
    add_passphrase_option(parser)
    parser.set_defaults(func=_decisions)


def _decisions(args: argparse.Namespace) -> int:
    with open_for(args) as store:
        values = store.stated_values()
        decisions = store.decisions(args.initiative)
        names = {row.id: row.name for row in portfolio_rows(store)}
    audit = values_audit(values, decisions, names)
    if args.json:
        print_json(audit.to_json())
        return 0
    print("Stated value                              Upheld  Departed  Enactment gap  Status")
    for value in audit.values:
        gap = value.enactment_gap
        shown = "not yet tested" if gap is None else f"{fmt_score(100 * gap)} %"
        print(
            f"{value.name[:40]:<40}  {value.upheld:>6}  {value.departed:>8}  {shown:<13}  "
            f"{value.status.label}"
        )
    print()
    for decision in audit.decisions:
        print(f"{decision.decided_on.isoformat()}  {decision.initiative_name}: {decision.title}")
        if decision.departed:
            print(f"    departed from: {', '.join(decision.departed)}")
        if decision.upheld:
            print(f"    upheld: {', '.join(decision.upheld)}")
        print(f"    actual logic: {decision.actual_logic}")
        print(f"    cost of the decision not made: {decision.cost_of_decision_not_made}")
    return 0
