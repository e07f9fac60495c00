"""Loader: valid fixture data loads; each error category is reported with file, line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from tests.support import FIXTURE_SEEDS


def problems_for(data: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_catalog(data, FIXTURE_SEEDS)
    return [str(p) for p in info.value.problems]


def write(data: Path, rel: str, text: str) -> None:
    (data / rel).write_text(text, encoding="utf-8")


def test_fixture_data_loads(fixture_data: Path) -> None:
    catalog = load_catalog(fixture_data, FIXTURE_SEEDS)
    assert {k: len(v) for k, v in catalog.entities.items()} == {
        "maalgrupper": 2, "tilbud": 1, "udmeldinger": 1, "kilder": 2, "organisationer": 2,
            "reformer": 1}
    assert [e.forkortelse for e in catalog.glossary] == ["CU", "TR"]


def test_wrong_value_reports_file_line_and_field(fixture_data: Path) -> None:
    path = fixture_data / "tilbud" / "testtilbud.yml"
    text = path.read_text(encoding="utf-8").replace("belaegning_procent: 95,", 'belaegning_procent: "33,5",')
    path.write_text(text, encoding="utf-8")
    problems = problems_for(fixture_data)
    assert problems == [
        "data/tilbud/testtilbud.yml:15:64: kapacitet[0].belaegning_procent: '33,5' har dansk "
        "decimalkomma; skriv tallet som 33.5"
    ]


def test_all_problems_reported_in_one_run(fixture_data: Path) -> None:
    write(fixture_data, "organisationer/ekstra.yml",
          "id: andet-id\nnavn: X\ntype: raad\nresume: R\nfarve: blaa\n"
          "kilder:\n  - {kilde: testmoede-2025-01-01, linjer: 1-999}\n")
    problems = problems_for(fixture_data)
    joined = "\n".join(problems)
    assert "data/organisationer/ekstra.yml:5:1: farve: ukendt felt" in joined
    assert len(problems) == 1  # validation fails first; references are checked on valid files
    write(fixture_data, "organisationer/ekstra.yml",
          "id: andet-id\nnavn: X\ntype: raad\nresume: R\n"
          "kilder:\n  - {kilde: testmoede-2025-01-01, linjer: 1-999}\n")
    joined = "\n".join(problems_for(fixture_data))
    assert "data/organisationer/ekstra.yml:1:5: id: id 'andet-id' skal være lig filnavnet 'ekstra'" in joined
    assert "ekstra.yml:6:43: kilder[0].linjer: linje 1-999 ligger uden for kilden" in joined
    assert "linje 999 findes ikke; 000_0000000000000000.txt har 200 linjer" in joined


def test_unknown_reference_suggests_a_close_id(fixture_data: Path) -> None:
    path = fixture_data / "tilbud" / "testtilbud.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("driftsherre: region-test",
                                                             "driftsherre: region-tst"), encoding="utf-8")
    assert problems_for(fixture_data) == [
        "data/tilbud/testtilbud.yml:6:14: driftsherre: ukendt id 'region-tst' i organisationer/; "
        "mente du 'region-test'?"
    ]


def test_unknown_agenda_item(fixture_data: Path) -> None:
    path = fixture_data / "maalgrupper" / "reg-undergruppe.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("linjer: 20,", 'linjer: 20, punkt: "9",'),
                    encoding="utf-8")
    (problem,) = problems_for(fixture_data)
    assert problem.endswith("kilder[0].punkt: punkt '9' findes ikke på dagsordenen for "
                            "'testmoede-2025-01-01'")


def test_missing_source_on_a_fact(fixture_data: Path) -> None:
    path = fixture_data / "tilbud" / "testtilbud.yml"
    text = re.sub(r"  - \{aar: 2025, pladser: 12, kilde: \{kilde: testrapport-2025, linjer: 112.*",
                  "  - {aar: 2025, pladser: 12}", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    (problem,) = problems_for(fixture_data)
    assert problem == "data/tilbud/testtilbud.yml:17:5: kapacitet[2].kilde: mangler; feltet skal udfyldes"


def test_duplicate_year_in_time_series(fixture_data: Path) -> None:
    path = fixture_data / "tilbud" / "testtilbud.yml"
    text = path.read_text(encoding="utf-8").replace("{aar: 2025, pladser: 12", "{aar: 2024, pladser: 12")
    path.write_text(text, encoding="utf-8")
    (problem,) = problems_for(fixture_data)
    assert "kapacitet[2]: samme aar/ydelse som kapacitet[1]" in problem


def test_a_source_that_is_part_of_itself_is_reported(fixture_data: Path) -> None:
    path = fixture_data / "kilder" / "testmoede-2025-01-01.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "linjer: 1-150\n", "linjer: 1-150\nindgaar_i: testrapport-2025\n"), encoding="utf-8")
    joined = "\n".join(problems_for(fixture_data))
    assert ("data/kilder/testmoede-2025-01-01.yml:10:12: indgaar_i: kilden indgår i sig selv: "
            "testmoede-2025-01-01 → testrapport-2025 → testmoede-2025-01-01") in joined
