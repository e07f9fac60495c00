"""Overview filter values and the form: rendered at build time, escaped, no region handled."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.model import Region
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.filters import (
    UNKNOWN_REGION,
    danish_key,
    filter_form,
    filters_for,
    region_value,
    row_marker,
)
from koordineringsbasen.render.overviews import render_overview
from tests.support import ROOT


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data")


def test_every_offer_has_a_region_value(catalog: Catalog) -> None:
    for offer in catalog.all("tilbud"):
        value, label = region_value(catalog, "tilbud", offer.id)
        region = catalog.region_of("tilbud", offer.id)
        if region is None:
            assert (value, label) == (UNKNOWN_REGION, "Ingen region i data")
        else:
            assert value == region.value and label.startswith("Region ")
    assert {v.value for v in Region}.isdisjoint({UNKNOWN_REGION})


def test_markers_hold_the_values_of_each_filter(catalog: Catalog) -> None:
    filters = filters_for("tilbud", RenderContext(catalog).today)
    for offer in catalog.all("tilbud"):
        span = BeautifulSoup(row_marker(catalog, filters, offer), "html.parser").span
        assert span.has_attr("hidden") and span["data-id"] == offer.id
        assert span["data-f-kategori"] == offer.kategori.value
        groups = span["data-f-maalgruppe"].split()
        assert groups == list(dict.fromkeys(g.id for g in offer.maalgrupper)) or groups == ["ingen"]
        assert all(re.fullmatch(r"[a-z0-9-]+", v) for f in filters
                   for v in span[f"data-f-{f.key}"].split())


def test_form_offers_every_value_once_in_danish_order(catalog: Catalog) -> None:
    offers = catalog.all("tilbud")
    form = BeautifulSoup(filter_form(catalog, "tilbud", filters_for("tilbud", None), offers),
                         "html.parser")
    assert form.form.has_attr("hidden")
    labels = [o.get_text() for o in form.select("select[name=kategori] option")[1:]]
    assert labels == sorted(labels, key=danish_key) and labels[-1].startswith("Ø")
    assert len(labels) == len({o.kategori for o in offers})
    for select in form.select("select"):
        assert form.find("label", attrs={"for": select["id"]})


def test_overview_rows_carry_markers(catalog: Catalog) -> None:
    text = render_overview(RenderContext(catalog), "tilbud")
    assert text.count('class="kb-row"') == len(catalog.entities["tilbud"])
    assert 'aria-live="polite"' in text and "../api/tilbud.csv" in text


def test_danish_order() -> None:
    assert sorted(["Åben", "Øst", "Ærø", "Zink"], key=danish_key) == ["Zink", "Ærø", "Øst", "Åben"]
