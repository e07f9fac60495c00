"""Which municipalities an offer serves (Offer.kommuner, Catalog.covers): the rule over the
real data's appendix rows, the overview filter, and the check of the field's ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from koordineringsbasen.model.common import line_bounds
from koordineringsbasen.render.filters import filters_for
from tests.support import FIXTURE_SEEDS, REAL_SEEDS, ROOT

NORTH = "region nordjylland"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data", REAL_SEEDS)


def _said(text: str) -> str:
    """The cited text as one lower-case line, hyphenation at line ends undone."""
    return " ".join(text.replace("-\n", "").replace("- ", "").split()).lower()


def _rows_naming_north(catalog: Catalog) -> set[str]:
    """Offers with an appendix row (a `kommuner` citation) whose text names Region Nordjylland
    as covered, read from the anchors the data keep of the cited lines."""
    found = set()
    for offer in catalog.all("tilbud"):
        for row in offer.kommuner:
            anchor = row.kilde.anker
            assert anchor is not None, offer.id
            if NORTH in _said(anchor.tekst):
                found.add(offer.id)
    return found


def test_aalborg_is_served_by_every_offer_whose_appendix_row_covers_the_north(
        catalog: Catalog) -> None:
    expected = _rows_naming_north(catalog)
    assert len(expected) >= 2  # the appendix names Aalborgskolen and Planethuset
    assert {o.id for o in catalog.offers_serving("aalborg-kommune")} == expected
    kommune = next(f for f in filters_for("tilbud", None) if f.key == "kommune")
    marked = {o.id for o in catalog.all("tilbud")
              if "aalborg-kommune" in [v for v, _ in kommune.values(catalog, o)]}
    assert marked == expected


def test_the_appendix_rows_in_the_source_text_agree(catalog: Catalog) -> None:
    if not REAL_SEEDS.is_dir():
        pytest.skip("seed files not present")
    for offer in catalog.all("tilbud"):
        for row in offer.kommuner:
            source = catalog.get("kilder", row.kilde.kilde)
            lines = (REAL_SEEDS / source.fil).read_text(encoding="utf-8").splitlines()
            first, last = line_bounds(row.kilde.linjer)
            text = _said("\n".join(lines[first - 1:last]))
            name = catalog.get("organisationer", row.id).navn.lower()
            assert name.removeprefix("region ").removesuffix(" kommune") in text, (offer.id, row.id)
            for excepted in row.undtagen:
                other = catalog.get("organisationer", excepted).navn.lower()
                assert other.removesuffix(" kommune") in text and "undtagelse" in text


def test_a_region_row_excepts_the_municipalities_it_lists(catalog: Catalog) -> None:
    hearing_south = catalog.get("tilbud", "center-for-hoeretab")
    hearing_north = catalog.get("tilbud", "aalborgskolen-hoeretab")
    assert not catalog.covers(hearing_south, "favrskov-kommune")
    assert catalog.covers(hearing_north, "favrskov-kommune")
    assert not catalog.covers(hearing_north, "koebenhavns-kommune")
    assert catalog.covers(catalog.get("tilbud", "geelsgaardskolen"), "koebenhavns-kommune")


def test_kommuner_names_only_municipalities_and_regions(fixture_data: Path) -> None:
    path = fixture_data / "tilbud" / "testtilbud.yml"
    cite = "{kilde: testrapport-2025, linjer: 105}"
    path.write_text(path.read_text(encoding="utf-8") + (
        f"kommuner:\n  - {{id: testraadet, kilde: {cite}}}\n"
        f"  - {{id: region-test, undtagen: [testraadet], kilde: {cite}}}\n"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(fixture_data, FIXTURE_SEEDS)
    found = [str(p) for p in info.value.problems if ".kommuner[" in str(p) or "kommuner[" in
             str(p)]
    assert any("kommuner[0].id: 'testraadet' er en organisation af typen 'raad'" in p
               for p in found), found
    assert any("kommuner[1].undtagen[0]: 'testraadet' er ikke en kommune" in p
               for p in found), found
    assert all(p.startswith("data/tilbud/testtilbud.yml:") for p in found)
