"""A change the store refuses leaves the portfolio ready for the next one.

The first change of a session creates the connection's temporary triggers inside its own
transaction; a refusal rolls them back with everything else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from avi_desktop.model.errors import ValidationError
from avi_desktop.model.store import PortfolioStore


@pytest.mark.parametrize("refusals", [1, 3])
def test_a_refused_first_write_does_not_break_the_next(tmp_path: Path, refusals: int) -> None:
    path = tmp_path / "p.avip"
    with PortfolioStore.create(path, organisation="Northwind") as store:
        store.add_stated_value("Fairness")
    with PortfolioStore.open(path) as store:
        for _ in range(refusals):
            with pytest.raises(ValidationError):
                store.add_stated_value("Fairness")
        first = store.add_initiative(name="Claims triage", stage="pilot")
        store.update_initiative(first, name="Claims triage assistant")
        with pytest.raises(ValidationError):
            store.add_stated_value("Fairness")  # refused again after a successful write
        second = store.add_initiative(name="Fraud signals")
        assert store.get_initiative(first).name == "Claims triage assistant"
        assert {first, second} <= set(store.cached_scores())  # the cache followed
        report = store.verify()
        assert report.ok, report
    with PortfolioStore.open(path) as store:
        assert set(store.initiative_ids()) == {first, second}
        assert store.verify().ok
