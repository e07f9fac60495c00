"""Regions in the real data: every stated region is backed by its cited lines, and offers run
by a region, a municipality or a hospital get a region through `Catalog.region_of`."""

from __future__ import annotations

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.model.common import line_bounds
from tests.support import REAL_SEEDS, ROOT

# How the seeds write each region (name or adjective), lower-cased, hyphenation removed.
REGION_WORDS = {
    "nordjylland": ("nordjylland", "nordjysk"),
    "midtjylland": ("midtjylland", "midtjysk"),
    "syddanmark": ("syddanmark", "syddansk"),
    "hovedstaden": ("hovedstad",),
    "sjaelland": ("sjælland",),
}
LOCAL_OPERATORS = {"region", "kommune", "sundhedsvaesen"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data", REAL_SEEDS)


def _claims(catalog: Catalog) -> list[tuple[str, object]]:
    return [(entity.id, entity.region) for kind in ("tilbud", "organisationer")
            for entity in catalog.all(kind) if entity.region is not None]


def test_every_stated_region_is_named_in_its_cited_lines(catalog: Catalog) -> None:
    if not REAL_SEEDS.is_dir():
        pytest.skip("seed files not present")
    claims = _claims(catalog)
    assert claims
    for entity_id, claim in claims:
        source = catalog.get("kilder", claim.kilde.kilde)
        lines = (REAL_SEEDS / source.fil).read_text(encoding="utf-8").splitlines()
        first, last = line_bounds(claim.kilde.linjer)
        text = "".join(line.rstrip().removesuffix("-") for line in lines[first - 1:last]).lower()
        words = REGION_WORDS[claim.region.value]
        assert any(word in text for word in words), (entity_id, claim)


def test_offers_run_by_regional_or_local_bodies_have_a_region(catalog: Catalog) -> None:
    local = [o for o in catalog.all("tilbud") if o.driftsherre and
             catalog.get("organisationer", o.driftsherre).type.value in LOCAL_OPERATORS]
    assert local
    assert [o.id for o in local if catalog.region_of("tilbud", o.id) is None] == []


def test_national_bodies_have_no_region(catalog: Catalog) -> None:
    national = [o for o in catalog.all("organisationer")
                if o.type.value in {"ministerium", "styrelse"} or o.id in {"kl", "natko"}]
    assert national
    assert [o.id for o in national if catalog.region_of("organisationer", o.id)] == []
