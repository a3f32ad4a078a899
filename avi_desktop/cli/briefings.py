"""``brief``, ``paper``, ``workshop-summary`` and ``questionnaire``: the PDF briefings.

The same overview functions and report writers the window uses; this module only reads the
options, opens the portfolio read-only and prints the files written. The PDF password is read
from a file or the environment, never from the command line, where other users could see it.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from avi_desktop.cli import collector
from avi_desktop.cli.common import add_passphrase_option, add_portfolio_arguments
from avi_desktop.model.domain import DEFAULT_CLASSIFICATION
from avi_desktop.model.errors import ExportError, ValidationError

if TYPE_CHECKING:
    from avi_desktop.model.instrument import Instrument
    from avi_desktop.reports.options import BriefingOptions

PASSWORD_ENV = "AVI_PDF_PASSWORD"
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the four briefing subcommands."""
    brief = subparsers.add_parser(
        "brief",
        help="write an initiative briefing (PDF)",
        description="Write the confidential briefing of one initiative: a one-page summary "
        "for directors, then the layer table, patterns, actions, history and every item.",
    )
    add_portfolio_arguments(brief)
    brief.add_argument("--initiative", required=True, metavar="ID", help="initiative id")
    _common(brief)
    brief.set_defaults(func=_brief)

    paper = subparsers.add_parser(
        "paper",
        help="write the portfolio committee paper (PDF)",
        description="Write the committee paper on the whole portfolio. Progress goes to stderr.",
    )
    add_portfolio_arguments(paper)
    _common(paper)
    paper.set_defaults(func=_paper)

    workshop = subparsers.add_parser(
        "workshop-summary",
        help="write a workshop summary (PDF)",
        description="Write the agreement statistics, dispersion chart, the most disputed items "
        "and the stakeholder split of one assessment.",
    )
    add_portfolio_arguments(workshop)
    workshop.add_argument("--assessment", required=True, metavar="ID", help="assessment id")
    _common(workshop)
    workshop.set_defaults(func=_workshop)

    blank = subparsers.add_parser(
        "questionnaire",
        help="write the blank questionnaire for scoring on paper (PDF)",
        description="Write the printable questionnaire: a respondent box, then every item of "
        "every layer with its five anchors and boxes to tick. For an assessment (PATH and "
        "--assessment), the statements of the instrument version it was created with.",
    )
    blank.add_argument(
        "path", type=Path, nargs="?", metavar="PATH", help="portfolio file (with --assessment)"
    )
    add_passphrase_option(blank)
    blank.add_argument(
        "--assessment", metavar="ID", help="the assessment (e.g. a workshop) to print it for"
    )
    blank.add_argument(
        "--instrument", type=Path, metavar="FILE", help="instrument file (default: bundled)"
    )
    _common(blank)
    blank.set_defaults(func=_questionnaire)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="PDF to write; with --recipient, one FILE-STEM-<name>.pdf per recipient",
    )
    parser.add_argument(
        "--classification",
        default="",
        metavar="TEXT",
        help=f"label on every page (default: the portfolio's, else {DEFAULT_CLASSIFICATION})",
    )
    parser.add_argument("--watermark", metavar="TEXT", help="diagonal watermark on every page")
    parser.add_argument(
        "--recipient",
        action="append",
        default=[],
        metavar="NAME",
        help="write a numbered copy for NAME (repeat for each recipient)",
    )
    parser.add_argument(
        "--password-file",
        type=Path,
        metavar="FILE",
        help=f"encrypt with the password on FILE's first line (or set {PASSWORD_ENV})",
    )
    parser.add_argument(
        "--allow-print",
        action="store_true",
        help="let the reader of a password-protected copy print it (copying and changes stay "
        "restricted)",
    )
    parser.add_argument(
        "--deterministic",
        action="store_true",
        help="same input, same bytes (fixed dates and document ids; the date printed is "
        "today's, or SOURCE_DATE_EPOCH's when set)",
    )
    parser.add_argument("--prepared-by", default="", metavar="TEXT", help="document control")
    parser.add_argument("--doc-version", default="1.0", metavar="TEXT", help="document version")
    parser.add_argument("--distribution", default="", metavar="TEXT", help="document control")


def read_password(file: Path | None) -> str | None:
    """The PDF password from the first line of ``file``, else from AVI_PDF_PASSWORD."""
    if file is None:
        return os.environ.get(PASSWORD_ENV) or None
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ExportError(f"Cannot read the password file {file}: {exc.strerror or exc}.") from exc
    if not lines or not lines[0]:
        raise ValidationError(f"{file} is empty; put the PDF password on its first line.")
    return lines[0]


def options_from(args: argparse.Namespace) -> BriefingOptions:
    """BriefingOptions from the command-line arguments."""
    from avi_desktop.reports.options import BriefingOptions

    if args.output.suffix.lower() != ".pdf":
        raise ValidationError(f"Briefings are PDF files; end '{args.output.name}' with .pdf.")
    recipients = tuple(name.strip() for name in args.recipient if name.strip())
    password = read_password(args.password_file)
    if args.allow_print and password is None:
        raise ValidationError(
            "--allow-print applies to a password-protected copy; add --password-file FILE "
            f"(or set {PASSWORD_ENV}), or leave --allow-print out: without a password anyone "
            "can print the file."
        )
    return BriefingOptions(
        today=date_printed(deterministic=args.deterministic),
        classification=args.classification,
        watermark=args.watermark or None,
        recipients=recipients,
        password=password,
        allow_print=args.allow_print,
        deterministic=args.deterministic,
        prepared_by=args.prepared_by,
        version=args.doc_version,
        distribution=args.distribution,
    )


