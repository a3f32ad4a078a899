"""Errors as types: each carries a message a user can act on, shown as is by the UI and CLI."""

from __future__ import annotations


class AviError(Exception):
    """Base of every error whose message is meant for the user."""

    @property
    def message(self) -> str:
        return str(self)


class PortfolioError(AviError):
    """The portfolio file cannot be opened, read or written as asked."""


class PassphraseError(PortfolioError):
    """The portfolio is encrypted and the passphrase is missing or wrong."""


class PortfolioLockedError(PortfolioError):
    """Another process has the portfolio open for writing."""


class SchemaTooNewError(PortfolioError):
    """The portfolio was written by a newer version of the application."""


class ReadOnlyError(PortfolioError):
    """A write was attempted on a portfolio or assessment that is read-only."""


class ValidationError(AviError):
    """Input that breaks a rule (a required field, a score out of range, ...)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class InstrumentError(AviError):
    """An instrument file is malformed; the message names the file and the offending key."""


class PackError(AviError):
    """A response pack is malformed, tampered with or does not match its assessment."""


class ExportError(AviError):
    """An output file could not be written (unwritable folder, full disk, ...)."""
