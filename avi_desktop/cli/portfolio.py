"""Portfolio files on the command line: init, demo, upgrade, initiatives, verify, self-test.

Passphrases come from ``--passphrase-file`` or the AVI_PASSPHRASE environment variable, never
from the command line, where other users of the machine could read them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from avi_desktop.cli.common import PASSPHRASE_ENV, SHORT_ID, add_passphrase_option, clip
from avi_desktop.model.domain import DEFAULT_CLASSIFICATION
from avi_desktop.model.errors import AviError, PassphraseError, PortfolioError
from avi_desktop.model.portfolio_files import disk_full, disk_full_message

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's subcommands to the ``avi-desktop`` parser."""
    init = subparsers.add_parser("init", help="create a new, empty portfolio file")
    init.add_argument("path", type=Path, metavar="PATH", help="the new file (.avip)")
    init.add_argument("--organisation", default="", metavar="NAME", help="organisation name")
    init.add_argument(
        "--classification",
        default=DEFAULT_CLASSIFICATION,
        metavar="LABEL",
        help="classification label",
    )
    init.add_argument(
        "--currency",
        default="",
        metavar="CODE",
        help="what investments are in when the KPI names no currency: GBP, EUR, USD, £ …",
    )
    init.add_argument("--encrypt", action="store_true", help="encrypt the file with a passphrase")
    add_passphrase_option(init)
    init.add_argument("--force", action="store_true", help="replace an existing file")
    init.set_defaults(func=_init)

    demo = subparsers.add_parser("demo", help="write the demo portfolio")
    demo.add_argument("path", type=Path, metavar="PATH", help="the new file (.avip)")
    demo.add_argument("--force", action="store_true", help="replace an existing file")
    demo.set_defaults(func=_demo)

    upgrade = subparsers.add_parser(
        "upgrade", help="bring a portfolio written by an older version up to date (backup first)"
    )
    upgrade.add_argument("path", type=Path, metavar="PATH", help="portfolio file")
    add_passphrase_option(upgrade)
    upgrade.set_defaults(func=_upgrade)

    listing = subparsers.add_parser("initiatives", help="list the initiatives of a portfolio")
    listing.add_argument("path", type=Path, metavar="PATH", help="portfolio file")
    listing.add_argument("--json", action="store_true", help="print JSON (see docs/)")
    add_passphrase_option(listing)
    listing.set_defaults(func=_initiatives)

    verify = subparsers.add_parser(
        "verify",
        help="check the file's integrity, its audit trail's hash chain and every record "
        "against its latest event; print the chain head",
    )
    verify.add_argument("path", type=Path, metavar="PATH", help="portfolio file")
    verify.add_argument(
        "--expect-head",
        metavar="HEAD",
        help="a chain head printed earlier (e.g. on a briefing: 123:1a2b3c4d5e6f7a8b); "
        "fails when that event is gone or different",
    )
    verify.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")
    verify.add_argument(
        "--repair-cache",
        action="store_true",
        help="then recompute the cached scores the table shows (derived data, never audited)",
    )
    add_passphrase_option(verify)
    verify.set_defaults(func=_verify)

    selftest = subparsers.add_parser(
        "self-test", help="a full round trip in a temporary folder, to check an installation"
    )
    selftest.set_defaults(func=_self_test)


def _passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase from --passphrase-file, else from the environment, else None."""
    file: Path | None = getattr(args, "passphrase_file", None)
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise PassphraseError(
                f"Cannot read the passphrase file {file} ({exc.strerror})."
            ) from exc
        if not lines or not lines[0]:
            raise PassphraseError(f"{file} is empty; put the passphrase on its first line.")
        return lines[0]
    return os.environ.get(PASSPHRASE_ENV) or None


def _checked_passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase for ``args.path``; refused early when the file is encrypted and has none."""
    from avi_desktop.model.database import is_encrypted
    from avi_desktop.model.file_check import passphrase_needed

    path: Path = args.path
    passphrase = _passphrase(args)
    if path.is_file() and is_encrypted(path) and passphrase is None:
        raise passphrase_needed(
            path,
            f"if it is encrypted, give its passphrase with --passphrase-file FILE "
            f"or the {PASSPHRASE_ENV} environment variable",
        )
    return passphrase


def _open(args: argparse.Namespace) -> PortfolioStore:
    from avi_desktop.model.store import PortfolioStore

    return PortfolioStore.open(args.path, passphrase=_checked_passphrase(args), read_only=True)


def _check_target(path: Path, force: bool) -> None:
    """Refuse to replace an existing file unless --force, and never one open elsewhere."""
    from avi_desktop.model.database import ensure_not_open

    if not path.exists():
        return
    if not force:
        raise PortfolioError(f"{path} already exists; choose another name or add --force.")
    if path.is_dir():
        raise PortfolioError(f"{path} is a folder; choose a file name.")
    ensure_not_open(path)


def _make_room(path: Path, force: bool) -> None:
    """Clear the way for a new file at ``path`` (see ``_check_target``)."""
    from avi_desktop.model.database import remove_file

    _check_target(path, force)
    if path.exists():
        remove_file(path)


