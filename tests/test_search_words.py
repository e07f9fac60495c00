"""Compound parts for the search, legal references down to the paragraph, and the page tables
that the CSV downloads are read from."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.danish.compounds import DOMAIN_WORDS, compound_parts, text_parts
from koordineringsbasen.danish.legal import paragraph_order, paragraphs
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render import page_tables, search_block, search_terms
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.filters import filters_for

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data")


@pytest.mark.parametrize(("word", "parts"), [
    ("Aflastningstilbud", ["aflastning", "tilbud"]),
    ("Behandlingstilbud", ["behandling", "tilbud"]),
    ("botilbud", ["tilbud"]),  # "bo" is too short to be a part
    ("rusmiddelforbrug", ["rusmiddel", "rusmidler", "forbrug"]),
    ("døgnbehandlingsindsatser", ["behandling", "indsats", "indsatser", "døgn"]),
    ("dobbeltdiagnosetilbud", ["diagnose", "tilbud", "dobbelt"]),
    ("Geelsgårdskolen", ["skole", "skolen", "geelsgård"]),
    ("Tilbud", []),  # a domain word on its own is no compound
    ("Kofoedsminde", []),
])
def test_compound_parts(word: str, parts: list[str]) -> None:
    assert compound_parts(word) == parts


def test_every_domain_word_is_lower_case_and_found_inside_a_compound() -> None:
    for word, forms in DOMAIN_WORDS.items():
        assert word == word.casefold() and all(f == f.casefold() for f in forms)
        assert word in compound_parts("kvalitets" + word)


def test_text_parts_are_in_the_keywords_and_the_name_words(catalog: Catalog) -> None:
    offer = catalog.get("tilbud", "botilbud-voksne-doevblindhed")
    assert text_parts(offer.navn) == ["tilbud"]
    assert any("tilbud" in k.split() for k in search_terms.keywords(offer))
    assert "tilbud" in search_block.name_words(offer)
    group = catalog.get("maalgrupper", "natko-35-gravide-med-rusmiddelbrug")
    words = " ".join(search_terms.keywords(group)).split()
    assert "rusmidler" in words and "rusmiddel" in words
    # The block carries them in the weighted paragraph, escaped like every keyword.
    block = search_block.search_block(group, catalog)
    weighted = re.search(r'<p data-pagefind-weight="\d+">(.*?)</p>', block)
    assert weighted and "rusmidler" in weighted.group(1)


@pytest.mark.parametrize(("text", "expected"), [
    ("SEL § 108, stk. 6", ["SEL § 108"]),
    ("SEL § 108", ["SEL § 108"]),
    ("§ 108", ["SEL § 108"]),
    ("§108", ["SEL § 108"]),
    ("SEL §§ 107 og 108", ["SEL § 107", "SEL § 108"]),
    ("BL § 43, stk. 1 nr. 6 / § 107/108", ["BL § 43", "SEL § 107", "SEL § 108"]),
    ("BL § 43, § 50", ["BL § 43", "BL § 50"]),
    ("SEL § 13 b, stk. 2 og 3", ["SEL § 13 b"]),
    ("SEL § 85, rehabilitering", ["SEL § 85"]),
    ("SEL § 107 (midlertidigt botilbud)", ["SEL § 107"]),
    ("FSL § 20 stk. 3", ["FSL § 20"]),
    ("Bekendtgørelse 219 af 10.02.2022 § 22", ["Bekendtgørelse 219 af 10.02.2022 § 22"]),
    ("VEJ nr. 49 af 30/06/2009", ["VEJ nr. 49 af 30/06/2009"]),
    ("  ", []),
])
def test_legal_references_down_to_the_paragraph(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected


def test_paragraphs_sort_by_law_then_number() -> None:
    labels = ["SEL § 108", "SEL § 12", "BL § 43", "SEL § 13 b", "SEL § 13"]
    assert sorted(labels, key=paragraph_order) == [
        "BL § 43", "SEL § 12", "SEL § 13", "SEL § 13 b", "SEL § 108"]


# Written from the data's notations, independently of danish/legal.py: a "108" under a "§"
# whose law is the service act, named ("SEL §", "SEL §§ 107 og 108") or left out ("/ § 107/108").
SERVICE_ACT_108 = re.compile(r"(?:^|SEL |/ )§§?[^§]*?\b108\b")


def test_the_legal_basis_filter_finds_every_offer_with_paragraph_108(catalog: Catalog) -> None:
    expected = {o.id for o in catalog.all("tilbud")
                if any(SERVICE_ACT_108.search(text) for text in o.lovgrundlag)}
    notations = {text for o in catalog.all("tilbud") for text in o.lovgrundlag
                 if SERVICE_ACT_108.search(text)}
    assert len(notations) >= 3, notations  # the data write it more than one way
    law = next(f for f in filters_for("tilbud", dt.date(2026, 1, 1)) if f.key == "lovgrundlag")
    found = {o.id for o in catalog.all("tilbud")
             if ("sel-108", "SEL § 108") in law.values(catalog, o)}
    assert found == expected and len(found) >= 5


def test_the_search_facet_names_the_law(catalog: Catalog) -> None:
    facets = search_block.facets(catalog.get("tilbud", "kofoedsminde"), catalog)
    assert facets[search_block.LAW][0] == "SEL § 108"  # "SEL § 108, stk. 6" in the data
    assert all(" § " in value and value.split()[0].isupper() for value in facets[search_block.LAW])


def test_page_tables_are_the_pages_tables(catalog: Catalog) -> None:
    """Every <table> a page renders is one page table, with as many rows as it has <tr>."""
    ctx = RenderContext(catalog, today=dt.date(2025, 1, 1))  # upcoming and passed deadlines
    for key, render in page_tables.PAGES.items():
        html = render(ctx)
        tables = page_tables.page_tables(ctx, key)
        bodies = re.findall(r"<tbody>(.*?)</tbody>", html, re.DOTALL)
        assert len(tables) == len(bodies) >= 1, key
        for table, body in zip(tables, bodies, strict=True):
            assert len(table.rows) == body.count("<tr>"), (key, table.name)
            assert all(len(row) == len(table.headers) for row in table.rows)
            assert not any("KBMÆRKE" in cell or "<" in cell for row in table.rows for cell in row)
    frister = page_tables.page_tables(ctx, "frister")
    assert [t.name for t in frister] == ["frister-kommende-frister", "frister-passerede-frister"]
    # A footnote-only column ("Kilde" of Takster) is left out; the others stay, in order.
    prices = page_tables.page_tables(ctx, "takster")[0]
    assert prices.headers == ("Tilbud", "Kategori", "År", "Ydelse", "Takst", "Note")
