"""The built real site in Debian's chromium, used the way a person uses it.

A reader goes front page -> section overview -> entity page -> cross-link -> back, on a desktop
and on a phone; every request is recorded and must stay on the local server, without console
errors or failed requests. Sortable tables, search and the dark theme are used through the UI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from koordineringsbasen.catalog import KINDS, Catalog
from koordineringsbasen.load.loader import load_catalog

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
LOCAL_SCHEMES = ("data", "blob", "about")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The catalog of the data the served site was built from (ids are picked from it)."""
    return load_catalog(ROOT / "data")


@dataclass
class Watch:
    """Everything a page did over the network and in its console."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> Any:
        page.on("request", lambda r: self.requests.append(r.url))
        # A navigation aborts what the previous page still had in flight (e.g. the search
        # index loading in its worker); that is not a failure of the site.
        page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED"
                and self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400
                and self.failed.append(f"{r.url} ({r.status})"))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(f"uncaught: {e}"))
        return page

    def foreign(self, base_url: str) -> list[str]:
        local = urlsplit(base_url).netloc
        return [url for url in self.requests
                if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != local]

    def assert_clean(self, base_url: str) -> None:
        assert self.requests, "no request was recorded"
        assert not self.foreign(base_url), f"requests to other hosts: {self.foreign(base_url)}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.failed, f"failed requests: {self.failed}"


@pytest.fixture
def watched(browser: Any, request: pytest.FixtureRequest) -> Iterator[tuple[Any, Watch]]:
    """A fresh page in a viewport (param 'desktop' or 'phone'), watched from its first request."""
    phone = getattr(request, "param", "desktop") == "phone"
    context = browser.new_context(
        locale="da-DK", viewport=PHONE if phone else DESKTOP,
        is_mobile=phone, has_touch=phone, device_scale_factor=2 if phone else 1,
    )
    watch = Watch()
    page = watch.attach(context.new_page())
    yield page, watch
    context.close()


def _path(url: str) -> str:
    return urlsplit(url).path


def _title(page: Any) -> str:
    """The page's h1 as read, without the hover-only permalink sign."""
    return page.locator("article h1").inner_text().strip().rstrip("¶").strip()


def _open_section(page: Any, section: str, href: str, phone: bool) -> None:
    """Open a top-level section the way a reader does: tabs on a desktop, the menu on a phone."""
    if not phone:
        assert page.locator(".md-tabs").is_visible()
        page.locator(f'.md-tabs a.md-tabs__link[href="{href}"]').click()
        return
    assert not page.locator(".md-tabs").is_visible(), "tabs should give way to the menu on a phone"
    page.locator('.md-header label[for="__drawer"]').click()
    nav = page.locator("nav.md-nav--primary")
    nav.locator("label.md-nav__link", has_text=section).first.click()
    nav.locator(f'a.md-nav__link[href="{href}"]').click()


def _target_with_offer(catalog: Catalog) -> tuple[Any, Any]:
    """A target group (lowest id) that an offer points at, and that offer."""
    for group in sorted(catalog.all("maalgrupper"), key=lambda g: g.id):
        offers = catalog.linking_entities("maalgrupper", group.id, "tilbud")
        if offers:
            return group, offers[0]
    pytest.fail("no target group is served by any offer; nothing to cross-link")


@pytest.mark.parametrize("watched", ["desktop", "phone"], indirect=True)
def test_reader_journey(watched: tuple[Any, Watch], base_url: str, catalog: Catalog,
                        artifacts: Path, request: pytest.FixtureRequest) -> None:
    page, watch = watched
    phone = request.node.callspec.params["watched"] == "phone"
    group, offer = _target_with_offer(catalog)

    page.goto(f"{base_url}/")
    assert page.locator("h1").first.inner_text().strip()
    assert page.evaluate("document.documentElement.lang") == "da"
    if phone:
        page.screenshot(path=str(artifacts / "telefon-forside.png"))

    _open_section(page, "Målgrupper", "maalgrupper/", phone)
    page.wait_for_url(re.compile(r"/maalgrupper/$"))
    table = page.locator(".kb-sortable table").first
    assert table.locator("tbody tr").count() == len(catalog.all("maalgrupper"))

    table.locator(f'a[href="{group.id}/"]').click()
    page.wait_for_url(re.compile(rf"/maalgrupper/{re.escape(group.id)}/$"))
    assert _title(page) == group.navn.strip()

    page.locator(f'article a[href$="/tilbud/{offer.id}/"]').first.click()
    page.wait_for_url(re.compile(rf"/tilbud/{re.escape(offer.id)}/$"))
    assert _title(page) == offer.navn.strip()
    # The way back is there too: the offer links to the target group.
    assert page.locator(f'article a[href$="/maalgrupper/{group.id}/"]').count() >= 1

    page.go_back()
    page.wait_for_url(re.compile(rf"/maalgrupper/{re.escape(group.id)}/$"))
    assert _title(page) == group.navn.strip()

    page.wait_for_load_state("networkidle")
    # On a phone the page must not scroll sideways as a whole (wide tables scroll inside).
    if phone:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"page is {overflow}px wider than the phone screen"
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(artifacts / "telefon-maalgruppe.png"))
    watch.assert_clean(base_url)
    paths = {_path(u) for u in watch.requests}
    assert {"/", "/maalgrupper/", f"/maalgrupper/{group.id}/", f"/tilbud/{offer.id}/"} <= paths


def _column(table: Any, index: int) -> list[str]:
    cells = table.locator(f"tbody tr td:nth-child({index + 1})")
    return [t.strip() for t in cells.all_inner_texts()]


def _header_index(table: Any, label: str) -> int:
    labels = [t.strip() for t in table.locator("thead th").all_inner_texts()]
    assert label in labels, f"no column {label!r} in {labels}"
    return labels.index(label)


