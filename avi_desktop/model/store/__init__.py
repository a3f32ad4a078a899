"""``PortfolioStore``: the one service layer every read and write of a portfolio goes through.

Every public write is one transaction that also appends one audit event, so the file never holds
a change without its record. Bad input raises an ``AviError`` subclass whose message a user can
act on. Reads return detached ORM objects with their relationships loaded (safe to use after the
session has closed) or result dataclasses; callers never open sessions.

The store is built from parts that share ``base.StoreBase._change``, the one write path:
``initiatives``, ``assessments`` (necessity, assessments, respondents, answers), ``actions``,
``values`` (stated values and decisions), ``settings`` and ``trail`` (audit events, verification,
passphrase). ``fields`` types and checks initiative and action fields; ``validation`` holds the
checks themselves.
"""

from avi_desktop.model.domain import DEFAULT_CLASSIFICATION
from avi_desktop.model.store.assessments import response_sets_of
from avi_desktop.model.store.fields import ActionFields, InitiativeFields
from avi_desktop.model.store.portfolio import PortfolioStore
from avi_desktop.model.store.settings import DEFAULT_INSTRUMENT_ID, PortfolioSettings

__all__ = [
    "DEFAULT_CLASSIFICATION",
    "DEFAULT_INSTRUMENT_ID",
    "ActionFields",
    "InitiativeFields",
    "PortfolioSettings",
    "PortfolioStore",
    "response_sets_of",
]
