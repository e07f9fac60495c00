"""The licence in every place that names it (data package, feed, "Om data", the download
list), the data set's JSON-LD record, the footer's publisher and contact on every page, the
"Meld en fejl" mail link, and the build's notice while publisher and contact are placeholders."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from koordineringsbasen.exports.dataset import (
    PLACEHOLDER_CONTACT,
    PLACEHOLDER_PUBLISHER,
    dataset_record,
    json_ld_block,
    publisher_from,
)
from koordineringsbasen.exports.licence import LICENCE
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.site.footer import footer_settings, issue_form, placeholder_notice
from koordineringsbasen.urls import SiteInfo
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, ROOT

SITE_URL = "https://koordineringsbasen.github.io/koordineringsbasen/"
ATOM = "{http://www.w3.org/2005/Atom}"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _json_ld(page: Path) -> dict[str, Any]:
    [script] = _soup(page).select('script[type="application/ld+json"]')
    record: dict[str, Any] = json.loads(script.string)
    return record


# --- the licence -------------------------------------------------------------------------


def test_data_package_and_feed_name_the_licence(fixture_site: Path) -> None:
    package = json.loads((fixture_site / "api" / "datapackage.json").read_text("utf-8"))
    assert package["licenses"] == [{"name": "CC-BY-4.0", "title": LICENCE.title,
                                    "path": "https://creativecommons.org/licenses/by/4.0/"}]
    feed = ET.parse(fixture_site / "aendringer.xml").getroot()
    rights = feed.find(f"{ATOM}rights")
    assert rights is not None and "CC BY 4.0" in (rights.text or "")
    assert rights in list(feed)  # in the feed's head, not an entry's


def test_om_data_names_the_licence_with_the_downloads(fixture_site: Path) -> None:
    article = _soup(fixture_site / "om-data" / "index.html").select_one("article")
    assert article is not None
    heading = article.select_one("h2#licens")
    assert heading is not None
    download = article.select_one("h2#hent-data")
    assert download is not None
    intro = download.find_next("p")
    assert intro is not None and "CSV og JSON" in intro.get_text()
    assert intro.select_one(f'a[href="{LICENCE.reader_url}"]') is not None
    section = heading.find_next("p")
    assert section is not None and section.select_one(f'a[href="{LICENCE.reader_url}"]')
    assert "Vilkår for brug af danske offentlige data" in article.get_text()


# --- the data set's record ---------------------------------------------------------------


def test_dataset_record_is_json_ld_with_the_required_fields(fixture_site: Path) -> None:
    record = _json_ld(fixture_site / "om-data" / "index.html")
    assert record["@context"] == "https://schema.org" and record["@type"] == "Dataset"
    assert record["license"] == LICENCE.url
    assert record["publisher"] == {"@type": "Organization", "name": PLACEHOLDER_PUBLISHER,
                                   "email": PLACEHOLDER_CONTACT}
    catalog = load_catalog(FIXTURE_DATA, FIXTURE_SEEDS)
    dates = sorted(s.dato for s in catalog.all("kilder"))
    assert record["temporalCoverage"] == f"{dates[0]}/{dates[-1]}"
    start, end = record["temporalCoverage"].split("/")
    assert start < end  # ISO dates, partial ones too ('2025-02'), sort as text
    files = {d["contentUrl"]: d["encodingFormat"] for d in record["distribution"]}
    assert files[SITE_URL + "api/tilbud.csv"] == "text/csv"
    assert files[SITE_URL + "api/alt.json"] == "application/json"
    assert SITE_URL + "api/tilbud-kontakt.csv" in files
    for url in files:  # every distribution is a file of the built site
        assert url.startswith(SITE_URL) and (fixture_site / url[len(SITE_URL):]).is_file(), url


def test_dataset_record_cannot_end_its_script_element() -> None:
    catalog = load_catalog(FIXTURE_DATA, FIXTURE_SEEDS)
    hostile = publisher_from({"udgiver": "</script><script>alert(1)</script>&"})
    block = str(json_ld_block(dataset_record(catalog, SiteInfo(SITE_URL), hostile)))
    body = block.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["publisher"]["name"] == "</script><script>alert(1)</script>&"


# --- publisher, contact and the footer ------------------------------------------------------


def test_placeholders_until_publisher_and_contact_are_set() -> None:
    missing = publisher_from({})
    assert (missing.name, missing.contact) == (PLACEHOLDER_PUBLISHER, PLACEHOLDER_CONTACT)
    notice = placeholder_notice(missing)
    assert notice is not None and notice.startswith("ADVARSEL: extra.udgiver og extra.kontakt")
    half = placeholder_notice(publisher_from({"udgiver": "Projektet"}))
    assert half is not None and "extra.kontakt" in half and "extra.udgiver" not in half
    assert placeholder_notice(publisher_from({"udgiver": "Projektet",
                                              "kontakt": "post@projekt.dk"})) is None


def test_real_config_keeps_placeholders_overridable(monkeypatch: pytest.MonkeyPatch) -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    assert publisher_from(config["extra"]).placeholders == ["udgiver", "kontakt"]
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "!ENV [KOORDINERINGSBASEN_UDGIVER" in text and "!ENV [KOORDINERINGSBASEN_KONTAKT" in text


def test_footer_settings_and_issue_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    extra: dict[str, Any] = {"udgiver": "Projektet", "kontakt": "post@projekt.dk"}
    footer_settings(extra)
    assert extra["kb_mailto"] == "mailto:post@projekt.dk"
    assert extra["kb_sagsformular"] is None  # no GitHub: no issue form
    assert issue_form("ejer/navn") == ("https://github.com/ejer/navn/issues/new"
                                       "?template=forkert-oplysning.yml")
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / "forkert-oplysning.yml").is_file()


def _report_link(page: Path) -> tuple[str, dict[str, list[str]]]:
    link = _soup(page).select_one("footer a[data-kb-meld-fejl]")
    assert link is not None, page
    href = str(link["href"])
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    return unquote(parts.path), parse_qs(parts.query)


def test_every_page_names_publisher_and_contact_and_offers_to_report_an_error(
        fixture_site: Path) -> None:
    pages = sorted(fixture_site.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        footer = _soup(page).select_one("footer .kb-udgiver")
        assert footer is not None, page
        text = " ".join(footer.get_text().split())
        assert f"Udgiver: {PLACEHOLDER_PUBLISHER}" in text and PLACEHOLDER_CONTACT in text, page
        assert footer.select_one(f'a[href="mailto:{PLACEHOLDER_CONTACT}"]') is not None
        assert "CC BY 4.0" in text and "Tilgængelighedserklæring" in text
        address, _ = _report_link(page)
        assert address == PLACEHOLDER_CONTACT


def test_report_mail_has_a_danish_subject_and_body_naming_the_page(fixture_site: Path) -> None:
    address, query = _report_link(fixture_site / "tilbud" / "testtilbud" / "index.html")
    assert address == PLACEHOLDER_CONTACT
    [subject], [body] = query["subject"], query["body"]
    assert subject == "Fejl på Koordineringsbasen: Testtilbuddet Østerlund"
    lines = body.split("\r\n")
    assert "Side: Testtilbuddet Østerlund" in lines
    assert f"Adresse: {SITE_URL}tilbud/testtilbud/" in lines
    assert any(line.startswith("Hvad er forkert") for line in lines)
    _, front = _report_link(fixture_site / "index.html")
    assert front["subject"] == ["Fejl på Koordineringsbasen: Koordineringsbasen"]


def test_issue_form_is_offered_beside_the_mail_when_github_is_configured(
        fixture_site: Path) -> None:
    link = _soup(fixture_site / "tilbud" / "testtilbud" / "index.html").select_one(
        "footer a.kb-meld-fejl__sag")
    assert link is not None
    parts = urlsplit(str(link["href"]))
    assert parts.netloc == "github.com" and parts.path.endswith("/issues/new")
    assert parse_qs(parts.query) == {"template": ["forkert-oplysning.yml"],
                                     "side": [f"{SITE_URL}tilbud/testtilbud/"]}


def test_contact_line_on_real_pages(real_site: Path) -> None:
    page = _soup(real_site / "organisationer" / "sekretariat-nordjysk-socialaftale" / "index.html")
    [line] = [fact for fact in page.select("article .kb-fact")
              if fact.dt and fact.dt.get_text() == "Kontakt"]
    assert line.select_one('a[href="http://www.nordjysksocialaftale.dk/"]') is not None
    assert line.select_one('a[href="mailto:Nordjysksocialaftale@aalborg.dk"]') is not None
    assert line.select_one("sup a.footnote-ref") is not None
