"""Every entity's deadlines in one list: Frister, frister.ics, each entity's own calendar and
the "Følg" control that offers it; the exports carry the agenda items' new fields."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.exports import SiteInfo, write_exports
from koordineringsbasen.exports.calendar import entity_calendars
from koordineringsbasen.exports.tables import all_tables
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.render.special import deadlines_page
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, ROOT

SITE_URL = "https://example.org/kb/"
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def fixture() -> Catalog:
    return load_catalog(FIXTURE_DATA, FIXTURE_SEEDS)


@pytest.fixture(scope="module")
def real() -> Catalog:
    return load_catalog(ROOT / "data")


def test_one_list_holds_every_kind_of_deadline(fixture: Catalog) -> None:
    found = [(d.kind, d.entity.id, d.dato, d.type) for d in fixture.deadlines()]
    assert found == [
        ("maalgrupper", "natko-25-testgruppe", "2024-05", "frist"),
        ("tilbud", "testtilbud", "2024-09", "frist"),
        ("udmeldinger", "cu-test", "2024-12-31", "frist"),
        ("kilder", "testmoede-2025-01-01", "2025-06", "opfoelgning"),  # the follow-up with a date
        ("udmeldinger", "cu-test", "2099-05-31", "frist")]
    assert [d.entity.id for d in fixture.deadlines(("udmeldinger",))] == ["cu-test", "cu-test"]
    assert fixture.deadline_keys() == {("maalgrupper", "natko-25-testgruppe"),
                                       ("tilbud", "testtilbud"), ("udmeldinger", "cu-test"),
                                       ("kilder", "testmoede-2025-01-01")}


def test_frister_shows_target_groups_offers_and_follow_ups(fixture: Catalog) -> None:
    page = deadlines_page(RenderContext(fixture, today=TODAY))
    upcoming, passed = page.split("## Passerede frister")
    assert "<th>Frist</th>\n<th>Gælder</th>\n<th>Type og status</th>" in page
    assert 'Personer med testsyndrom</a> (målgruppe)' in passed
    assert 'Testtilbuddet Østerlund</a> (tilbud)' in passed
    follow_up = ('<a href="../../kilder/testmoede-2025-01-01/#punkt-2">Testmøde i Det Faglige '
                 'Råd, punkt 2</a>')
    assert follow_up in passed
    assert "Sende den nye vurdering til kommunerne. Ansvarlig: Testrådet." in passed
    assert "<td>Opfølgning <span class=\"kb-deadline kb-deadline--passed\">" in passed
    assert "Opgjort 1. januar 2026: 1 kommende og 4 passerede frister; 3 af dem er overskredet" in page.replace("\\", "")
    assert "31. maj 2099" in upcoming


REAL_ENTITIES = [("maalgrupper", "natko-08-udviklingshaemning-og-dom"),
                 ("maalgrupper", "natko-35-gravide-med-rusmiddelbrug"),
                 ("tilbud", "kofoedsminde"), ("tilbud", "kvisten"), ("tilbud", "stime")]


def test_real_frister_has_every_entitys_deadlines(real: Catalog) -> None:
    deadlines = real.deadlines()
    page = deadlines_page(RenderContext(real, today=TODAY))
    for kind, entity_id in REAL_ENTITIES:
        entity = real.get(kind, entity_id)
        own = [h for h in entity.haendelser if h.is_deadline]
        assert own, entity_id
        assert sum(d.entity.id == entity_id for d in deadlines) == len(own)
        assert f'<a href="../../{kind}/{entity_id}/">' in page, entity_id
    follow_ups = [d for d in deadlines if d.kind == "kilder"]
    assert {(d.entity.id, d.item.nr, d.dato) for d in follow_ups} >= {
        ("das-social-2025-03-17", "6", "2025-04-11"), ("das-social-2025-03-17", "6", "2025-05-31"),
        ("das-social-2025-03-17", "10", "2025-03-28"), ("das-social-2025-01-09", "7", "2025-02")}
    assert 'href="../../kilder/das-social-2025-03-17/#punkt-6">' in page
    assert len(deadlines) > len(real.deadlines(("udmeldinger",)))


@pytest.mark.parametrize("data", ["fixture", "real"])
def test_each_entity_calendar_parses_with_its_deadlines(
        data: str, request: pytest.FixtureRequest) -> None:
    catalog: Catalog = request.getfixturevalue(data)
    site = SiteInfo(SITE_URL, today=TODAY)
    calendars = entity_calendars(catalog, site)
    assert set(calendars) == set(catalog.deadline_keys())
    for (kind, entity_id), text in calendars.items():
        entity = catalog.get(kind, entity_id)
        own = [d for d in catalog.deadlines() if (d.kind, d.entity.id) == (kind, entity_id)]
        events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
        assert len(events) == len(own), entity_id
        assert str(icalendar.Calendar.from_ical(text)["X-WR-CALNAME"]) == \
            f"Koordineringsbasen: frister for {entity.navn}"
        for event, deadline in zip(events, own, strict=True):
            start = event.decoded("DTSTART")
            assert type(start) is dt.date and start.isoformat().startswith(deadline.dato)
            summary = str(event["SUMMARY"])
            assert summary.startswith(("Frist: ", "Fristforlængelse: ", "Opfølgning: ")), summary
            page = f"{SITE_URL}{kind}/{entity_id}/"
            assert str(event["URL"]) == (page + f"#punkt-{deadline.item.nr}".replace(".", "-")
                                         if deadline.item is not None else page)
    if data == "real":
        kofoedsminde = list(icalendar.Calendar.from_ical(
            calendars[("tilbud", "kofoedsminde")]).walk("VEVENT"))
        assert {str(e["SUMMARY"]) for e in kofoedsminde} <= {"Frist: Kofoedsminde",
                                                             "Fristforlængelse: Kofoedsminde"}
        assert "Kilde: " in str(kofoedsminde[0]["DESCRIPTION"])


def test_entity_calendars_are_written_beside_their_pages(fixture: Catalog,
                                                         tmp_path: Path) -> None:
    write_exports(fixture, tmp_path, SiteInfo(SITE_URL, today=TODAY))
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("frister.ics"))
    assert written == ["frister.ics", "kilder/testmoede-2025-01-01/frister.ics",
                       "maalgrupper/natko-25-testgruppe/frister.ics",
                       "tilbud/testtilbud/frister.ics", "udmeldinger/cu-test/frister.ics"]
    offer = icalendar.Calendar.from_ical((tmp_path / "tilbud/testtilbud/frister.ics").read_bytes())
    (event,) = offer.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Frist: Testtilbuddet Østerlund"
    assert event.decoded("DTSTART") == dt.date(2024, 9, 1)
    assert "Kilden angiver kun måneden (september 2024)" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == SITE_URL + "tilbud/testtilbud/"


def test_follow_control_links_feed_and_calendar_only_when_there_are_deadlines(
        fixture: Catalog) -> None:
    ctx = RenderContext(fixture, today=TODAY)
    offer = render_entity(ctx, "tilbud", "testtilbud")
    # Under the fact box, which comes first (the page answers first).
    assert offer.index("# Testtilbuddet Østerlund") < offer.index('<section class="kb-facts"') \
        < offer.index('<details class="kb-follow"')
    assert '<a href="aendringer.xml" type="application/atom+xml">' in offer
    assert '<a href="frister.ics" type="text/calendar">Frister i kalender (iCalendar)</a>' in offer
    assert "<strong>Tilføj kalender</strong> › <strong>Fra internettet</strong>" in offer
    organisation = render_entity(ctx, "organisationer", "testraadet")
    assert '<a href="aendringer.xml"' in organisation and "frister.ics" not in organisation
    for kind in ("maalgrupper", "udmeldinger", "kilder"):
        for entity_id in fixture.entities[kind]:
            assert render_entity(ctx, kind, entity_id).count('<details class="kb-follow"') == 1


def test_exports_carry_recommendation_decision_and_follow_ups(real: Catalog,
                                                               tmp_path: Path) -> None:
    site = SiteInfo(SITE_URL, today=TODAY)
    write_exports(real, tmp_path, site)
    record = json.loads((tmp_path / "api/kilder/das-social-2025-03-17.json").read_text("utf-8"))
    item = next(p for p in record["data"]["punkter"] if p["nr"] == "6")
    assert item["indstilling"]["kilde"]["linjer"] == "1538-1541"
    assert item["beslutning"]["tekst"].startswith("DAS havde ingen yderligere bemærkninger")
    assert [(a["ansvarlig"], a["rolle"], a["frist"]) for a in item["opfoelgning"]] == [
        ("sekretariat-nordjysk-socialaftale", None, None), ("kkr-nordjylland", None, "2025-04-11"),
        (None, "kommunerne", "2025-05-31")]
    table = next(t for t in all_tables(real, site) if t.name == "kilder-punkter")
    names = [c.name for c in table.columns]
    assert {"indstilling_tekst", "indstilling_kilde_linjer", "beslutning_tekst",
            "beslutning_kilde", "opfoelgning"} <= set(names)
    row = next(r for r in table.rows if r[0] == "das-social-2025-03-17" and r[2] == "6")
    assert json.loads(row[names.index("opfoelgning")])[1]["frist"] == "2025-04-11"
    package = json.loads((tmp_path / "api/datapackage.json").read_text("utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "kilder-punkter")
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert fields["opfoelgning"]["type"] == "string"  # the actions as JSON text
    assert "frist" in fields["opfoelgning"]["description"]
    assert fields["beslutning_tekst"]["description"] == "Sammenfatning med egne ord"
