"""The built real site: a page per record, links both ways, matrix and deadlines complete."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render.citations import BACKLINK_TITLE
from koordineringsbasen.render.links import SPECIAL_PAGES
from koordineringsbasen.site import mkdocs_yml
from tests.support import REAL_SEEDS, ROOT

# Hand-written pages inside the sections (risk matrix, deadlines, comparison pages).
SECTION_PAGES = {PurePosixPath(p).stem for p in SPECIAL_PAGES.values() if "/" in p}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data", REAL_SEEDS)


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def hrefs(page: BeautifulSoup) -> set[str]:
    article = page.find("article")
    return {a["href"] for a in article.find_all("a", href=True)}


def test_one_page_per_record(real_site: Path, catalog: Catalog) -> None:
    for kind, entities in catalog.entities.items():
        built = {p.name for p in (real_site / kind).iterdir() if (p / "index.html").exists()}
        assert built - SECTION_PAGES == set(entities), kind


def test_links_in_both_directions(real_site: Path, catalog: Catalog) -> None:
    checked = 0
    for offer in catalog.all("tilbud"):
        offer_links = hrefs(soup(real_site, f"tilbud/{offer.id}"))
        for link in offer.maalgrupper:
            assert f"../../maalgrupper/{link.id}/" in offer_links
            group_links = hrefs(soup(real_site, f"maalgrupper/{link.id}"))
            assert f"../../tilbud/{offer.id}/" in group_links
            checked += 1
    for note in catalog.all("udmeldinger"):
        note_links = hrefs(soup(real_site, f"udmeldinger/{note.id}"))
        for link in note.maalgrupper:
            assert f"../../maalgrupper/{link.id}/" in note_links
            assert f"../../udmeldinger/{note.id}/" in hrefs(soup(real_site, f"maalgrupper/{link.id}"))
            checked += 1
    assert checked, "no offer or note in the data links a target group"


def test_sources_list_the_pages_that_cite_them(real_site: Path, catalog: Catalog) -> None:
    for source_id, facts in catalog.citations.items():
        links = hrefs(soup(real_site, f"kilder/{source_id}"))
        for kind, entity_id in {f.entity for f in facts} - {("kilder", source_id)}:
            # (a source's agenda items citing its own lines are on the page already)
            assert f"../../{kind}/{entity_id}/" in links, (source_id, entity_id)


def test_risk_matrix_lists_every_rating(real_site: Path, catalog: Catalog) -> None:
    page = soup(real_site, "maalgrupper/risikomatrix")
    table = page.find("article").find("table")
    badges = len(table.select(".kb-risk"))
    assert badges == sum(len(g.risiko) for g in catalog.all("maalgrupper"))
    for badge in table.select(".kb-risk"):
        assert badge.get_text(strip=True) in {"Rød", "Gul", "Grøn"} and badge.find("svg")


def test_deadline_timeline_lists_every_deadline(real_site: Path, catalog: Catalog) -> None:
    page = soup(real_site, "udmeldinger/frister")
    rows = page.find("article").select("table tbody tr")
    # Every kind's deadlines and the agenda items' follow-ups with a deadline (catalog.deadlines)
    expected = sum(1 for kind in catalog.entities for e in catalog.all(kind)
                   for event in getattr(e, "haendelser", [])
                   if event.type.value in ("frist", "fristforlaengelse")) \
        + sum(1 for s in catalog.all("kilder") for item in s.punkter for action in item.opfoelgning
              if action.frist)
    assert len(rows) == expected == len(catalog.deadlines()) > 0


def test_entity_pages_have_sources_and_edit_link(real_site: Path, catalog: Catalog) -> None:
    for kind in ("maalgrupper", "tilbud", "udmeldinger", "organisationer"):
        for entity in catalog.all(kind):
            page = soup(real_site, f"{kind}/{entity.id}")
            assert page.select(".footnote li"), (kind, entity.id)
            edit = page.select_one("a.kb-edit")
            assert edit and edit["href"].endswith(f"/data/{kind}/{entity.id}.yml")


def test_no_page_loads_anything_from_another_host(real_site: Path) -> None:
    for html in real_site.rglob("*.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in page.find_all(src=True):
            assert not tag["src"].startswith(("http:", "https:", "//")), (html, tag)
        for tag in page.find_all("link", href=True):
            assert not tag["href"].startswith(("http:", "https:", "//")) or tag.get("rel") in (
                ["canonical"], ["alternate"]), (html, tag)


def test_not_found_page_is_danish_with_policy(real_site: Path) -> None:
    html = (real_site / "404.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert page.find("h1").get_text(strip=True) == "Siden findes ikke"
    assert "Not found" not in html
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy and "script-src 'self'" in policy["content"]


def test_no_page_has_an_id_twice(real_site: Path) -> None:
    # Footnote markers are written as HTML (render/citations.py): each needs its own id.
    twice = {}
    for page in real_site.rglob("*.html"):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8"))
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            twice[page.relative_to(real_site).as_posix()] = repeated[:5]
    assert not twice, twice


def test_footnote_back_links_are_titled_as_the_extension_titles_them() -> None:
    # Markdown footnotes in docs/ and the footnotes written as HTML read the same.
    config = mkdocs_yml.read()
    options = next(e["footnotes"] for e in config["markdown_extensions"]
                   if isinstance(e, dict) and "footnotes" in e)
    assert options["BACKLINK_TITLE"] == BACKLINK_TITLE
