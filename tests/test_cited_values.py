"""The cited-values check: what counts as cited, what is exempt, and how markers are judged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from koordineringsbasen.danish.reading import states_number
from koordineringsbasen.load.checks.cited_values import check_entity, marker_counts
from koordineringsbasen.model import Offer, Source
from koordineringsbasen.model.references import Citation, walk
from koordineringsbasen.texts.seedtext import SeedTexts

SEED = "000_0000000000000000.txt"
LINES = [
    "Mødet den 17. marts 2025 i DAS Social.",                        # 1
    "Tilbuddet har ni pladser og en belægning på 4,5 pladser.",       # 2
    "Pladstal 12,0 pladsforbrug 10,8 belægning 90 %",                  # 3
    "KKR godkendte på mødet den 18. november 2022.",                  # 4
    "Taksten er 4.107 kr. pr. døgn.",                                  # 5
]


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    (tmp_path / SEED).write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return tmp_path


SOURCES = {
    "moede": Source.model_validate({
        "id": "moede", "navn": "Møde", "type": "referat", "dato": "2025-03-17", "fil": SEED,
        "linjer": "1-5", "resume": "Et møde."}),
    "bilag": Source.model_validate({
        "id": "bilag", "navn": "Bilag", "type": "rapport", "dato": "2025-02", "fil": SEED,
        "linjer": "2-5", "indgaar_i": "moede", "resume": "Et bilag til mødet."}),
}


def _offer(**fields: Any) -> Offer:
    base = {"id": "t", "navn": "T", "resume": "R", "kategori": "kommunalt",
            "kilder": [{"kilde": "moede", "linjer": "1"}]}
    return Offer.model_validate({**base, **fields})


def _problems(offer: Offer, seeds: Path) -> list[tuple[Any, str]]:
    citations = [c for c in walk(offer) if isinstance(c, Citation)]
    return check_entity(offer, citations, SOURCES, SeedTexts(seeds))


def _ref(lines: str, source: str = "bilag", **extra: Any) -> dict[str, Any]:
    return {"kilde": source, "linjer": lines, **extra}


def test_every_number_of_a_capacity_row_is_checked(seeds: Path) -> None:
    offer = _offer(kapacitet=[{"aar": 2024, "pladser": 12, "forbrug": 10.8,
                               "belaegning_procent": 91, "kilde": _ref("3")}])
    assert [(path, message.split(" står")[0]) for path, message in _problems(offer, seeds)] == [
        (("kapacitet", 0, "belaegning_procent"), "tallet 91")]


def test_a_worded_value_passes_with_its_marker_and_only_the_named_field_is_excused(
        seeds: Path) -> None:
    marker = {"form": "ord", "forklaring": "Kilden skriver »ni pladser«.", "felter": ["pladser"]}
    offer = _offer(kapacitet=[{"aar": 2024, "pladser": 9, "forbrug": 4.5,
                               "kilde": _ref("2", belaeg=marker)}])
    assert _problems(offer, seeds) == []
    assert marker_counts([offer]) == {"ord": 1}
    wrong = _offer(kapacitet=[{"aar": 2024, "pladser": 9, "forbrug": 5.4,
                               "kilde": _ref("2", belaeg=marker)}])
    assert [path for path, _ in _problems(wrong, seeds)] == [("kapacitet", 0, "forbrug")]


def test_the_meetings_own_date_is_exempt_also_as_its_year_or_month(seeds: Path) -> None:
    status = [{"dato": d, "status": "i-drift", "beskrivelse": "I drift.", "kilde": _ref("3")}
              for d in ("2025-03-17", "2025-03", "2025", "2025-02", "2025-03-18", "2024")]
    problems = _problems(_offer(status=status), seeds)
    # Own dates: the meeting's (2025-03-17 and its month and year) and the appendix's (2025-02).
    assert [path for path, _ in problems] == [("status", 4, "dato"), ("status", 5, "dato")]


def test_an_event_date_must_stand_in_its_lines(seeds: Path) -> None:
    event = {"dato": "2022-11-18", "type": "beslutning", "beskrivelse": "KKR godkender."}
    assert _problems(_offer(haendelser=[{**event, "kilde": _ref("4")}]), seeds) == []
    ((path, message),) = _problems(_offer(haendelser=[{**event, "kilde": _ref("3")}]), seeds)
    assert path == ("haendelser", 0, "dato")
    assert message.startswith("datoen 2022-11-18 står ikke i linje 3 i kilden 'bilag'")


def test_a_key_figures_as_of_date_is_checked_only_when_given_to_the_day(seeds: Path) -> None:
    figures = [{"betegnelse": "Takst", "vaerdi": 4107, "dato": d, "kilde": _ref("5")}
               for d in ("2023", "2023-06", "2023-06-01")]
    assert [path for path, _ in _problems(_offer(noegletal=figures), seeds)] == [
        ("noegletal", 2, "dato")]


def test_a_marker_on_a_value_that_is_there_is_superfluous(seeds: Path) -> None:
    marker = {"form": "udledt", "forklaring": "Beregnet."}
    offer = _offer(priser=[{"aar": 2024, "beloeb": 4107, "enhed": "kr. pr. døgn",
                            "kilde": _ref("5", belaeg=marker)}])
    ((path, message),) = _problems(offer, seeds)
    assert path == ("priser", 0, "kilde", "belaeg") and message.startswith("overflødig")


def test_a_missing_seed_file_is_left_to_the_line_check(tmp_path: Path) -> None:
    offer = _offer(priser=[{"aar": 2024, "beloeb": 1, "enhed": "kr.", "kilde": _ref("5")}])
    assert _problems(offer, tmp_path) == []


def test_cited_lines_are_numbered_as_the_line_count_numbers_them(tmp_path: Path) -> None:
    # PDF-extracted texts hold form feeds; str.splitlines would count them as line breaks.
    (tmp_path / "kilde.txt").write_text("side 1\x0cside 2\n4107 kr. pr. døgn\n", encoding="utf-8")
    texts = SeedTexts(tmp_path)
    assert len(texts.raw_lines("kilde.txt") or ()) == 2
    assert texts.passage("kilde.txt", "2") == "4107 kr. pr. døgn"
    assert states_number(texts.passage("kilde.txt", "2") or "", 4107)
