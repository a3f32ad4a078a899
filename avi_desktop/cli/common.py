"""What the subcommands share: opening a portfolio with its passphrase, and writing JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from avi_desktop.model.errors import PortfolioError
from avi_desktop.model.store import PortfolioStore

PASSPHRASE_ENV = "AVI_PASSPHRASE"
SHORT_ID = 8  # characters of an id shown in listings; any unique prefix of 4 or more is accepted


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    """``--passphrase-file``, the one way every command takes a portfolio's passphrase."""
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help=f"read the passphrase from the first line of FILE (or set {PASSPHRASE_ENV})",
    )


def add_portfolio_arguments(parser: argparse.ArgumentParser) -> None:
    """The portfolio file (``PATH``) and its passphrase option, as every portfolio command takes."""
    parser.add_argument("path", type=Path, metavar="PATH", help="portfolio file")
    add_passphrase_option(parser)


def read_secret(file: Path | None, env: str) -> str | None:
    """A secret from the first line of ``file``, else from the environment; never from argv."""
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise PortfolioError(f"Cannot read {file}: {exc.strerror or exc}.") from exc
        first = text.splitlines()[0] if text else ""
        if not first:
            raise PortfolioError(f"{file} is empty; put the passphrase on its first line.")
        return first
    return os.environ.get(env) or None


def open_store(
    path: Path, *, read_only: bool = True, passphrase_file: Path | None = None
) -> PortfolioStore:
    """Open a portfolio for a command, asking for the passphrase only if it is encrypted."""
    from avi_desktop.model.database import is_encrypted
    from avi_desktop.model.file_check import passphrase_needed

    if not path.exists():
        raise PortfolioError(f"{path} does not exist; check the path.")
    passphrase = read_secret(passphrase_file, PASSPHRASE_ENV)
    if is_encrypted(path) and passphrase is None:
        raise passphrase_needed(
            path,
            f"if it is encrypted, give its passphrase with --passphrase-file FILE "
            f"or the {PASSPHRASE_ENV} environment variable",
        )
    return PortfolioStore.open(path, passphrase=passphrase, read_only=read_only)


def open_for(args: argparse.Namespace, *, read_only: bool = True) -> PortfolioStore:
    """Open ``args.path`` (read-only unless asked), with ``--initiative``/``--assessment``
    made full ids."""
    store = open_store(args.path, read_only=read_only, passphrase_file=args.passphrase_file)
    try:
        resolve_ids(store, args)
    except BaseException:
        store.close()
        raise
    return store


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def match_id(given: str, ids: Sequence[str], what: str, listing: str) -> str:
    """The id ``given`` names: itself, or the one id it is a unique prefix of.

    Ids are UUIDs; nobody types 36 characters, so the listings show the first eight and any
    unambiguous prefix of at least four is accepted, as in version-control tools.
    """
    wanted = given.strip().lower()
    if wanted in ids:
        return wanted
    found = [i for i in ids if i.startswith(wanted)] if len(wanted) >= 4 else []
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        shown = ", ".join(i[:SHORT_ID] for i in found[:5])
        raise PortfolioError(
            f"'{given}' matches more than one {what} ({shown}); give more of the id."
        )
    raise PortfolioError(
        f"There is no {what} with id {given} in this portfolio; list them with "
        f"'avi-desktop {listing} PATH'."
    )


def resolve_ids(store: PortfolioStore, args: argparse.Namespace) -> None:
    """Replace ``--initiative`` and ``--assessment`` values, which may be prefixes, by full ids."""
    if getattr(args, "initiative", None):
        args.initiative = match_id(
            args.initiative, store.initiative_ids(), "initiative", "initiatives"
        )
    if getattr(args, "assessment", None):
        args.assessment = match_id(
            args.assessment, store.assessment_ids(), "assessment", "assessments"
        )


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when something was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
