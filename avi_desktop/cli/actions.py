"""``actions``, ``action add`` and ``action update``: follow-up actions on the command line.

Every change goes through the store, so each one is in the audit trail like a change made in
the window.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from avi_desktop.cli.common import (
    SHORT_ID,
    add_passphrase_option,
    clip,
    match_id,
    open_for,
    open_store,
    print_json,
)
from avi_desktop.model.domain import ActionStatus, Imperative
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.follow_up import action_items
from avi_desktop.model.queries import portfolio_rows

_IMPERATIVES = ", ".join(i.value for i in Imperative)
_STATUSES = ", ".join(s.value for s in ActionStatus)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = subparsers.add_parser("actions", help="list follow-up actions, overdue first")
    listing.add_argument("path", type=Path, metavar="PATH", help="portfolio file")
    listing.add_argument("--initiative", metavar="ID", help="only this initiative's actions")
    listing.add_argument(
        "--overdue", action="store_true", help="only actions past their due date, not done"
    )
    listing.add_argument("--json", action="store_true", help="print JSON (see docs/formats.md)")
    add_passphrase_option(listing)
    listing.set_defaults(func=_actions)

    action = subparsers.add_parser("action", help="add or change a follow-up action")
    verbs = action.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", help="add an action to an initiative; prints its id")
    add.add_argument("path", type=Path, metavar="PATH", help="portfolio file")
    add.add_argument("--initiative", required=True, metavar="ID", help="initiative id")
    add.add_argument("--title", required=True, metavar="TEXT", help="what is to be done")
    add.add_argument("--imperative", required=True, metavar="KEY", help=f"one of: {_IMPERATIVES}")
    add.add_argument("--owner", default="", metavar="NAME", help="who does it")
    add.add_argument("--due", metavar="YYYY-MM-DD", help="when it is due")
    add.add_argument("--detail", default="", metavar="TEXT", help="a note")
    add_passphrase_option(add)
    add.set_defaults(func=_add)

    update = verbs.add_parser("update", help="change an action's status, owner or due date")
    update.add_argument("path", type=Path, metavar="PATH", help="portfolio file")
    update.add_argument("--action", required=True, metavar="ID", help="action id (or prefix)")
    update.add_argument("--status", metavar="STATUS", help=f"one of: {_STATUSES}")
    update.add_argument("--owner", metavar="NAME", help="who does it")
    update.add_argument("--due", metavar="YYYY-MM-DD", help="when it is due")
    update.add_argument("--title", metavar="TEXT", help="what is to be done")
    update.add_argument("--detail", metavar="TEXT", help="a note")
    add_passphrase_option(update)
    update.set_defaults(func=_update)


def _actions(args: argparse.Namespace) -> int:
    with open_for(args) as store:
        names = {row.id: row.name for row in portfolio_rows(store)}
        items = action_items(store.actions(args.initiative), names, date.today())
    if args.overdue:
        items = [item for item in items if item.overdue]
    if args.json:
        print_json([item.to_json() for item in items])
        return 0
    for item in items:
        due = "no date   " if item.due_on is None else item.due_on.isoformat()
        flag = "OVERDUE  " if item.overdue else f"{item.status.label:<9}"
        print(
            f"{item.id[:SHORT_ID]}  {due}  {flag}  {clip(item.initiative_name, 28):<28}  "
            f"{item.title}" + (f" ({item.owner})" if item.owner else "")
        )
    overdue = sum(item.overdue for item in items)
    print(f"\n{len(items)} action{'s' if len(items) != 1 else ''}, {overdue} overdue")
    return 0


def _add(args: argparse.Namespace) -> int:
    with open_for(args, read_only=False) as store:
        new_id = store.add_action(
            args.initiative,
            imperative=args.imperative,
            title=args.title,
            owner=args.owner,
            due_on=args.due,
            detail=args.detail,
        )
    print(new_id)
    return 0


def _update(args: argparse.Namespace) -> int:
    changes = {
        name: value
        for name, value in (
            ("status", args.status),
            ("owner", args.owner),
            ("due_on", args.due),
            ("title", args.title),
            ("detail", args.detail),
        )
        if value is not None
    }
    if not changes:
        raise ValidationError(
            "Nothing to change; give --status, --owner, --due, --title or --detail."
        )
    with open_store(args.path, read_only=False, passphrase_file=args.passphrase_file) as store:
        action = match_id(args.action, [a.id for a in store.actions()], "action", "actions")
        store.update_action(action, **changes)
    print(f"Updated action {action[:SHORT_ID]}: {', '.join(sorted(changes))}")
    return 0
