"""The site search at every width, as a person on a phone, a tablet and a desktop uses it.

Below 60em the header has only a search button (the field needs the room); it must show, open
the dialog and find. The count is announced (aria-live). Focus that tabs out of the dialog
closes it, and the clear button is no tab stop while there is nothing to clear. Screenshots of
the open search go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

WIDTHS = [375, 768, 1280]
RESULTS = "#kb-search-results"


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def sized(browser: Any, request: pytest.FixtureRequest) -> Iterator[tuple[Any, int]]:
    width = request.param
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, width
    context.close()
    assert not errors, errors


def open_search(page: Any, width: int) -> None:
    """Open the search as a person would at this width: the button below 60em, else the field."""
    button = page.locator("button.kb-search-open")
    field = page.locator("input.md-search__input")
    if width < 960:
        assert button.is_visible(), "no search button on a narrow screen"
        button.click()
    else:
        assert not button.is_visible(), "a second search button beside the header's field"
        field.click()
    assert page.locator("#__search").is_checked()
    assert field.is_visible() and page.evaluate("document.activeElement.name") == "q"


def type_and_wait(page: Any, query: str) -> list[str]:
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    page.wait_for_function(
        "q => document.querySelector('#kb-search-results').dataset.query === q", arg=query,
        timeout=30000)
    hrefs = page.locator(f"{RESULTS} a").evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(h).path.strip("/") + "/" for h in hrefs]


def test_search_opens_and_finds_at_every_width(sized: tuple[Any, int], base_url: str,
                                               artifacts: Path) -> None:
    page, width = sized
    page.goto(base_url + "/")
    open_search(page, width)
    found = type_and_wait(page, "Kofoedsminde")
    assert found[0] == "tilbud/kofoedsminde/", found[:5]
    status = page.locator("#kb-search-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    count = int(status.inner_text().split()[0])
    assert count >= len(found) > 0 and "»Kofoedsminde«" in status.inner_text()
    # The results are on screen, not under the header or outside the viewport.
    box = page.locator(f"{RESULTS} li").first.bounding_box()
    assert box and 0 < box["y"] < 800 and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    page.screenshot(path=str(artifacts / f"search-open-{width}.png"))


@pytest.mark.parametrize(("query", "first"), [
    ("KL", "organisationer/kl/"),  # before "KL's Koordinationsforum"
    ("kl", "organisationer/kl/"),
    ("Kofoedsminde", "tilbud/kofoedsminde/"),
])
def test_an_exact_name_comes_first_on_a_phone(browser: Any, base_url: str, query: str,
                                              first: str) -> None:
    context = browser.new_context(locale="da-DK", viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(base_url + "/")
    open_search(page, 375)
    found = type_and_wait(page, query)
    assert found[0] == first, found[:5]
    context.close()


def test_gravide_rusmidler_shows_the_red_target_group_and_the_notification(
        page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    open_search(page, 1280)
    found = type_and_wait(page, "gravide rusmidler")
    assert "maalgrupper/natko-35-gravide-med-rusmiddelbrug/" in found[:6], found[:6]
    assert "udmeldinger/cu-gravide-rusmiddelbrug/" in found[:6], found[:6]


def test_tab_out_of_the_dialog_closes_it(sized: tuple[Any, int], base_url: str) -> None:
    page, width = sized
    page.goto(base_url + "/")
    open_search(page, width)
    # Empty field: the clear button is no tab stop (it is invisible).
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") != "reset"
    page.locator("input.md-search__input").focus()
    type_and_wait(page, "Egely")
    clear = page.locator("#kb-search button[type=reset]")
    assert clear.is_visible()
    inside = "() => document.getElementById('kb-search').contains(document.activeElement)"
    for _ in range(200):  # Tab through the dialog's controls and results, out at its end
        page.keyboard.press("Tab")
        if not page.evaluate(inside):
            break
    assert not page.evaluate(inside), "Tab never left the dialog"
    assert not page.locator("#__search").is_checked(), "the dialog stayed open behind the focus"
    assert page.evaluate("document.activeElement !== document.body")
    # Back into the closed dialog: nothing invisible takes focus (only the field, which opens it).
    page.keyboard.press("Shift+Tab")
    if page.evaluate(inside):
        assert page.evaluate("document.activeElement.name") == "q"
        assert page.locator("#__search").is_checked()
        page.keyboard.press("Escape")
    # Shift+Tab before the field closes it too.
    open_search(page, width)
    page.keyboard.press("Shift+Tab")
    assert not page.locator("#__search").is_checked()
    # Esc closes and puts focus back where the search was opened from.
    open_search(page, width)
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    if width < 960:
        assert page.evaluate("document.activeElement.classList.contains('kb-search-open')")


def test_no_axe_violations_with_the_search_open_on_a_phone(browser: Any, base_url: str) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    context = browser.new_context(locale="da-DK", viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(base_url + "/")
    violations = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
                         ).response["violations"]
    assert not violations, [(v["id"], [n["html"][:100] for n in v["nodes"][:3]]) for v in violations]
    open_search(page, 375)
    type_and_wait(page, "Kofodsminde")  # results and a suggestion
    page.wait_for_function("() => document.getAnimations().length === 0")  # faded in
    violations = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
                         ).response["violations"]
    assert not violations, [(v["id"], [n["html"][:100] for n in v["nodes"][:3]]) for v in violations]
    context.close()