def with_head(options: BriefingOptions, head: str) -> BriefingOptions:
    """The options with the portfolio's audit-trail head, printed in the document control."""
    from dataclasses import replace

    return replace(options, audit_head=head)


def date_printed(*, deterministic: bool) -> date | None:
    """The date to print: SOURCE_DATE_EPOCH's day in deterministic mode when it is set.

    A deterministic briefing otherwise prints today's date, so it is byte-identical only for
    builds on the same day; reproducible-build tools set SOURCE_DATE_EPOCH to pin it.
    """
    value = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not deterministic or not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), tz=UTC).date()
    except (ValueError, OverflowError, OSError) as exc:
        raise ValidationError(
            f"{SOURCE_DATE_EPOCH} must be a whole number of seconds since 1970, not '{value}'."
        ) from exc


def _print_paths(paths: list[Path]) -> int:
    for path in paths:
        print(path)
    return 0


def _stderr_progress(done: int, total: int, message: str) -> None:
    print(f"[{done}/{total}] {message}", file=sys.stderr, flush=True)


def _brief(args: argparse.Namespace) -> int:
    # One initiative's briefing makes little garbage: no collection while it is written.
    with collector.paused():
        return _write_brief(args)


def _write_brief(args: argparse.Namespace) -> int:
    from avi_desktop.cli.common import open_for
    from avi_desktop.model.errors import InstrumentError
    from avi_desktop.model.overview import initiative_overview, instrument_for
    from avi_desktop.reports import write_initiative_brief

    options = options_from(args)
    with open_for(args) as store:
        view = initiative_overview(store, args.initiative)
        settings = store.settings()
        options = with_head(options, store.chain_head())
    # Without the assessment's own instrument the item appendix prints ids without wording.
    instrument: Instrument | None = None
    if view.latest is not None:
        with contextlib.suppress(InstrumentError):
            instrument = instrument_for(view.latest.instrument_id, view.latest.instrument_version)
    return _print_paths(write_initiative_brief(view, settings, instrument, args.output, options))


def _paper(args: argparse.Namespace) -> int:
    from avi_desktop.cli.common import open_for
    from avi_desktop.model.layer_results import cached_portfolio_overview
    from avi_desktop.model.values_audit import portfolio_values_audit
    from avi_desktop.reports import portfolio as paper  # imported before the heap is frozen

    options = options_from(args)

    def scoring(done: int, total: int) -> None:
        if done == total or done % max(50, total // 4) == 0:
            _stderr_progress(done, total, "Scoring initiatives")

    # What exists now (the modules) and the portfolio once read live until the paper is
    # written: frozen, the cyclic collector's full passes stop walking them again and again
    # (about a tenth of a 500-initiative paper's time). Unfrozen after, for a caller in-process.
    gc.freeze()
    try:
        with open_for(args) as store:
            # The cached layer results when they are current, else every initiative scored.
            portfolio = cached_portfolio_overview(store, progress=scoring)
            settings, actions = store.settings(), store.actions()
            values = portfolio_values_audit(store)
            options = with_head(options, store.chain_head())
        gc.freeze()
        paths = paper.write_portfolio_paper(
            portfolio, settings, args.output, options, _stderr_progress, actions=actions,
            values=values,
        )  # fmt: skip
    finally:
        gc.unfreeze()
    return _print_paths(paths)


def _workshop(args: argparse.Namespace) -> int:
    from avi_desktop.cli.common import open_for
    from avi_desktop.model.overview import evaluate_assessment, instrument_for
    from avi_desktop.reports import write_workshop_summary

    options = options_from(args)
    with open_for(args) as store:
        assessment = store.get_assessment(args.assessment)
        initiative = store.get_initiative(assessment.initiative_id)
        result = evaluate_assessment(store, args.assessment)
        settings = store.settings()
        options = with_head(options, store.chain_head())
    instrument = instrument_for(assessment.instrument_id, assessment.instrument_version)
    groups = {r.id: r.stakeholder_group for r in assessment.respondents}
    paths = write_workshop_summary(
        result,
        assessment,
        instrument,
        args.output,
        options,
        initiative_name=initiative.name,
        groups=groups,
        settings=settings,
    )
    return _print_paths(paths)


def _questionnaire(args: argparse.Namespace) -> int:
    from avi_desktop.model.instrument import bundled_instrument, load_instrument
    from avi_desktop.reports import write_questionnaire

    options = options_from(args)
    if (args.path is None) != (args.assessment is None):
        raise ValidationError("Give both the portfolio file and --assessment, or neither.")
    if args.assessment is not None and args.instrument is not None:
        raise ValidationError(
            "--instrument and --assessment exclude each other: an assessment is answered on "
            "the instrument it was created with."
        )
    if args.assessment is not None:
        instrument = _assessment_instrument(args)
    elif args.instrument:
        instrument = load_instrument(args.instrument)
    else:
        instrument = bundled_instrument()
    return _print_paths(write_questionnaire(instrument, args.output, options))


def _assessment_instrument(args: argparse.Namespace) -> Instrument:
    """The instrument version the assessment was created with (a workshop on 1.0 prints 1.0)."""
    from avi_desktop.cli.common import open_for
    from avi_desktop.model.overview import instrument_for

    with open_for(args) as store:
        assessment = store.get_assessment(args.assessment)
    return instrument_for(assessment.instrument_id, assessment.instrument_version)
