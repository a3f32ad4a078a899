"""What the subcommands share: opening a portfolio with its passphrase, and writing JSON."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from avi_desktop.model.errors import PassphraseError, PortfolioError
from avi_desktop.model.store import PortfolioStore

PASSPHRASE_ENV = "AVI_PASSPHRASE"


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

    if not path.exists():
        raise PortfolioError(f"{path} does not exist; check the path.")
    passphrase = read_secret(passphrase_file, PASSPHRASE_ENV)
    if is_encrypted(path) and passphrase is None:
        raise PassphraseError(
            f"{path} is encrypted; give its passphrase with --passphrase-file FILE "
            f"or the {PASSPHRASE_ENV} environment variable."
        )
    return PortfolioStore.open(path, passphrase=passphrase, read_only=read_only)


def open_store_read_only(path: Path) -> PortfolioStore:
    return open_store(path, read_only=True)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
