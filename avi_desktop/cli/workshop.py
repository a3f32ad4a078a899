"""``workshop create|export-packs|close``, ``import-responses`` and ``import-answers``.

A workshop by files: participants from CSV, one response pack per participant out and back in,
answers typed from paper read from the answers CSV, and closing the assessment when done.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from avi_desktop.cli.common import (
    SHORT_ID,
    add_portfolio_arguments,
    open_for,
    print_json,
)
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.store import PortfolioStore


def _writable(args: argparse.Namespace) -> PortfolioStore:
    """Open ``args.path`` for writing, with ``--initiative``/``--assessment`` made full ids."""
    return open_for(args, read_only=False)


def _a_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from exc


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    workshop = subparsers.add_parser(
        "workshop", help="a workshop by files: create it, export response packs, close it"
    )
    actions = workshop.add_subparsers(dest="workshop_command", metavar="ACTION", required=True)

    create = actions.add_parser(
        "create", help="a workshop assessment with its participants from a CSV file"
    )
    add_portfolio_arguments(create)
    create.add_argument("--initiative", required=True, metavar="ID", help="initiative id")
    create.add_argument("--title", required=True, metavar="TEXT", help="the workshop's title")
    create.add_argument(
        "--participants",
        required=True,
        type=Path,
        metavar="FILE.csv",
        help="CSV with the header name,role,stakeholder_group",
    )
    create.add_argument("--date", type=_a_date, metavar="YYYY-MM-DD", help="default: today")
    create.add_argument("--json", action="store_true", help='print {"id": ...}')
    create.set_defaults(func=_create)

    export = actions.add_parser(
        "export-packs", help="one blank response pack (.json) per participant into a folder"
    )
    add_portfolio_arguments(export)
    export.add_argument("--assessment", required=True, metavar="ID", help="assessment id")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    export.set_defaults(func=_export_packs)

    close = actions.add_parser("close", help="close an assessment: read-only from then on")
    add_portfolio_arguments(close)
    close.add_argument("--assessment", required=True, metavar="ID", help="assessment id")
    close.set_defaults(func=_close)

    reopen = actions.add_parser(
        "reopen", help="reopen a closed assessment for answers (recorded with its reason)"
    )
    add_portfolio_arguments(reopen)
    reopen.add_argument("--assessment", required=True, metavar="ID", help="assessment id")
    reopen.add_argument(
        "--reason", required=True, metavar="TEXT", help="why it is reopened (kept in the trail)"
    )
    reopen.set_defaults(func=_reopen)

    responses = subparsers.add_parser(
        "import-responses", help="import filled-in response packs, each whole or not at all"
    )
    add_portfolio_arguments(responses)
    responses.add_argument("packs", nargs="+", type=Path, metavar="PACK", help="pack files")
    responses.add_argument(
        "--replace",
        action="store_true",
        help="replace the answers of participants who have already answered differently",
    )
    responses.add_argument("--assessment", metavar="ID", help="take only packs of this assessment")
    responses.set_defaults(func=_import_responses)

    answers = subparsers.add_parser(
        "import-answers", help="read an answers CSV (as export-answers writes) into an assessment"
    )
    add_portfolio_arguments(answers)
    answers.add_argument("--assessment", required=True, metavar="ID", help="assessment id")
    answers.add_argument("file", type=Path, metavar="FILE.csv")
    answers.add_argument(
        "--from-other-assessment",
        action="store_true",
        help="copy the answers of a file exported from another assessment (matched by name)",
    )
    answers.set_defaults(func=_import_answers)


def _create(args: argparse.Namespace) -> int:
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.participants import create_workshop, read_participants

    participants = read_participants(args.participants)
    with _writable(args) as store:
        created = create_workshop(
            store,
            args.initiative,
            title=args.title,
            participants=participants,
            instrument=bundled_instrument(),
            assessed_on=args.date,
        )
    if args.json:
        print_json({"id": created, "participants": len(participants)})
    else:
        print(created)
    return 0


def _export_packs(args: argparse.Namespace) -> int:
    from avi_desktop.model.packs import export_packs

    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        raise ValidationError(f"{folder} is a file; give a folder for the packs.")
    folder.mkdir(exist_ok=True)
    with open_for(args) as store:
        written = export_packs(store, args.assessment, folder)
    for path in written:
        print(path)
    print(f"Wrote {len(written)} response pack{'s' if len(written) != 1 else ''} to {folder}")
    return 0


def _close(args: argparse.Namespace) -> int:
    from avi_desktop.model.domain import AssessmentStatus

    with _writable(args) as store:
        store.set_assessment_status(args.assessment, AssessmentStatus.CLOSED)
    print(f"Closed assessment {args.assessment[:SHORT_ID]}; it is read-only from now on.")
    return 0


def _reopen(args: argparse.Namespace) -> int:
    with _writable(args) as store:
        store.reopen_assessment(args.assessment, args.reason)
    print(f"Reopened assessment {args.assessment[:SHORT_ID]}; it accepts answers again.")
    return 0


def _import_responses(args: argparse.Namespace) -> int:
    from avi_desktop.model.packs import import_packs

    with _writable(args) as store:
        report = import_packs(
            store, args.packs, replace=args.replace, assessment_id=args.assessment
        )
    for done in report.imported:
        print(f"imported  {done.path}: {done.respondent} ({done.outcome})")
    for refused in report.rejected:
        print(f"rejected  {refused.path}: {refused.reason}")
        if refused.already_answered:
            print("          (give --replace to replace their earlier answers)")
    print(f"{len(report.imported)} imported, {len(report.rejected)} rejected")
    return 0 if report.ok else 1


def _import_answers(args: argparse.Namespace) -> int:
    from avi_desktop.model.participants import import_answers

    with _writable(args) as store:
        outcomes = import_answers(
            store, args.assessment, args.file, from_other_assessment=args.from_other_assessment
        )
    counts = {name: outcomes.count(name) for name in ("added", "replaced", "unchanged")}
    shown = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    print(f"Read the answers of {len(outcomes)} respondents from {args.file} ({shown})")
    return 0
