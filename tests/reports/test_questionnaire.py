"""The questionnaire printed per participant: their details filled in, their name on every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from avi_desktop.model.domain import StakeholderGroup
from avi_desktop.model.instrument import Instrument
from avi_desktop.reports import BriefingOptions
from avi_desktop.reports.questionnaire import TICKED, Sheet, write_participant_questionnaires
from tests.reports.pdftext import page_texts, squeeze

SHEETS = [
    Sheet("P03", StakeholderGroup.CFOS, "Finance lead", "Claims triage"),
    Sheet("Zoë Ångström", StakeholderGroup.EMPLOYEES, "", "Claims triage"),
]


def test_one_file_per_participant_with_their_name_on_every_page(
    instrument: Instrument, out: Path, options: BriefingOptions
) -> None:
    paths = write_participant_questionnaires(instrument, SHEETS, out, options)
    assert [p.name for p in paths] == ["briefing-p03.pdf", "briefing-zoe-angstrom.pdf"]
    for number, (path, sheet) in enumerate(zip(paths, SHEETS, strict=True), start=1):
        texts = [squeeze(t) for t in page_texts(path)]
        assert len(texts) == 1 + len(instrument.layers)  # the same sheets as the blank one
        for text in texts:
            assert f"Prepared for {sheet.name} — copy {number} of 2" in text
        first = texts[0]
        assert f"Name or code {sheet.name}" in first and f"Initiative {sheet.initiative}" in first
        assert f"{TICKED} {sheet.group.label}" in first
        assert first.count(TICKED) == 1  # only their own group is ticked
        other = SHEETS[2 - number]
        assert other.name not in " ".join(texts)
        body = " ".join(texts[1:])
        for item in instrument.items():
            assert f"{item.id} {item.text}" in body


def test_the_same_participants_give_the_same_bytes_and_names_must_differ(
    instrument: Instrument, tmp_path: Path, options: BriefingOptions
) -> None:
    first = write_participant_questionnaires(instrument, SHEETS, tmp_path / "a.pdf", options)
    second = write_participant_questionnaires(instrument, SHEETS, tmp_path / "b.pdf", options)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    with pytest.raises(ValueError, match="differ"):
        write_participant_questionnaires(
            instrument, [SHEETS[0], SHEETS[0]], tmp_path / "c.pdf", options
        )
