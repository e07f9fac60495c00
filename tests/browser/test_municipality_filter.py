"""The Tilbud overview's municipality filter and the page 'Tilbud der dækker min kommune' in the
browser: for Aalborg Kommune, exactly the offers whose appendix row covers Region Nordjylland."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def expected() -> set[str]:
    """Offers with a `kommuner` row whose cited lines (the anchor the data keep) name Region
    Nordjylland: the appendix rows, read independently of Catalog.covers."""
    catalog: Catalog = load_catalog(ROOT / "data")
    found = set()
    for offer in catalog.all("tilbud"):
        for row in offer.kommuner:
            said = " ".join(row.kilde.anker.tekst.replace("- ", "").split()).lower()
            if "region nordjylland" in said:
                found.add(offer.id)
    assert found
    return found


def test_the_filter_shows_the_offers_covering_aalborg(page: Any, base_url: str,
                                                      expected: set[str]) -> None:
    page.goto(f"{base_url}/tilbud/?kommune=aalborg-kommune")
    shown = page.evaluate(
        """() => [...document.querySelectorAll('[data-kb-table="tilbud"] tbody tr')]
             .filter(r => !r.hidden && r.offsetParent !== null)
             .map(r => r.querySelector('.kb-row').dataset.id)""")
    assert set(shown) == expected
    assert page.locator("select[name=kommune]").input_value() == "aalborg-kommune"


def test_the_municipality_page_lists_them_under_aalborg(page: Any, base_url: str,
                                                        expected: set[str]) -> None:
    page.goto(f"{base_url}/tilbud/kommuner/#aalborg-kommune")
    heading = page.locator("h3#aalborg-kommune")
    assert heading.is_visible()
    items = heading.locator("xpath=following-sibling::ul[1]/li/a")
    links = {href.rstrip("/").rsplit("/", 1)[-1] for href in items.evaluate_all(
        "as => as.map(a => a.getAttribute('href'))")}
    assert links == expected
