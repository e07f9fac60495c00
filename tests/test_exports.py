"""Open data exports: JSON per entity, CSV, schemas, data package, iCalendar and Atom."""

from __future__ import annotations

import csv
import datetime as dt
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import jsonschema
import pytest
from bs4 import BeautifulSoup
from frictionless import validate

from koordineringsbasen.catalog import KINDS, Catalog
from koordineringsbasen.exports import SiteInfo, write_exports
from koordineringsbasen.exports.calendar import calendar, fold
from koordineringsbasen.exports.feed import atom_feed
from koordineringsbasen.exports.licence import LICENCE
from koordineringsbasen.exports.tables import Column, cell
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.model import ENTITY_MODELS, GlossaryEntry
from koordineringsbasen.model.fields import field_specs
from tests.support import anchor_citations

# Not imported from conftest: tests/browser/conftest.py shadows that module name.
ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
FIXTURE_SEEDS = ROOT / "tests" / "fixtures" / "seeds"

SITE_URL = "https://koordineringsbasen.github.io/koordineringsbasen/"  # mkdocs.yml's default
ATOM = "{http://www.w3.org/2005/Atom}"
URL = re.compile(r"https?://[^\s\"'<>\\]+")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FIXTURE_DATA, FIXTURE_SEEDS)


@pytest.fixture(scope="module")
def api(fixture_site: Path) -> Path:
    return fixture_site / "api"


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _site_path(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = site / url[len(SITE_URL):]
    return path / "index.html" if url.endswith("/") else path


# --- JSON ------------------------------------------------------------------------------------


def test_every_entity_has_json_that_validates_against_its_schema(
        fixture_site: Path, api: Path, catalog: Catalog) -> None:
    for kind in KINDS:
        schema = json.loads((api / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        for entity_id in catalog.entities[kind]:
            record = json.loads((api / kind / f"{entity_id}.json").read_text("utf-8"))
            errors = [e.message for e in validator.iter_errors(record["data"])]
            assert errors == [], (kind, entity_id, errors)
            assert record["data"] == catalog.get(kind, entity_id).model_dump(mode="json")
            assert (record["art"], record["id"]) == (kind, entity_id)
            assert record["datafil"] == f"data/{kind}/{entity_id}.yml"
            assert _site_path(fixture_site, record["url"]).is_file()
            assert _site_path(fixture_site, record["json"]).is_file()
            for link in record["henvisninger"]:
                assert _site_path(fixture_site, link["url"]).is_file()


def test_backlinks_and_citations_are_in_the_records(api: Path) -> None:
    offer = json.loads((api / "tilbud" / "testtilbud.json").read_text("utf-8"))
    assert {(b["art"], b["id"], b["felt"]) for b in offer["henvisninger"]} == {
        ("udmeldinger", "cu-test", "tilbud[0]"), ("reformer", "testreform", "tilbud[0].id")}
    source = json.loads((api / "kilder" / "testrapport-2025.json").read_text("utf-8"))
    cited = {(c["art"], c["id"], c["felt"], c["linjer"]) for c in source["citeret_af"]}
    assert ("tilbud", "testtilbud", "kapacitet[0].kilde", "110") in cited


def test_alt_json_holds_everything(api: Path, catalog: Catalog) -> None:
    everything = json.loads((api / "alt.json").read_text("utf-8"))
    assert everything["antal"] == {kind: len(catalog.entities[kind]) for kind in KINDS}
    for kind in KINDS:
        for record in everything["enheder"][kind]:
            single = json.loads((api / kind / f"{record['id']}.json").read_text("utf-8"))
            assert record == single
    assert [e["forkortelse"] for e in everything["ordliste"]] == ["CU", "TR"]


def test_schemas_are_copied_from_the_model(api: Path) -> None:
    for name in (*KINDS, "ordliste"):
        published = (api / "schemas" / f"{name}.schema.json").read_text("utf-8")
        assert published == (ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8")


# --- CSV and data package ---------------------------------------------------------------------


def test_csv_has_bom_semicolons_and_danish_letters(api: Path, catalog: Catalog) -> None:
    for kind in KINDS:
        raw = (api / f"{kind}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), kind
        assert raw.decode("utf-8-sig").splitlines()[0].startswith("id;navn;")
        rows = _csv(api / f"{kind}.csv")
        assert [r["id"] for r in rows] == list(catalog.entities[kind])
    offer = _csv(api / "tilbud.csv")[0]
    assert offer["navn"] == "Testtilbuddet Østerlund"
    assert offer["lovgrundlag"] == "SEL § 108, stk. 6"
    assert offer["url"] == SITE_URL + "tilbud/testtilbud/"


def test_child_tables_hold_time_series_with_decimal_comma(api: Path) -> None:
    rows = _csv(api / "tilbud-kapacitet.csv")
    assert [(r["tilbud_id"], r["raekke"], r["aar"], r["forbrug"]) for r in rows] == [
        ("testtilbud", "1", "2023", "9,5"), ("testtilbud", "2", "2024", "10,7"),
        ("testtilbud", "3", "2025", "")]
    assert rows[1]["over_kapacitet"] == "true"
    assert rows[0]["kilde"] == "testrapport-2025" and rows[0]["kilde_linjer"] == "110"
    risk = _csv(api / "maalgrupper-risiko.csv")
    assert [(r["runde"], r["niveau"]) for r in risk] == [("Forår 2024", "gul"),
                                                          ("Efterår 2024", "roed")]


def test_datapackage_validates_with_frictionless(api: Path) -> None:
    report = validate(str(api / "datapackage.json"))
    problems = [(task.name, error.message) for task in report.tasks for error in task.errors]
    assert report.valid, problems or [e.message for e in report.errors]
    package = json.loads((api / "datapackage.json").read_text("utf-8"))
    described = {r["path"] for r in package["resources"]}
    assert described == {p.name for p in api.glob("*.csv")} | {"alt.json"}
    kapacitet = next(r for r in package["resources"] if r["name"] == "tilbud-kapacitet")
    types = {f["name"]: f["type"] for f in kapacitet["schema"]["fields"]}
    assert types["aar"] == "integer" and types["pladser"] == "number"
    assert types["over_kapacitet"] == "boolean"


def test_datapackage_catches_a_broken_reference(tmp_path: Path, catalog: Catalog) -> None:
    write_exports(catalog, tmp_path, SiteInfo(SITE_URL))
    offers = tmp_path / "api" / "tilbud.csv"
    offers.write_text(offers.read_text("utf-8-sig").replace(";region-test;", ";findes-ikke;"),
                      encoding="utf-8-sig")
    report = validate(str(tmp_path / "api" / "datapackage.json"))
    assert not report.valid
    assert any(e.type == "foreign-key" for task in report.tasks for e in task.errors)


def test_text_that_excel_would_run_as_a_formula_is_defused() -> None:
    text = Column("navn", "tekst", "", lambda e: e)
    assert cell(text, "=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert cell(text, "@SUM(A1)") == "'@SUM(A1)"
    assert cell(Column("vaerdi", "tal", "", lambda e: e), -2.5) == "-2,5"


# --- iCalendar --------------------------------------------------------------------------------


def test_ics_holds_every_deadline_as_all_day_event(fixture_site: Path, catalog: Catalog) -> None:
    raw = (fixture_site / "frister.ics").read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(raw)
    events = list(parsed.walk("VEVENT"))
    wanted = [(d.kind, d.entity.id, d.dato) for d in catalog.deadlines()]
    # two of the notification, one each of the target group, the offer and an agenda follow-up
    assert len(events) == len(wanted) == 5
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts == [dt.date(2024, 5, 1), dt.date(2024, 9, 1), dt.date(2024, 12, 31),
                      dt.date(2025, 6, 1), dt.date(2099, 5, 31)]
    for event in events:
        assert type(event.decoded("DTSTART")) is dt.date
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
    assert sorted(str(e["URL"]) for e in events) == [
        SITE_URL + "kilder/testmoede-2025-01-01/#punkt-2",
        SITE_URL + "maalgrupper/natko-25-testgruppe/", SITE_URL + "tilbud/testtilbud/",
        SITE_URL + "udmeldinger/cu-test/", SITE_URL + "udmeldinger/cu-test/"]
    assert sorted(str(e["UID"]).split("@")[0] for e in events) == [
        "cu-test-frist-2024-12-31", "cu-test-frist-2099-05-31",  # as before other kinds came
        "kilder-testmoede-2025-01-01-punkt-2-opfoelgning-2025-06",
        "maalgrupper-natko-25-testgruppe-frist-2024-05", "tilbud-testtilbud-frist-2024-09"]


def _add_deadline(data: Path, line: str) -> None:
    path = data / "udmeldinger" / "cu-test.yml"
    text = path.read_text("utf-8").replace("svar:\n", line + "svar:\n")
    path.write_text(text, encoding="utf-8")


def test_ics_month_only_dates_and_stable_uids(fixture_data: Path) -> None:
    site = SiteInfo(SITE_URL)
    before = icalendar.Calendar.from_ical(calendar(load_catalog(fixture_data, FIXTURE_SEEDS),
                                                   site))
    _add_deadline(fixture_data, "  - {dato: 2025-06, dato_tekst: 'juni 2025', type: "
                                "fristforlaengelse, beskrivelse: 'Ny frist; med komma, "
                                "semikolon og æøå.', kilde: {kilde: testmoede-2025-01-01, "
                                "linjer: 46}}\n")
    anchor_citations(fixture_data)
    after = icalendar.Calendar.from_ical(calendar(load_catalog(fixture_data, FIXTURE_SEEDS),
                                                  site))
    old = {str(e["UID"]): e.decoded("DTSTART") for e in before.walk("VEVENT")}
    new = {str(e["UID"]): e for e in after.walk("VEVENT")}
    assert set(old) < set(new)  # an added deadline leaves the other UIDs alone
    (added,) = [e for uid, e in new.items() if uid not in old]
    assert added.decoded("DTSTART") == dt.date(2025, 6, 1)
    description = str(added["DESCRIPTION"])
    assert "Ny frist; med komma, semikolon og æøå." in description
    assert "kun måneden (juni 2025)" in description and "første dag" in description
    assert str(added["SUMMARY"]) == "Fristforlængelse: Central udmelding om testsyndrom"


def test_fold_never_splits_a_character() -> None:
    folded = fold("DESCRIPTION:" + "æ" * 100)
    pieces = folded.encode("utf-8").split(b"\r\n")
    assert all(len(p) <= 75 for p in pieces)
    assert "".join(p.decode("utf-8")[1 if i else 0:] for i, p in enumerate(pieces)) == \
        "DESCRIPTION:" + "æ" * 100


# --- Atom -------------------------------------------------------------------------------------


def test_atom_feed_without_history_is_valid_and_empty(catalog: Catalog) -> None:
    # The feeds with a history: tests/test_history.py.
    site = SiteInfo(SITE_URL, changed={"data/tilbud/testtilbud.yml": "2025-03-01"})
    root = ET.fromstring(atom_feed(catalog, site))
    assert root.findall(f"{ATOM}entry") == []
    assert root.findtext(f"{ATOM}updated") == f"{site.today.isoformat()}T00:00:00Z"
    assert "uden versionshistorikken" in (root.findtext(f"{ATOM}subtitle") or "")


def test_atom_feed_in_built_site_parses(fixture_site: Path) -> None:
    root = ET.parse(fixture_site / "aendringer.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "aendringer.xml"
    own = ET.parse(fixture_site / "tilbud/testtilbud/aendringer.xml").getroot()
    assert own.find(f"{ATOM}link[@rel='self']").get("href") == (
        SITE_URL + "tilbud/testtilbud/aendringer.xml")


# --- what the exports link to, and the "Om data" page ---------------------------------------


def _export_files(site: Path) -> list[Path]:
    return [*sorted((site / "api").rglob("*.*")), *sorted(site.rglob("frister.ics")),
            *sorted(site.rglob("aendringer.xml"))]


def test_exports_link_to_no_other_host(fixture_site: Path) -> None:
    for path in _export_files(fixture_site):
        text = path.read_text("utf-8-sig")
        text = text.replace('xmlns="http://www.w3.org/2005/Atom"', "")
        # The data package names its licence by the licence's own address.
        others = [u for u in URL.findall(text) if not u.startswith(SITE_URL)
                  and not (path.name == "datapackage.json" and u == LICENCE.url)]
        assert others == [], path


def test_om_data_page_links_to_files_that_exist(fixture_site: Path) -> None:
    page = fixture_site / "om-data" / "index.html"
    article = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("article")
    assert article is not None
    hrefs = [a["href"] for a in article.select("a[href]")
             if not a["href"].startswith(("#", "http"))]
    linked = {posixpath.normpath(posixpath.join("om-data", urlsplit(h).path)) for h in hrefs}
    # Every file of the open data is linked: each table of the data package, each schema, the
    # whole data set, the calendar and the feed.
    package = json.loads((fixture_site / "api" / "datapackage.json").read_text("utf-8"))
    files = {f"api/{resource['path']}" for resource in package["resources"]}
    assert {"api/maalgrupper.csv", "api/tilbud-kapacitet.csv", "api/ordliste.csv"} <= files
    files |= {f"api/schemas/{name}.schema.json" for name in (*KINDS, "ordliste")}
    files |= {"api/alt.json", "api/datapackage.json", "frister.ics", "aendringer.xml"}
    assert files - linked == set()
    for href in hrefs:
        target = posixpath.normpath(posixpath.join("om-data", urlsplit(href).path))
        path = fixture_site / target
        assert path.is_file() or (path / "index.html").is_file(), href
    tables = article.select("table")
    assert len(tables) == 1 + len(KINDS)  # the files, then one field table per kind
    assert "kapacitet[].pladser" in article.get_text()


def test_every_field_has_a_danish_description() -> None:
    models = [*ENTITY_MODELS.values(), GlossaryEntry]
    seen, missing = set(), []
    while models:
        model = models.pop()
        if model in seen:
            continue
        seen.add(model)
        for spec in field_specs(model):
            if not spec.description:
                missing.append(f"{model.__name__}.{spec.name}")
            if spec.model is not None:
                models.append(spec.model)
    assert missing == []


# --- the real data --------------------------------------------------------------------------


def test_real_site_exports_match_the_catalog(real_site: Path) -> None:
    real = load_catalog(ROOT / "data")
    everything = json.loads((real_site / "api" / "alt.json").read_text("utf-8"))
    for kind in KINDS:
        expected = len(real.entities[kind])
        assert len(list((real_site / "api" / kind).glob("*.json"))) == expected, kind
        assert len(_csv(real_site / "api" / f"{kind}.csv")) == expected, kind
        assert everything["antal"][kind] == expected
    parsed = icalendar.Calendar.from_ical((real_site / "frister.ics").read_bytes())
    assert len(list(parsed.walk("VEVENT"))) == len(real.deadlines())
