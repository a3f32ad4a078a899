"""``decisions``, ``decision add`` and ``value add|retire``: the values decision audit on the
command line.

Every change goes through the store, so each one is in the audit trail like a change made in
the window.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from avi_desktop.cli.common import add_passphrase_option, match_id, open_for, print_json
from avi_desktop.model.domain import ValueStance
from avi_desktop.model.entities import StatedValue
from avi_desktop.model.errors import PortfolioError, ValidationError
from avi_desktop.model.formatting import fmt_percent
from avi_desktop.model.values_audit import portfolio_values_audit


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

    decision = subparsers.add_parser("decision", help="log a decision in the values audit")
    verbs = decision.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", help="log a decision taken under pressure; prints its id")
    add.add_argument("path", type=Path, metavar="PATH", help="portfolio file")
    add.add_argument("--initiative", required=True, metavar="ID", help="initiative id")
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="when it was decided")
    add.add_argument("--decision", required=True, metavar="TEXT", help="what was decided")
    add.add_argument("--decided-by", required=True, metavar="NAME", help="who decided it")
    add.add_argument(
        "--upheld", action="append", default=[], metavar="VALUE",
        help="a stated value (name or id) the decision upheld; repeat for more",
    )  # fmt: skip
    add.add_argument(
        "--departed", action="append", default=[], metavar="VALUE",
        help="a stated value (name or id) the decision departed from; repeat for more",
    )  # fmt: skip
    add.add_argument("--pressure", default="", metavar="TEXT", help="what was at stake")
    add.add_argument("--logic", default="", metavar="TEXT", help="the logic that drove it")
    add.add_argument(
        "--alternative", default="", metavar="TEXT",
        help="the value-consistent decision and what it would have cost",
    )  # fmt: skip
    add.add_argument(
        "--argued-by", default="", metavar="TEXT", help="who would have argued otherwise"
    )
    add_passphrase_option(add)
    add.set_defaults(func=_add_decision)

    value = subparsers.add_parser("value", help="add a stated value, or retire one")
    value_verbs = value.add_subparsers(dest="verb", metavar="VERB", required=True)
    new = value_verbs.add_parser("add", help="record a stated value; prints its id")
    new.add_argument("path", type=Path, metavar="PATH", help="portfolio file")
    new.add_argument("--name", required=True, metavar="NAME", help="the value as it is stated")
    new.add_argument("--description", default="", metavar="TEXT", help="what it means")
    add_passphrase_option(new)
    new.set_defaults(func=_add_value)
    retire = value_verbs.add_parser(
        "retire", help="retire a stated value: it stays on its decisions, takes no new one"
    )
    retire.add_argument("path", type=Path, metavar="PATH", help="portfolio file")
    retire.add_argument("--value", required=True, metavar="NAME|ID", help="the stated value")
    retire.add_argument("--on", metavar="YYYY-MM-DD", help="retired from (default: today)")
    retire.add_argument("--undo", action="store_true", help="take a retired value back into use")
    add_passphrase_option(retire)
    retire.set_defaults(func=_retire_value)


def find_value(values: list[StatedValue], given: str) -> StatedValue:
    """The stated value ``given`` names: its name (any case) or its id (or an id prefix)."""
    wanted = given.strip().casefold()
    for value in values:
        if value.name.casefold() == wanted:
            return value
    try:
        found = match_id(given, [v.id for v in values], "stated value", "decisions")
    except PortfolioError:
        names = "; ".join(v.name for v in values if v.retired_on is None) or "none yet"
        raise ValidationError(
            f"There is no stated value '{given}' in this portfolio. Stated values: {names}."
        ) from None
    return next(v for v in values if v.id == found)


def _add_decision(args: argparse.Namespace) -> int:
    with open_for(args, read_only=False) as store:
        values = store.stated_values()
        stances: dict[str, ValueStance] = {}
        for names, stance in (
            (args.upheld, ValueStance.UPHELD),
            (args.departed, ValueStance.DEPARTED),
        ):
            for given in names:
                value = find_value(values, given)
                if value.retired_on is not None:
                    raise ValidationError(
                        f"The stated value '{value.name}' was retired on "
                        f"{value.retired_on.isoformat()}; it takes no new decision."
                    )
                if stances.get(value.id, stance) is not stance:
                    raise ValidationError(
                        f"'{value.name}' is given as both upheld and departed from; a decision "
                        "does one or the other."
                    )
                stances[value.id] = stance
        new_id = store.add_decision(
            args.initiative,
            decided_on=args.date,
            title=args.decision,
            decided_by=args.decided_by,
            pressure=args.pressure,
            actual_logic=args.logic,
            cost_of_decision_not_made=args.alternative,
            argued_by=args.argued_by,
            stances=stances,
        )
    print(new_id)
    return 0


def _add_value(args: argparse.Namespace) -> int:
    with open_for(args, read_only=False) as store:
        new_id = store.add_stated_value(args.name, args.description)
    print(new_id)
    return 0


def _retire_value(args: argparse.Namespace) -> int:
    with open_for(args, read_only=False) as store:
        value = find_value(store.stated_values(), args.value)
        when = None if args.undo else (args.on or date.today())
        store.retire_stated_value(value.id, when)
    if when is None:
        print(f"'{value.name}' is in use again.")
    else:
        print(f"'{value.name}' is retired from {when}; it stays on the decisions that have it.")
    return 0


def _decisions(args: argparse.Namespace) -> int:
    with open_for(args) as store:
        audit = portfolio_values_audit(store, args.initiative)
    if args.json:
        print_json(audit.to_json())
        return 0
    print("Stated value                              Upheld  Departed  Enactment gap  Status")
    for value in audit.values:
        gap = value.enactment_gap
        shown = fmt_percent(gap, empty="not yet tested")
        retired = f" (retired {value.retired_on})" if value.retired_on else ""
        print(
            f"{value.name[:40]:<40}  {value.upheld:>6}  {value.departed:>8}  {shown:<13}  "
            f"{value.status.label}{retired}"
        )
    print()
    for decision in audit.decisions:
        print(f"{decision.decided_on.isoformat()}  {decision.initiative_name}: {decision.title}")
        if decision.decided_by:
            print(f"    decided by: {decision.decided_by}")
        if decision.pressure:
            print(f"    pressure: {decision.pressure}")
        if decision.departed:
            print(f"    departed from: {', '.join(decision.departed)}")
        if decision.upheld:
            print(f"    upheld: {', '.join(decision.upheld)}")
        print(f"    actual logic: {decision.actual_logic}")
        print(f"    cost of the decision not made: {decision.cost_of_decision_not_made}")
        if decision.argued_by:
            print(f"    would have argued otherwise: {decision.argued_by}")
    return 0
