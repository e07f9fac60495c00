"""Footnotes lead to the passage they cite: in a real browser, per kind of entity, with and
without JavaScript; markers are big enough to tap; screenshots and a print preview are saved."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from koordineringsbasen.load.loader import default_seeds_dir
from koordineringsbasen.texts.seedtext import tidy_quote

CITING_KINDS = ("maalgrupper", "tilbud", "udmeldinger", "organisationer")
RANGE = re.compile(r"#L(\d+)(?:-L(\d+))?$")
pytestmark = pytest.mark.skipif(not default_seeds_dir().is_dir(),
                                reason="no source texts (KOORDINERINGSBASEN_SEEDS)")


def _entity_with_footnotes(site: Path, kind: str) -> str:
    for page in sorted((site / kind).glob("*/index.html")):
        if "kb-tekstlink" in page.read_text(encoding="utf-8"):
            return f"{kind}/{page.parent.name}/"
    raise AssertionError(f"no {kind} page has a passage link")


def _bounds(href: str) -> tuple[int, int]:
    found = RANGE.search(href)
    assert found, href
    return int(found.group(1)), int(found.group(2) or found.group(1))


def _in_view(page: Any, element_id: str) -> bool:
    return bool(page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.top >= 0 && r.top < window.innerHeight; }""", element_id))


@pytest.mark.parametrize("kind", CITING_KINDS)
def test_footnote_opens_the_cited_lines_highlighted(page: Any, base_url: str, real_site: Path,
                                                     kind: str) -> None:
    path = _entity_with_footnotes(real_site, kind)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base_url}/{path}")
    # As a reader does: a footnote marker jumps to the footnotes, opening their folded section.
    page.locator("a.footnote-ref").first.click()
    note = page.locator(".footnote li p").filter(has=page.locator("a.kb-tekstlink")).first
    quote = re.search(r"»(.*)«", note.inner_text(), re.DOTALL)
    link = note.locator("a.kb-tekstlink")
    first, last = _bounds(link.get_attribute("href"))
    link.click()
    page.wait_for_url(re.compile(r"/tekst/"))
    page.wait_for_load_state("load")
    marked = page.eval_on_selector_all(".kb-markeret", "els => els.map(e => e.id)")
    assert marked == [f"L{n}" for n in range(first, last + 1)], path
    assert _in_view(page, f"L{first}")
    lines = page.eval_on_selector_all(".kb-markeret", "els => els.map(e => e.textContent)")
    assert quote, "the footnote quotes no text"
    shown = quote.group(1).removeprefix("… ").removesuffix(" …")
    assert shown in tidy_quote(lines, limit=10**6), (shown, lines)


def test_without_javascript_the_link_lands_on_the_first_line(browser: Any, base_url: str,
                                                             real_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280,
                                                                       "height": 800})
    page = context.new_page()
    page.goto(f"{base_url}/{_entity_with_footnotes(real_site, 'tilbud')}")
    hrefs = page.eval_on_selector_all("a.kb-tekstlink", "els => els.map(e => e.href)")
    ranged = next(h for h in hrefs if "-L" in h.rsplit("#", 1)[1])
    first, _ = _bounds(ranged)
    page.goto(ranged)
    assert page.evaluate("window.scrollY") > 0
    assert _in_view(page, f"L{first}")
    assert page.locator(".kb-markeret").count() == 0
    context.close()


def test_footnote_markers_are_tap_targets_of_24_px(page: Any, base_url: str,
                                                   real_site: Path) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{base_url}/{_entity_with_footnotes(real_site, 'tilbud')}")
    sizes = page.eval_on_selector_all(
        "a.footnote-ref", "els => els.map(e => [e.getBoundingClientRect().width, "
                          "e.getBoundingClientRect().height])")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes
    assert "<sup>,</sup>" not in page.content()


def test_screenshots_and_print_preview(page: Any, base_url: str, real_site: Path,
                                       artifacts: Path) -> None:
    entity = "tilbud/kofoedsminde/"
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base_url}/{entity}")
        page.screenshot(path=str(artifacts / f"kilde-fodnoter-{width}.png"))
        page.locator("a.footnote-ref").first.click()  # opens the folded footnotes
        page.locator(".footnote").screenshot(path=str(artifacts / f"kilde-fodnoteliste-{width}.png"))
        href = page.locator("a.kb-tekstlink").first.get_attribute("href")
        page.goto(f"{base_url}/{entity}{href}")
        page.wait_for_load_state("load")
        assert page.locator(".kb-markeret").count() >= 1
        page.screenshot(path=str(artifacts / f"kildetekst-markeret-{width}.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base_url}/{entity}")
    page.emulate_media(media="print")
    backrefs = page.eval_on_selector_all(
        ".footnote-backref", "els => els.filter(e => getComputedStyle(e).display !== 'none').length")
    assert backrefs == 0
    page.locator(".footnote").screenshot(path=str(artifacts / "kilde-fodnoter-print.png"))
    page.pdf(path=str(artifacts / "kilde-fodnoter-print.pdf"), format="A4")
