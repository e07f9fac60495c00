"""The check that a citation names the agenda item its lines lie in (load/checks/agenda_items)."""

from __future__ import annotations

import pytest

from koordineringsbasen import cli
from koordineringsbasen.load.checks.agenda_items import ambiguous_item, unnamed_item, unnamed_items
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.model.sources import AgendaItem, Source
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS


def _source(source_id: str, linjer: str, items: list[tuple[str, str]],
            part_of: str | None = None) -> Source:
    return Source(id=source_id, navn=source_id, type="referat", dato="2025-01-01",
                  fil="001_0123456789abcdef.txt", linjer=linjer, indgaar_i=part_of,
                  resume="Et møde.",
                  punkter=[AgendaItem(nr=nr, titel=f"Punkt {nr}", linjer=lines)
                           for nr, lines in items])


MEETING = _source("moede", "1-400", [("2", "10-99"), ("3", "100-300")])
DOCUMENT = _source("bilag", "150-280", [("1", "150-160"), ("3", "200-250")], part_of="moede")
CHAIN = [DOCUMENT, MEETING]


def test_a_citation_inside_an_item_without_punkt_is_told_which_item() -> None:
    found = unnamed_item([MEETING], "20-25", None)
    assert found is not None and "punkt '2'" in found and 'punkt: "2"' in found
    assert unnamed_item([MEETING], "20-25", "2") is None


def test_a_citation_outside_every_item_needs_no_punkt() -> None:
    assert unnamed_item([MEETING], "301-320", None) is None


def test_a_number_both_document_and_meeting_give_the_lines_is_reported() -> None:
    found = ambiguous_item(CHAIN, "210-220", "3")
    assert len(found) == 1
    assert "'bilag'" in found[0][1] and "'moede'" in found[0][1]


def test_a_number_only_the_meeting_gives_the_lines_is_fine() -> None:
    # Lines 170-180 are in the meeting's item 3 but outside the document's section 3.
    assert ambiguous_item(CHAIN, "170-180", "3") == []
    assert ambiguous_item(CHAIN, "152", "1") == []


def test_unnamed_items_are_located_in_their_files() -> None:
    catalog = load_catalog(FIXTURE_DATA, FIXTURE_SEEDS)
    warnings = unnamed_items(catalog, FIXTURE_DATA.parent)
    assert warnings
    by_file = {w.path for w in warnings}
    assert "data/udmeldinger/cu-test.yml" in by_file
    first = next(w for w in warnings if w.field == "resultat.kilde.punkt")
    line = (FIXTURE_DATA / "udmeldinger/cu-test.yml").read_text(encoding="utf-8").splitlines()[
        first.line - 1]
    assert "resultat" in line or "kilde" in line


def test_check_prints_the_warnings_and_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--data", str(FIXTURE_DATA), "--seeds", str(FIXTURE_SEEDS)]) == 0
    captured = capsys.readouterr()
    assert "Advarsel: data/udmeldinger/cu-test.yml:" in captured.err
    assert "advarsler)" in captured.out
