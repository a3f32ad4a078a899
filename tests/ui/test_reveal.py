"""The projector reveal: keys, most disagreed first, small groups withheld, answers on request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from avi_desktop.model.domain import StakeholderGroup
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.participants import Participant, create_workshop
from avi_desktop.model.store import PortfolioStore
from avi_desktop.model.store.responses import ResponseInput
from avi_desktop.ui import reveal as reveal_module
from avi_desktop.ui.host import Selection
from avi_desktop.ui.reveal import RevealView, most_disagreed, show_reveal
from tests.ui.test_flow_host import FakeHost

GROUPS = [StakeholderGroup.EMPLOYEES] * 3 + [StakeholderGroup.CFOS] * 2
ITEMS = [item for item in bundled_instrument().items() if not item.reverse]
SPLIT, SOFTER = ITEMS[5].id, ITEMS[17].id  # the room splits hard on one, less on the other
SPLIT_ANSWERS = [1, 5, 1, 5, 1]
SOFTER_ANSWERS = [2, 4, 2, 4, 3]


@pytest.fixture
def host(qtbot: Any, small_portfolio: Path) -> Iterator[FakeHost]:
    parent = QWidget()
    qtbot.addWidget(parent)
    with PortfolioStore.open(small_portfolio) as store:
        initiative_id = next(
            i for i in store.initiative_ids() if store.get_initiative(i).name == "Claims triage"
        )
        people = [Participant(f"P{n:02d}", g) for n, g in enumerate(GROUPS, start=1)]
        workshop = create_workshop(
            store, initiative_id, title="Offsite", participants=people,
            instrument=bundled_instrument(),
        )  # fmt: skip
        every = [item.id for item in bundled_instrument().items()]
        responses = []
        for n, person in enumerate(people):
            answers: dict[str, int | None] = dict.fromkeys(every, 3)
            answers[SPLIT], answers[SOFTER] = SPLIT_ANSWERS[n], SOFTER_ANSWERS[n]
            responses.append(ResponseInput(person.name, person.group, answers))
        store.record_responses(workshop, responses)
        fake = FakeHost(store, parent)
        fake.selection = Selection(initiative_id, "Claims triage")
        yield fake


def _kind(view: RevealView) -> str:
    return view.slide.kind


@pytest.fixture
def reveal(qtbot: Any, host: FakeHost) -> Iterator[RevealView]:
    view = show_reveal(host)
    assert view is not None, host.errors
    yield view
    if view in reveal_module._OPEN:  # not closed by the test (Escape deletes it)
        view.close()


def test_keys_step_through_ring_disagreement_and_groups(qtbot: Any, reveal: RevealView) -> None:
    assert reveal.isFullScreen()
    assert [s.kind for s in reveal.slides] == ["ring", "items", "groups"]
    assert _kind(reveal) == "ring"
    reveal.chart.draw_now()
    assert reveal.chart.canvas is not None  # the ring chart, drawn on the projector
    qtbot.keyClick(reveal, Qt.Key.Key_Space)
    assert _kind(reveal) == "items"
    qtbot.keyClick(reveal, Qt.Key.Key_Right)
    assert _kind(reveal) == "groups"
    qtbot.keyClick(reveal, Qt.Key.Key_PageDown)  # the last step stays
    assert _kind(reveal) == "groups" and "3 / 3" in reveal.footer.text()
    qtbot.keyClick(reveal, Qt.Key.Key_Left)
    qtbot.keyClick(reveal, Qt.Key.Key_PageUp)
    assert _kind(reveal) == "ring"
    qtbot.keyClick(reveal, Qt.Key.Key_Escape)
    assert not reveal.isVisible()


def test_the_most_disagreed_items_come_first(qtbot: Any, reveal: RevealView) -> None:
    assert most_disagreed(reveal.result)[:2] == [SPLIT, SOFTER]
    qtbot.keyClick(reveal, Qt.Key.Key_Space)
    shown = reveal.text.text()
    assert f"1. {SPLIT}" in shown and f"2. {SOFTER}" in shown
    assert shown.index(SPLIT) < shown.index(SOFTER)
    # Items everyone answered alike show no disagreement and are not listed.
    assert ITEMS[0].id not in shown


def test_individual_answers_only_when_the_facilitator_asks(qtbot: Any, reveal: RevealView) -> None:
    qtbot.keyClick(reveal, Qt.Key.Key_Space)
    hidden = reveal.text.text()
    assert "Answers" not in hidden and "1 1 1 5 5" not in hidden
    assert "individual answers (hidden)" in reveal.footer.text()
    qtbot.keyClick(reveal, Qt.Key.Key_I)
    assert _kind(reveal) == "items"  # the facilitator stays where they were
    assert "1 1 1 5 5" in reveal.text.text() and "2 2 3 4 4" in reveal.text.text()
    assert [s.kind for s in reveal.slides] == ["ring", "items", "answers", "groups"]
    qtbot.keyClick(reveal, Qt.Key.Key_I)
    assert "1 1 1 5 5" not in reveal.text.text()
    assert "answers" not in [s.kind for s in reveal.slides]


def test_a_group_below_the_minimum_is_withheld(qtbot: Any, reveal: RevealView) -> None:
    reveal.step(2)
    assert _kind(reveal) == "groups"
    shown = reveal.text.text()
    # Employees (three) are shown with their view of value and key concern.
    assert "Employees" in shown and StakeholderGroup.EMPLOYEES.key_concern in shown
    assert StakeholderGroup.EMPLOYEES.primary_view in shown
    # CFOs (two) read "fewer than three respondents" and none of their figures.
    cfos = shown[shown.index("CFOs") :]
    assert "fewer than three respondents" in cfos
    assert StakeholderGroup.CFOS not in reveal.result.stakeholder_split
    assert "Fewer than two groups can be shown" in shown


def test_nothing_to_reveal_before_anyone_answered(host: FakeHost) -> None:
    store = host.portfolio
    assert host.selection is not None
    create_workshop(
        store, host.selection.id, title="Later", participants=[Participant("Z", GROUPS[0])],
        instrument=bundled_instrument(),
    )  # fmt: skip
    assert show_reveal(host) is None
    assert "Nobody has answered" in host.errors[-1]


def test_a_tall_chart_scrolls_instead_of_stretching_the_projected_window(
    qtbot: Any, reveal: RevealView
) -> None:
    """The individual scores chart is taller than a projector: the view keeps its size."""
    screen = reveal.screen().availableGeometry().height()
    qtbot.keyClick(reveal, Qt.Key.Key_I)
    qtbot.keyClick(reveal, Qt.Key.Key_Space)
    qtbot.keyClick(reveal, Qt.Key.Key_Space)
    assert _kind(reveal) == "answers"
    reveal.chart.draw_now()
    assert reveal.chart.canvas is not None
    qtbot.keyClick(reveal, Qt.Key.Key_Space)
    assert _kind(reveal) == "groups"
    assert reveal.minimumSizeHint().height() <= screen
    assert reveal.height() <= screen
