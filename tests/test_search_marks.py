"""What the site search reads, marked on the real built pages as the pages are made: tables
searched on entity pages only, number tables and footnotes in unsearched blocks, source texts
weighted low, the toc's permalinks left out (site/search_index.py)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

IGNORED = {"data-pagefind-ignore": "all"}


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _ignored(element: Tag) -> bool:
    return any(parent.get("data-pagefind-ignore") == "all"
               for parent in [element, *element.parents] if isinstance(parent, Tag))


def _body(page: BeautifulSoup) -> Tag:
    body = page.find(attrs={"data-pagefind-body": True})
    assert isinstance(body, Tag)
    return body


def test_entity_pages_search_their_tables_but_not_their_number_tables(real_site: Path) -> None:
    page = _body(_page(real_site, "tilbud/kvisten"))  # capacity, prices and follow-up
    headings = {h.get_text(" ", strip=True).rstrip("¶").strip(): h for h in page.find_all("h2")}
    for title, searched in (("Opfølgning og status", True), ("Priser", False), ("Kilder", False)):
        assert _ignored(headings[title]) is not searched, title
    capacity = [h for t, h in headings.items() if t.startswith("Kapacitet og belægning")]
    assert capacity and all(_ignored(h) for h in capacity)
    # Each unsearched block holds its heading and what follows it, up to the next section.
    for heading in capacity:
        block = heading.find_parent(attrs=IGNORED)
        assert block is not None and block.find("table") is not None
    follow_up = headings["Opfølgning og status"].find_next("table")
    assert follow_up is not None and not _ignored(follow_up)
    assert page.find(class_="kb-asof") is not None and _ignored(page.find(class_="kb-asof"))


def test_other_pages_leave_every_table_out(real_site: Path) -> None:
    for url in ("tilbud", "maalgrupper/risikomatrix", "tilbud/sikrede-afdelinger", "om-data",
                "udmeldinger/frister", "ordliste"):
        tables = _body(_page(real_site, url)).find_all("table")
        assert tables, url
        assert all(_ignored(table) for table in tables), url


def test_source_texts_weigh_little_and_have_their_own_kind(real_site: Path) -> None:
    text = _body(_page(real_site, "kilder/natko-raad-2025-03-11/tekst")).find(class_="kb-kildetekst")
    assert isinstance(text, Tag)
    assert text["data-pagefind-weight"] == "0.2"
    assert text["data-pagefind-filter"] == "Type:Kildetekst"
    assert text["data-pagefind-meta"] == "kind:Kildetekst"
    source_page = _body(_page(real_site, "kilder/natko-raad-2025-03-11"))
    assert source_page.find(attrs={"data-pagefind-weight": "0.2"}) is None  # the source's page


def test_permalinks_are_left_out(real_site: Path) -> None:
    links = _body(_page(real_site, "tilbud/kofoedsminde")).find_all("a", class_="headerlink")
    assert links and all(link.get("data-pagefind-ignore") == "all" for link in links)
