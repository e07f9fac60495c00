"""Events: one dated fact has one type across files, and a planned event says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from koordineringsbasen.model.common import Event
from tests.support import FIXTURE_SEEDS, anchor_citations

CITE = {"kilde": "testmoede-2025-01-01", "linjer": "44"}


def _add_event(data: Path, event_type: str, planned: bool = False) -> None:
    path = data / "tilbud" / "testtilbud.yml"
    text = path.read_text(encoding="utf-8")
    # The events list is the file's last block (added to it when the fixture has one).
    head = "" if text.rstrip().split("\n")[-1].startswith("  - ") and "\nhaendelser:" in text \
        else "haendelser:\n"
    path.write_text(text + head + (
        f"  - {{dato: 2019-11-26, type: {event_type}, "
        f"{'planlagt: true, beskrivelse: Udsendes.' if planned else 'beskrivelse: Udsendt.'}, "
        f"kilde: {{kilde: testmoede-2025-01-01, linjer: 44, punkt: \"2\"}}}}\n"), encoding="utf-8")


def test_the_same_dated_fact_typed_differently_is_refused_in_both_files(fixture_data: Path) -> None:
    _add_event(fixture_data, "moede")
    with pytest.raises(DataError) as info:
        load_catalog(fixture_data, FIXTURE_SEEDS)
    found = [str(p) for p in info.value.problems if "samme faktum" in str(p)]
    assert len(found) == 2
    assert any(p.startswith("data/tilbud/testtilbud.yml:") and "haendelser[1].type" in p
               and "'udsendt' i data/udmeldinger/cu-test.yml" in p for p in found)
    assert any(p.startswith("data/udmeldinger/cu-test.yml:") and "'moede'" in p for p in found)


def test_the_same_dated_fact_typed_alike_is_fine(fixture_data: Path) -> None:
    _add_event(fixture_data, "udsendt")
    anchor_citations(fixture_data)
    assert load_catalog(fixture_data, FIXTURE_SEEDS)


def test_a_planned_event_must_say_planlagt() -> None:
    with pytest.raises(ValidationError, match="planlagt: true"):
        Event(dato="2025", type="moede", beskrivelse="Planlagt møde i rådet.", kilde=CITE)
    event = Event(dato="2025", type="moede", planlagt=True, beskrivelse="Planlagt møde.",
                  kilde=CITE)
    assert event.planlagt


def test_the_same_fact_planned_in_one_file_and_done_in_another_is_refused(
        fixture_data: Path) -> None:
    _add_event(fixture_data, "udsendt", planned=True)
    with pytest.raises(DataError) as info:
        load_catalog(fixture_data, FIXTURE_SEEDS)
    assert any("'udsendt (planlagt)'" in str(p) for p in info.value.problems)
