"""Catalog: lookups, reverse links and citations computed once from the fixture data."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FIXTURE_DATA, FIXTURE_SEEDS)


def test_reverse_links_both_directions(catalog: Catalog) -> None:
    offers = catalog.linking_entities("maalgrupper", "natko-25-testgruppe", "tilbud")
    assert [o.id for o in offers] == ["testtilbud"]
    notes = catalog.linking_entities("maalgrupper", "natko-25-testgruppe", "udmeldinger")
    assert [n.id for n in notes] == ["cu-test"]
    subgroups = catalog.linking_entities("maalgrupper", "natko-25-testgruppe", "maalgrupper")
    assert [g.id for g in subgroups] == ["reg-undergruppe"]
    run_by = catalog.linking_entities("organisationer", "region-test", "tilbud")
    assert [o.id for o in run_by] == ["testtilbud"]
    assert [n.id for n in catalog.linking_entities("tilbud", "testtilbud", "udmeldinger")] == ["cu-test"]


def test_embedded_document_links_to_its_meeting(catalog: Catalog) -> None:
    docs = catalog.linking_entities("kilder", "testmoede-2025-01-01", "kilder")
    assert [d.id for d in docs] == ["testrapport-2025"]
    assert [s.id for s in catalog.source_chain("testrapport-2025")] == [
        "testrapport-2025", "testmoede-2025-01-01"]


def test_citations_per_source(catalog: Catalog) -> None:
    facts = catalog.citations["testrapport-2025"]
    lines = sorted({f.lines for f in facts if f.entity == ("tilbud", "testtilbud")})
    assert lines == ["105", "105-106", "110", "111", "112", "113"]


def test_catalog_is_immutable(catalog: Catalog) -> None:
    with pytest.raises(TypeError):
        catalog.entities["tilbud"]["x"] = None  # type: ignore[index]
    entity = catalog.get("tilbud", "testtilbud")
    with pytest.raises(ValidationError):
        entity.navn = "Ændret"
    assert catalog.count() == 9
