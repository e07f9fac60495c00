"""The real data: loads cleanly, meets the minimum counts, cites lines that exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.model.common import line_bounds
from koordineringsbasen.model.schema import stale_schemas
from koordineringsbasen.texts.seedtext import SeedTexts
from tests.support import REAL_SEEDS, ROOT

MINIMUMS = {"maalgrupper": 34 + 15, "tilbud": 45, "udmeldinger": 5, "kilder": 7,
            "organisationer": 10}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data", REAL_SEEDS)


def test_counts_meet_minimums(catalog: Catalog) -> None:
    counts = {kind: len(entities) for kind, entities in catalog.entities.items()}
    for kind, minimum in MINIMUMS.items():
        assert counts[kind] >= minimum, counts


def test_all_34_natko_groups_with_an_autumn_2024_rating(catalog: Catalog) -> None:
    natko = [g for g in catalog.all("maalgrupper") if g.art.value == "natko"]
    assert sorted(g.natko_nr for g in natko) == [n for n in range(1, 38) if n not in (16, 27, 28)]
    regional = [g for g in catalog.all("maalgrupper") if g.art.value != "natko"]
    assert len(regional) >= 15
    rated = [g for g in natko if any("2024" in r.runde and r.dato >= "2024-09" for r in g.risiko)]
    assert len(rated) == 34


def test_every_cited_line_range_is_inside_its_seed_file(catalog: Catalog) -> None:
    if not REAL_SEEDS.is_dir():
        pytest.skip("seed files not present")
    checked = 0
    for source_id, facts in catalog.citations.items():
        source = catalog.get("kilder", source_id)
        total = len(SeedTexts(REAL_SEEDS).raw_lines(source.fil) or ())
        for fact in facts:
            first, last = line_bounds(fact.lines)
            assert 1 <= first <= last <= total, (fact, source.fil)
            checked += 1
    assert checked > 500


def test_every_entity_file_has_the_schema_modeline() -> None:
    for path in sorted((ROOT / "data").glob("*/*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{path.parent.name}.schema.json", path


def test_committed_schemas_match_the_model() -> None:
    assert stale_schemas(ROOT) == []


def test_disagreements_are_recorded(catalog: Catalog) -> None:
    total = sum(len(e.uenigheder) for kind in ("maalgrupper", "tilbud", "udmeldinger",
                                                 "organisationer") for e in catalog.all(kind))
    assert total >= 20
    assert isinstance(ROOT, Path)