def test_sortable_overview_table(watched: tuple[Any, Watch], base_url: str) -> None:
    page, watch = watched
    page.goto(f"{base_url}/maalgrupper/")
    table = page.locator(".kb-sortable table").first
    name_col, count_col = _header_index(table, "Målgruppe"), _header_index(table, "Tilbud")
    headers = table.locator("thead th")
    initial = _column(table, name_col)
    assert len(initial) > 2

    headers.nth(name_col).locator("button").click()
    assert headers.nth(name_col).get_attribute("aria-sort") == "ascending"
    ascending = _column(table, name_col)
    assert ascending != initial, "sorting by name did not change the order"
    collated = page.evaluate(
        "names => names.slice().sort(new Intl.Collator('da', {sensitivity: 'base'}).compare)",
        ascending)
    assert ascending == collated

    headers.nth(name_col).locator("button").click()
    assert headers.nth(name_col).get_attribute("aria-sort") == "descending"
    assert _column(table, name_col) == list(reversed(ascending))

    # Keyboard: the header is a real button, Enter sorts; numbers sort as numbers.
    headers.nth(count_col).locator("button").focus()
    page.keyboard.press("Enter")
    assert headers.nth(count_col).get_attribute("aria-sort") == "ascending"
    assert headers.nth(name_col).get_attribute("aria-sort") is None
    counts = [int(c) for c in _column(table, count_col)]
    assert counts == sorted(counts) and counts[0] != counts[-1]
    watch.assert_clean(base_url)


OVERVIEWS = ["maalgrupper/", "tilbud/", "udmeldinger/", "kilder/", "organisationer/"]


@pytest.mark.parametrize("path", OVERVIEWS)
def test_every_overview_table_is_sortable(page: Any, base_url: str, path: str) -> None:
    page.goto(f"{base_url}/{path}")
    table = page.locator(".kb-sortable table").first
    buttons = table.locator("thead th button")
    assert buttons.count() == table.locator("thead th").count() >= 2
    first_header = table.locator("thead th").first
    buttons.first.click()
    assert first_header.get_attribute("aria-sort") == "ascending"


def _searchable_offer(catalog: Catalog) -> Any:
    """An offer whose name is plain words, so the query tests search, not query syntax."""
    for offer in sorted(catalog.all("tilbud"), key=lambda o: o.id):
        if re.fullmatch(r"[^\W\d_]+( [^\W\d_]+){0,3}", offer.navn.strip()):
            return offer
    pytest.fail("no offer with a plain name to search for")


def test_search_finds_an_entity(watched: tuple[Any, Watch], base_url: str,
                                catalog: Catalog) -> None:
    page, watch = watched
    offer = _searchable_offer(catalog)
    page.goto(f"{base_url}/")
    opener = "button.kb-search-open:visible, .md-search__input:visible"
    page.locator(opener).first.click()
    query = page.locator(".md-search__input")
    query.press_sequentially(offer.navn, delay=20)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    # Pagefind loads its WebAssembly first; generous, since CI machines can be slow.
    results.first.wait_for(state="visible", timeout=60_000)
    hrefs = [_path(h or "") for h in results.evaluate_all("els => els.map(e => e.href)")]
    assert f"/tilbud/{offer.id}/" in hrefs[:5], f"{offer.navn!r} not in the top 5: {hrefs[:5]}"
    meta = page.locator(".md-search-result__meta").inner_text()
    assert re.search(r"\d", meta), meta
    watch.assert_clean(base_url)


def _scheme(page: Any) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_dark_mode_toggle(watched: tuple[Any, Watch], base_url: str) -> None:
    page, watch = watched
    page.goto(f"{base_url}/")
    assert _scheme(page) == "default"
    toggle = page.locator('form[data-md-component="palette"] label:visible')
    assert toggle.get_attribute("title") == "Skift til mørkt tema"
    toggle.click()
    assert _scheme(page) == "slate"
    # The choice survives navigation to another page.
    page.goto(f"{base_url}/tilbud/")
    assert _scheme(page) == "slate"
    page.locator('form[data-md-component="palette"] label:visible').click()
    assert _scheme(page) == "default"
    watch.assert_clean(base_url)


def _entity_per_kind(catalog: Catalog) -> list[tuple[str, str]]:
    return [(kind, min(catalog.entities[kind])) for kind in KINDS if catalog.entities.get(kind)]


def test_screenshots(browser: Any, base_url: str, catalog: Catalog, artifacts: Path) -> None:
    """Front page and one entity page of each kind, for a person to look at (CI artifact)."""
    context = browser.new_context(locale="da-DK", viewport=DESKTOP)
    watch = Watch()
    page = watch.attach(context.new_page())
    shots = [("forside", "")] + [(f"{kind}-{eid}", f"{kind}/{eid}/")
                                 for kind, eid in _entity_per_kind(catalog)]
    assert len(shots) == 1 + len(KINDS)
    for name, path in shots:
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
        target = artifacts / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    context.close()
    watch.assert_clean(base_url)


def test_watch_sees_requests_to_other_hosts(browser: Any, base_url: str) -> None:
    """The watcher itself: a request to another host is caught (and aborted, never sent)."""
    context = browser.new_context()
    context.route("http://other.invalid/**", lambda route: route.abort())
    watch = Watch()
    page = watch.attach(context.new_page())
    page.set_content('<img src="http://other.invalid/pixel.png">')
    page.wait_for_load_state("load")
    context.close()
    assert watch.foreign(base_url) == ["http://other.invalid/pixel.png"]
    with pytest.raises(AssertionError, match="other hosts"):
        watch.assert_clean(base_url)
