"""The change history on entity pages of the built real site: axe (WCAG 2.2 AA) with the older
changes unfolded, the fold working by keyboard, and screenshots of Kofoedsminde's history at
375 px and 1280 px (test-artifacts/history-*.png, to look at)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render.history import History
from koordineringsbasen.site.history import read_history

ROOT = Path(__file__).resolve().parents[2]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SECTION = "div:has(> h2#aendringshistorik)"


@pytest.fixture(scope="module")
def history() -> History:
    catalog = load_catalog(ROOT / "data")
    found = read_history(ROOT / "data", catalog, None)
    if found is None:
        pytest.skip("this checkout has no full git history")
    return found


def _folded_page(history: History) -> str:
    """An entity page whose history is long enough to be folded."""
    counts: dict[str, int] = {}
    for path, revisions in history.by_file.items():
        kind, name = path.split("/")[-2:]
        counts[f"{kind}/{name.removesuffix('.yml')}/"] = len(revisions)
    return max(sorted(counts), key=lambda page: counts[page])


@pytest.mark.parametrize("path", ["tilbud/kofoedsminde/", "folded"])
def test_history_section_has_no_wcag_violations(browser: Any, base_url: str, history: History,
                                                path: str) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    path = _folded_page(history) if path == "folded" else path
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{base_url}/{path}")
        section = page.locator(SECTION)
        assert section.count() == 1
        assert "Ændringshistorikken kan ikke vises" not in section.inner_text()
        summary = section.locator("details > summary")
        if summary.count():  # the older changes open by keyboard
            summary.focus()
            page.keyboard.press("Enter")
            assert section.locator("details").get_attribute("open") is not None
        violations = axe.run(page, options={"runOnly": WCAG}).response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"][:3]])
                                  for v in violations]
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshot_of_kofoedsminde_history(browser: Any, base_url: str, artifacts: Path,
                                            width: int) -> None:
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{base_url}/tilbud/kofoedsminde/#aendringshistorik")
        section = page.locator(SECTION)
        text = section.text_content() or ""  # the older entries folded too
        assert "Ændringshistorik" in text and "Oplysningerne blev lagt i basen." in text
        box = section.bounding_box()
        assert box is not None and box["width"] <= width  # nothing wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        section.screenshot(path=str(artifacts / f"history-kofoedsminde-{width}.png"))
    finally:
        context.close()
