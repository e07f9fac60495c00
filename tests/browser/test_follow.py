"""The "Følg" control on an entity page in chromium: keyboard, target size, the files it links,
axe (WCAG 2.2 AA) with the control open, and screenshots at phone and desktop width."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

PAGE = "tilbud/kofoedsminde/"
WCAG22AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _open(browser: Any, base_url: str, width: int,
          scheme: str = "light") -> tuple[Any, Any, list[str]]:
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 900},
                                  color_scheme=scheme)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base_url}/{PAGE}")
    page.wait_for_load_state("networkidle")
    return context, page, requests


def test_follow_control_opens_by_keyboard_and_links_the_entity_files(
        browser: Any, base_url: str, real_site: Path) -> None:
    context, page, requests = _open(browser, base_url, 1280)
    summary = page.locator("details.kb-follow > summary")
    assert summary.count() == 1 and summary.inner_text().strip() == "Følg"
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.kb-follow").evaluate("d => d.open")
    links = page.locator(".kb-follow__body a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == ["aendringer.xml", "frister.ics"]
    resolved = [links.nth(i).evaluate("a => a.href") for i in range(links.count())]
    assert resolved == [f"{base_url}/{PAGE}aendringer.xml", f"{base_url}/{PAGE}frister.ics"]
    calendar = page.request.get(resolved[1])
    assert calendar.ok and calendar.text().startswith("BEGIN:VCALENDAR")
    assert (real_site / PAGE / "frister.ics").is_file()
    page.keyboard.press("Tab")  # into the control: the first link takes the focus
    assert page.evaluate("document.activeElement.getAttribute('href')") == "aendringer.xml"
    for target in [summary, links.nth(0), links.nth(1)]:
        box = target.bounding_box()
        assert box and box["height"] >= 24 and box["width"] >= 24, box
    assert "Fra internettet" in page.locator(".kb-follow__body").inner_text()
    local = urlsplit(base_url).netloc
    assert all(urlsplit(u).netloc == local for u in requests
               if urlsplit(u).scheme in ("http", "https")), requests
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_follow_control_has_no_wcag22aa_violations(browser: Any, base_url: str,
                                                   scheme: str) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    context, page, _ = _open(browser, base_url, 1280, scheme)
    page.locator("details.kb-follow > summary").click()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG22AA}})
    violations = results.response["violations"]
    assert violations == [], [(v["id"], [(n["html"][:100], n.get("failureSummary")) for n in v["nodes"][:3]])
                              for v in violations]
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_follow_control_screenshot(browser: Any, base_url: str, artifacts: Path,
                                   width: int) -> None:
    context, page, _ = _open(browser, base_url, width)
    control = page.locator("details.kb-follow")
    control.locator("summary").click()
    box = control.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width  # no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"foelg-kofoedsminde-{width}.png"),
                    clip={"x": 0, "y": max(box["y"] - 140, 0), "width": width,
                          "height": box["height"] + 200})
    context.close()