def _init(args: argparse.Namespace) -> int:
    from avi_desktop.model.store import PortfolioStore

    if args.passphrase_file is not None and not args.encrypt:
        raise PassphraseError("A passphrase file was given without --encrypt; add --encrypt.")
    passphrase = _passphrase(args) if args.encrypt else None
    if args.encrypt and passphrase is None:
        raise PassphraseError(
            f"--encrypt needs a passphrase: give --passphrase-file FILE or set {PASSPHRASE_ENV}."
        )
    from avi_desktop.model.store.settings import checked_currency

    currency = checked_currency(args.currency)  # refused before any file is made
    _make_room(args.path, args.force)
    with PortfolioStore.create(
        args.path,
        passphrase=passphrase,
        organisation=args.organisation,
        classification=args.classification,
    ) as store:
        if currency:
            store.update_settings(currency=currency)
        kind = "encrypted portfolio" if store.encrypted else "portfolio"
        print(f"Created {kind} {store.path}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    """Build beside the target and move it into place: a failed build keeps the old file."""
    from avi_desktop.model.demo import build_demo

    _check_target(args.path, args.force)
    if not args.path.parent.is_dir():
        raise PortfolioError(
            f"The folder {args.path.parent} does not exist. Choose a folder you can write to."
        )
    try:
        with tempfile.TemporaryDirectory(prefix=".demo-", dir=args.path.parent) as folder:
            built = Path(folder) / args.path.name
            build_demo(built)
            _make_room(args.path, args.force)
            os.replace(built, args.path)
    except (AviError, OSError) as exc:
        if disk_full(exc, args.path.parent):  # the temporary folder and everything in it are gone
            raise PortfolioError(disk_full_message(args.path)) from exc
        raise
    print(f"Wrote the demo portfolio to {args.path}")
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    """Migrate the file to this version's schema; ``open_database`` writes the backup first."""
    from avi_desktop.model.database import known_revisions, open_database

    database = open_database(args.path, passphrase=_checked_passphrase(args))
    before, backup = database.revision_opened, database.backup
    database.close()
    head, _ = known_revisions()
    if before == head:
        print(f"{args.path} is already at revision {head}; nothing was changed.")
        return 0
    print(f"Upgraded {args.path} from schema revision {before} to {head}.")
    print(f"The file as it was is kept in {backup}")
    return 0


def _stage_histories(store: PortfolioStore) -> dict[str, list[dict[str, str]]]:
    """Each initiative's earlier stages as stored (``{"stage", "since"}``, oldest first)."""
    from sqlalchemy import select

    from avi_desktop.model.entities import Initiative

    with store.engine.connect() as conn:
        rows = conn.execute(select(Initiative.id, Initiative.stage_history)).all()
    return {
        row.id: [{"stage": str(e["stage"]), "since": str(e["since"])} for e in row.stage_history]
        for row in rows
    }


def _initiatives(args: argparse.Namespace) -> int:
    from avi_desktop.model.queries import portfolio_rows
    from avi_desktop.model.realised_value import value_columns

    with _open(args) as store:
        rows = portfolio_rows(store)
        values = value_columns(store) if args.json else {}
        histories = _stage_histories(store) if args.json else {}
    if args.json:
        listing = [
            {**row.to_json(), **values.get(row.id, {}), "stage_history": histories.get(row.id, [])}
            for row in rows
        ]
        json.dump(listing, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    header = ("Id", "Name", "Stage", "Since", "Business unit", "Owner", "Latest assessment")
    table = [
        (
            row.id[:SHORT_ID],
            row.name,
            row.stage.label,
            row.stage_since.isoformat(),
            row.business_unit,
            row.business_owner,
            row.latest_assessed_on.isoformat() if row.latest_assessed_on else "—",
        )
        for row in rows
    ]
    widths = [min(40, max([len(h)] + [len(r[i]) for r in table])) for i, h in enumerate(header)]
    for line in [header, *table]:
        cells = zip(line, widths, strict=True)
        print("  ".join(clip(cell, 40).ljust(width) for cell, width in cells).rstrip())
    print(f"\n{len(rows)} initiative{'s' if len(rows) != 1 else ''}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from avi_desktop.model.store import PortfolioStore

    passphrase = _checked_passphrase(args)
    with PortfolioStore.open(args.path, passphrase=passphrase, read_only=True) as store:
        report = store.verify(args.expect_head)
    if args.repair_cache:
        with PortfolioStore.open(args.path, passphrase=passphrase) as store:
            rebuilt = len(store.rebuild_score_cache())
        plural = "" if rebuilt == 1 else "s"
        print(f"Score cache rebuilt: {rebuilt} initiative{plural}.", file=sys.stderr)
    if args.json:
        json.dump(
            {
                "ok": report.ok,
                "events": report.events,
                "head": report.head,
                "first_bad_seq": report.first_bad_seq,
                "problem": report.problem,
                "findings": list(report.findings),
                "not_covered": report.not_covered,
            },
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        print()
        return 0 if report.ok else 1
    if report.ok:
        print(report.summary())
        return 0
    print(report.summary(), file=sys.stderr)
    for line in report.findings[1:]:
        print(f"  also: {line}", file=sys.stderr)
    if report.head:
        print(f"chain head: {report.head}", file=sys.stderr)
    return 1


# --------------------------------------------------------------------------- self-test


def _self_test(args: argparse.Namespace) -> int:
    """Exercise the whole data layer in a temporary folder; one line per step."""
    with tempfile.TemporaryDirectory(prefix="avi-self-test-") as folder:
        steps = _steps(Path(folder))
        for title, step in steps:
            try:
                step()
            except Exception as exc:  # a self-test reports any failure as one line
                reason = (
                    exc.message if isinstance(exc, AviError) else f"{type(exc).__name__}: {exc}"
                )
                raise PortfolioError(f"self-test failed at '{title}': {reason}") from exc
            print(f"ok  {title}")
    print("self-test passed")
    return 0


def _steps(folder: Path) -> list[tuple[str, Callable[[], None]]]:
    from avi_desktop.model.database import create_database, is_encrypted, known_revisions
    from avi_desktop.model.domain import AssessmentMode, AssessmentStatus, StakeholderGroup
    from avi_desktop.model.errors import PassphraseError, PortfolioLockedError
    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.queries import portfolio_rows
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.paths import resources_dir

    plain = folder / "self-test.avip"
    secret = folder / "self-test-encrypted.avip"
    older = folder / "self-test-older.avip"
    instrument = Instrument(
        id="self-test", version="1", title="Self-test", description="", layers=(), patterns={}
    )
    answers: dict[str, int | None] = {"TC-01": 4, "LA-01": 2, "OC-01": None, "ST-01": 5}

    def check(condition: bool, what: str) -> None:
        if not condition:
            raise PortfolioError(what)

    def resources() -> None:
        check(resources_dir().is_dir(), f"the resources folder {resources_dir()} is missing")

    def create() -> None:
        with PortfolioStore.create(plain, organisation="Self-test") as store:
            initiative = store.add_initiative(name="Claims triage", stage="pilot")
            assessment = store.create_assessment(
                initiative,
                title="Baseline",
                instrument=instrument,
                assessed_on=date(2026, 1, 15),
                mode=AssessmentMode.INDIVIDUAL,
            )
            respondent = store.add_respondent(assessment, name="P01", group=StakeholderGroup.CFOS)
            store.set_answers(respondent, answers)
            store.set_assessment_status(assessment, AssessmentStatus.CLOSED)

    def reopen() -> None:
        with PortfolioStore.open(plain) as store:
            rows = portfolio_rows(store)
            check(len(rows) == 1 and rows[0].name == "Claims triage", "initiative not read back")
            latest = rows[0].latest_assessment_id
            check(latest is not None, "latest assessment not found")
            assert latest is not None
            sets = store.response_sets(latest)
            check(len(sets) == 1 and dict(sets[0].answers) == answers, "answers not read back")
            check(store.settings().organisation == "Self-test", "settings not read back")

    def one_writer() -> None:
        with PortfolioStore.open(plain):
            try:
                PortfolioStore.open(plain).close()
            except PortfolioLockedError:
                pass
            else:
                raise PortfolioError("a second writer was let in")
            with PortfolioStore.open(plain, read_only=True) as reader:
                check(len(reader.initiative_ids()) == 1, "read-only open failed")

    def verify() -> None:
        with PortfolioStore.open(plain, read_only=True) as store:
            report = store.verify()
        check(report.ok and report.events == 6, f"verification: {report.summary()}")

    def migrate() -> None:
        head, revisions = known_revisions()
        first = revisions[0]
        create_database(older, revision=first).close()
        with PortfolioStore.open(older) as store:
            store.add_initiative(name="After upgrade")
        backups = list(folder.glob(f"{older.stem}.backup-*-rev{first}.avip"))
        check(head != first, "only one revision is known")
        check(len(backups) == 1, "no backup copy was written before upgrading")

    def encrypted() -> None:
        with PortfolioStore.create(secret, passphrase="first passphrase") as store:
            store.add_initiative(name="Fraud detection")
        check(is_encrypted(secret), "the encrypted file is readable without its passphrase")
        try:
            PortfolioStore.open(secret, passphrase="wrong").close()
        except PassphraseError:
            pass
        else:
            raise PortfolioError("a wrong passphrase was accepted")
        with PortfolioStore.open(secret, passphrase="first passphrase") as store:
            store.change_passphrase("second passphrase")
        with PortfolioStore.open(secret, passphrase="second passphrase") as store:
            check(len(store.initiative_ids()) == 1, "encrypted data not read back")
            check(store.verify().ok, "encrypted audit trail does not verify")

    return [
        ("resources present", resources),
        ("create a portfolio and record an assessment", create),
        ("reopen and read back", reopen),
        ("one writer at a time, readers alongside", one_writer),
        ("integrity check and audit chain", verify),
        ("upgrade an older file, backup first", migrate),
        ("encrypted round trip and passphrase change", encrypted),
    ]
