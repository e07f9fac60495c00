"""The 404 page's search fetches Pagefind under the site's path, never '//pagefind/…' (issue 23).

The 404 page is served for a missing address at any depth, and its base is the site's path
(site_url, e.g. '/koordineringsbasen/'). The fixture site is served under that path, as GitHub
Pages serves it, with 404.html for every missing address.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PREFIX = "/koordineringsbasen/"  # the path of mkdocs.yml's default site_url


def _handler(site: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class Pages(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(site), **kwargs)  # type: ignore[arg-type]

        def translate_path(self, path: str) -> str:
            path = urlsplit(path).path
            inner = path[len(PREFIX) - 1:] if path.startswith(PREFIX) else "/__outside__"
            return super().translate_path(inner)

        def send_error(self, code: int, message: str | None = None,
                       explain: str | None = None) -> None:
            if code != 404:
                super().send_error(code, message, explain)
                return
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass
    return Pages


@pytest.fixture(scope="module")
def pages_url(fixture_site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(fixture_site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("missing", ["findes-ikke", "tilbud/findes/ikke/", "a/b/c/d.html"])
def test_search_on_the_404_page_fetches_pagefind_under_the_site_path(
        page: object, pages_url: str, missing: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))  # type: ignore[attr-defined]
    response = page.goto(f"{pages_url}{PREFIX}{missing}")  # type: ignore[attr-defined]
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Siden findes ikke"  # type: ignore[attr-defined]
    form = page.locator("form[name=kb-search]")  # type: ignore[attr-defined]
    assert form.get_attribute("action") == PREFIX
    field = page.locator(".md-search__input")  # type: ignore[attr-defined]
    field.click()
    field.press_sequentially("Testtilbuddet", delay=20)
    page.wait_for_selector("#kb-search-results li", timeout=20000)  # type: ignore[attr-defined]
    found = [urlsplit(u) for u in requested if "pagefind" in u]
    assert found, requested
    for url in found:
        assert url.netloc == urlsplit(pages_url).netloc, url.geturl()
        assert url.path.startswith(PREFIX + "pagefind/") and "//" not in url.path, url.geturl()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_404_page_opens_the_search_with_the_missing_words(
        browser: object, pages_url: str, artifacts: Path, width: int) -> None:
    """On a phone the header has only a search button: the page's own button opens the search,
    filled in with the last part of the missing address, and finds the page."""
    context = browser.new_context(  # type: ignore[attr-defined]
        locale="da-DK", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{pages_url}{PREFIX}tilbud/osterlund/")
    assert "søgefeltet øverst" not in page.locator("article").inner_text()
    button = page.get_by_role("button", name="Søg efter siden")
    assert button.is_visible()
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    wcag = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
    violations = axe.run(page, options=wcag).response["violations"]
    assert not violations, [(v["id"], [n["html"][:100] for n in v["nodes"][:3]]) for v in violations]
    page.screenshot(path=str(artifacts / f"not-found-{width}.png"))
    button.click()
    assert page.locator("#__search").is_checked()
    assert page.locator(".md-search__input").input_value() == "osterlund"
    page.wait_for_function(
        "() => document.querySelector('#kb-search-results').dataset.query === 'osterlund'")
    first = page.locator("#kb-search-results a").first.get_attribute("href")
    assert first and urlsplit(first).path == PREFIX + "tilbud/testtilbud/"
    # The overlay fades in: let its transitions end before contrast is measured.
    page.wait_for_function("() => document.getAnimations().length === 0")
    page.screenshot(path=str(artifacts / f"search-404-{width}.png"))
    violations = axe.run(page, options=wcag).response["violations"]
    assert not violations, [(v["id"], [n["html"][:100] for n in v["nodes"][:3]]) for v in violations]
    context.close()
