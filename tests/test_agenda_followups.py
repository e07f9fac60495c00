"""Agenda items' recommendation, decision and follow-up actions: the model and the checks
refuse a bad follow-up with its file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.texts.headings import Item
from koordineringsbasen.tools.importer import source_yaml
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS

REL = "kilder/testmoede-2025-01-01.yml"
FILE = f"data/{REL}"
FIRST_ACTION = """      - handling: Sende den nye vurdering til kommunerne.
        ansvarlig: testraadet
        frist: 2025-06
"""


def _problems(fixture_data: Path, old: str, new: str) -> list[str]:
    path = fixture_data / REL
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(fixture_data, FIXTURE_SEEDS)
    return [str(p) for p in info.value.problems]


def test_fixture_items_carry_all_three(fixture_data: Path) -> None:
    item = load_catalog(fixture_data, FIXTURE_SEEDS).get("kilder", "testmoede-2025-01-01").punkter[1]
    assert item.indstilling and item.indstilling.kilde.linjer == "15-16"
    assert item.beslutning and item.beslutning.tekst == "Rådet tog orienteringen til efterretning."
    assert [(a.ansvarlig, a.rolle and a.rolle.value, a.frist, a.status.value)
            for a in item.opfoelgning] == [("testraadet", None, "2025-06", "aftalt"),
                                           (None, "sekretariatet", None, "i-gang")]


BAD = [
    # nobody responsible
    (FIRST_ACTION, FIRST_ACTION.replace("        ansvarlig: testraadet\n", ""),
     f"{FILE}:25:9: punkter[1].opfoelgning[0]: angiv enten 'ansvarlig' (en organisations id) "
     "eller 'rolle' (fx sekretariatet), ikke begge og ikke ingen"),
    # both an organisation and a role
    (FIRST_ACTION, FIRST_ACTION + "        rolle: sekretariatet\n",
     f"{FILE}:25:9: punkter[1].opfoelgning[0]: angiv enten 'ansvarlig' (en organisations id) "
     "eller 'rolle' (fx sekretariatet), ikke begge og ikke ingen"),
    # a person's name is no role
    ("        rolle: sekretariatet\n", "        rolle: Jens Hansen\n",
     f"{FILE}:30:16: punkter[1].opfoelgning[1].rolle: "),
    # an organisation that does not exist
    ("        ansvarlig: testraadet\n", "        ansvarlig: ukendt-raad\n",
     f"{FILE}:26:20: punkter[1].opfoelgning[0].ansvarlig: "),
    # a deadline in Danish notation
    ("        frist: 2025-06\n", "        frist: 1.6.2025\n",
     f"{FILE}:27:16: punkter[1].opfoelgning[0].frist: "),
    # a deadline before the meeting that agreed the action
    ("        frist: 2025-06\n", "        frist: 2024-11-30\n",
     f"{FILE}:27:16: punkter[1].opfoelgning[0].frist: fristen 2024-11-30 ligger før mødet "
     "(2025-01-01); en aftalt handling kan ikke have frist før den blev aftalt"),
    # an unknown status
    ("        status: i-gang\n", "        status: klar\n",
     f"{FILE}:31:17: punkter[1].opfoelgning[1].status: "),
    # a follow-up without its citation
    ("        kilde: {kilde: testmoede-2025-01-01, linjer: 46,",
     "        note: {kilde: testmoede-2025-01-01, linjer: 46,",
     f"{FILE}:"),
]


@pytest.mark.parametrize("old, new, expected", BAD, ids=[
    "no-one", "both", "person", "unknown-org", "danish-date", "before-meeting", "status",
    "no-citation"])
def test_bad_follow_up_is_refused_with_file_line_field(
        fixture_data: Path, old: str, new: str, expected: str) -> None:
    problems = _problems(fixture_data, old, new)
    assert any(p.startswith(expected) for p in problems), problems


def test_citation_outside_the_item_names_the_item(fixture_data: Path) -> None:
    problems = _problems(fixture_data, "linjer: 46, punkt: \"2\"", "linjer: 5, punkt: \"2\"")
    assert any(p.startswith(f"{FILE}:28:64: punkter[1].opfoelgning[0].kilde.punkt: punkt '2' "
                            "omfatter ikke linje 5") for p in problems), problems


def test_decision_naming_another_item_is_refused(fixture_data: Path) -> None:
    problems = _problems(fixture_data, "linjer: 19, punkt: \"2\", anker: {foer: \"en testkilde om "
                         "æblegrød og §18.\", tekst: \"Linje 19 i en testkilde: i maj 2025 vurderes "
                         "gruppen fortsat rød.\", efter: \"Linje 20 i en testkilde om\"}}\n    "
                         "opfoelgning",
                         "linjer: 19, punkt: \"1\", anker: {foer: \"en testkilde om "
                         "æblegrød og §18.\", tekst: \"Linje 19 i en testkilde: i maj 2025 vurderes "
                         "gruppen fortsat rød.\", efter: \"Linje 20 i en testkilde om\"}}\n    "
                         "opfoelgning")
    assert any("punkter[1].beslutning.kilde.punkt: punkt skal være '2'" in p
               for p in problems), problems


def test_source_page_renders_recommendation_decision_and_follow_ups() -> None:
    catalog = load_catalog(FIXTURE_DATA, FIXTURE_SEEDS)
    ctx = RenderContext(catalog, today=dt.date(2025, 6, 1))
    text = render_entity(ctx, "kilder", "testmoede-2025-01-01")
    item = text[text.index("### Punkt 2: Risikovurdering"):]
    assert "kildeteksten.*\n\n**Indstilling:** At rådet tager den nye risikovurdering til " \
           "efterretning\\.<sup id=\"fnref:" in item
    assert "\n\n**Beslutning:** Rådet tog orienteringen til efterretning\\.<sup" in item
    assert ("<th>Handling</th>\n<th>Ansvarlig</th>\n<th>Frist</th>\n<th>Status</th>\n"
            "<th>Kilde</th>") in item
    assert ('<td>Sende den nye vurdering til kommunerne.</td>\n<td><a href="../../organisationer/'
            'testraadet/">') in item
    assert '<td>juni 2025 <span class="kb-deadline kb-deadline--upcoming">' in item and "<td>Aftalt</td>" in item
    assert "<td>Følge op på gruppens tilbud.</td>\n<td>Sekretariatet</td>\n<td>–</td>\n" \
           "<td>I gang</td>" in item
    # Its own decisions are not listed as facts that build on the source.
    assert '<strong>Kilder (' not in text


def test_imported_source_says_how_to_add_decisions_and_follow_ups() -> None:
    text = source_yaml("testmoede-2026-02-04", {"navn": "Møde", "type": "referat", "organ": None,
                       "dato": "2026-02-04", "sted": None}, {}, "005_3f2a9c0d41b7e865.txt",
                       "1-20", None, [Item("1", "Velkommen", 2, 20)], "møde.pdf", 0,
                       "../../schemas/kilder.schema.json")
    after = text[text.index("punkter:"):]
    assert "valgfri: resume, indstilling, beslutning, opfoelgning" in after
    assert "ansvarlig: <organisations id> (eller rolle: sekretariatet), frist: ÅÅÅÅ-MM-DD" in after
    items = YAML(typ="safe").load(text)["punkter"]
    assert items == [{"nr": "1", "titel": "Velkommen", "linjer": "2-20"}]
