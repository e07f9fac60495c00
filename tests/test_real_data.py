"""The real data: loads cleanly, every file is one entity, cites lines that exist.

Properties, not counts: a legitimate edit of data/ (an offer added or closed, a group merged)
keeps these tests green; a broken file, a lost entity or a citation outside its text does not."""

from __future__ import annotations

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.model.common import line_bounds
from koordineringsbasen.model.dates import period
from koordineringsbasen.model.schema import stale_schemas
from koordineringsbasen.texts.seedtext import SeedTexts
from tests.support import REAL_SEEDS, ROOT

AUTUMN_2024 = period("2024-09").first  # NATKO's autumn 2024 rating round began in September


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data", REAL_SEEDS)


def test_every_data_file_is_one_entity_of_its_kind(catalog: Catalog) -> None:
    for kind, entities in catalog.entities.items():
        files = sorted(p.name for p in (ROOT / "data" / kind).glob("*.yml"))
        assert files, kind
        assert sorted(f"{entity_id}.yml" for entity_id in entities) == files, kind


def test_every_natko_group_has_its_own_number_and_an_autumn_2024_rating(catalog: Catalog) -> None:
    natko = [g for g in catalog.all("maalgrupper") if g.art.value == "natko"]
    assert natko
    numbers = [g.natko_nr for g in natko]
    assert None not in numbers and len(set(numbers)) == len(numbers), sorted(numbers)
    unrated = [g.id for g in natko if not any(
        "2024" in r.runde and period(r.dato).first >= AUTUMN_2024 for r in g.risiko)]
    assert unrated == []


def test_every_cited_line_range_is_inside_its_seed_file(catalog: Catalog) -> None:
    if not REAL_SEEDS.is_dir():
        pytest.skip("seed files not present")
    citing = set()
    for source_id, facts in catalog.citations.items():
        source = catalog.get("kilder", source_id)
        total = len(SeedTexts(REAL_SEEDS).raw_lines(source.fil) or ())
        for fact in facts:
            first, last = line_bounds(fact.lines)
            assert 1 <= first <= last <= total, (fact, source.fil)
            citing.add(fact.entity)
    # Every entity other than a source cites lines, so the loop above has checked all of them.
    uncited = [(kind, entity_id) for kind, entities in catalog.entities.items() if kind != "kilder"
               for entity_id in entities if (kind, entity_id) not in citing]
    assert uncited == []


def test_every_entity_file_has_the_schema_modeline() -> None:
    for path in sorted((ROOT / "data").glob("*/*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{path.parent.name}.schema.json", path


def test_committed_schemas_match_the_model() -> None:
    assert stale_schemas(ROOT) == []


def test_disagreements_keep_distinct_values(catalog: Catalog) -> None:
    """A disagreement keeps every value as its source states it: no value is recorded twice from
    the same lines (that would be one value, not a disagreement)."""
    repeated = []
    for kind in ("maalgrupper", "tilbud", "udmeldinger", "organisationer"):
        for entity in catalog.all(kind):
            for disagreement in entity.uenigheder:
                given = [(v.vaerdi, v.kilde.kilde, v.kilde.linjer) for v in disagreement.vaerdier]
                if len(set(given)) < max(2, len(given)):
                    repeated.append((entity.id, disagreement.felt))
    assert repeated == []
