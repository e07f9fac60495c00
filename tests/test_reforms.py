"""Reforms and programmes (model/reforms.py): the real records' timelines and links, both ways."""

from __future__ import annotations

import datetime as dt

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.render.quality import missing_figures
from koordineringsbasen.texts.seedtext import SeedTexts
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, REAL_SEEDS, ROOT


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data", REAL_SEEDS)


def test_the_three_named_reforms_have_cited_timelines(catalog: Catalog) -> None:
    reforms = {r.id: r for r in catalog.all("reformer")}
    assert {"specialeplanlaegning-handicap", "sundhedsreform-2024",
            "oea24-botilbudskapacitet"} <= set(reforms)
    special = reforms["specialeplanlaegning-handicap"]
    assert "2031" in {m.dato for m in special.milepaele}
    assert all(m.planlagt for m in special.milepaele)
    assert "2024-11-15" in {m.dato for m in reforms["sundhedsreform-2024"].milepaele}
    assert {m.dato for m in reforms["oea24-botilbudskapacitet"].milepaele} == {
        "2024", "2025", "2026"}


def test_every_linked_entity_lists_the_reform_back(catalog: Catalog) -> None:
    for reform in catalog.all("reformer"):
        for field in ("maalgrupper", "tilbud", "udmeldinger", "organisationer"):
            for link in getattr(reform, field):
                back = catalog.linking_entities(field, link.id, "reformer")
                assert reform in back, (reform.id, field, link.id)


def test_the_reform_page_shows_its_timeline_and_the_offer_page_links_back() -> None:
    ctx = RenderContext(load_catalog(FIXTURE_DATA, FIXTURE_SEEDS), today=dt.date(2025, 6, 1),
                        texts=SeedTexts(FIXTURE_SEEDS))
    page = render_entity(ctx, "reformer", "testreform")
    assert "## Tidslinje" in page and "Planlagt" in page
    assert "testtilbud" in page
    offer = render_entity(ctx, "tilbud", "testtilbud")
    assert "Reformer og programmer, der angår tilbuddet" in offer
    assert "testreform" in offer
    assert not [m for m in missing_figures(ctx) if m[0] == "reformer"]
