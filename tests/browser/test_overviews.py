"""Overview filters in the browser: by URL and by control, after reload, with sorting, and the
CSV of the filtered view; tables and charts that fit a phone; screenshots to look at."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {"telefon": 375, "skrivebord": 1280}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data")


def _first(values: list[str]) -> str:
    assert values, "the data holds no value for this filter"
    return sorted(values)[0]


# (overview, URL key, the value to pick from the data, the rule that says which rows match),
# each rule written here from the data model, independently of the site's filter code.
CASES: dict[str, tuple[str, Callable[[Catalog], str], Callable[[Any, str], bool]]] = {
    "tilbud": ("kategori", lambda c: "sikret-afdeling", lambda o, v: o.kategori.value == v),
    "maalgrupper": ("type", lambda c: "natko", lambda g, v: g.art.value == v),
    "udmeldinger": ("status", lambda c: _first([n.resultat.status.value for n in c.all("udmeldinger")
                                               if n.resultat]),
                    lambda n, v: n.resultat is not None and n.resultat.status.value == v),
    "kilder": ("aar", lambda c: _first([s.dato[:4] for s in c.all("kilder")]),
               lambda s, v: s.dato[:4] == v),
    "organisationer": ("type", lambda c: "kommune", lambda o, v: o.type.value == v),
}


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    yield page
    assert not errors, errors
    context.close()


def shown_ids(page: Any, kind: str) -> list[str]:
    return page.evaluate(
        """kind => [...document.querySelectorAll(`[data-kb-table="${kind}"] tbody tr`)]
             .filter(r => !r.hidden && r.offsetParent !== null)
             .map(r => r.querySelector('.kb-row').dataset.id)""", kind)


def _expected(catalog: Catalog, kind: str) -> tuple[str, str, set[str]]:
    key, pick, rule = CASES[kind]
    value = pick(catalog)
    return key, value, {e.id for e in catalog.all(kind) if rule(e, value)}


def _count_text(page: Any, kind: str) -> str:
    return page.locator(f'[data-kb-count="{kind}"]').inner_text().strip()


@pytest.mark.parametrize("kind", list(CASES))
def test_filter_by_url_survives_reload(desktop: Any, base_url: str, catalog: Catalog,
                                       kind: str) -> None:
    key, value, expected = _expected(catalog, kind)
    total = len(catalog.entities[kind])
    assert 0 < len(expected) < total, "pick a value that filters"
    desktop.goto(f"{base_url}/{kind}/?{key}={value}")
    assert set(shown_ids(desktop, kind)) == expected
    assert _count_text(desktop, kind).startswith(f"Viser {len(expected)} af {total} ")
    assert desktop.locator(f'[data-kb-count="{kind}"]').get_attribute("aria-live") == "polite"
    assert desktop.locator(f"select[name={key}]").input_value() == value
    desktop.reload()
    assert set(shown_ids(desktop, kind)) == expected


@pytest.mark.parametrize("kind", list(CASES))
def test_filter_by_control_writes_the_url(desktop: Any, base_url: str, catalog: Catalog,
                                          kind: str) -> None:
    key, value, expected = _expected(catalog, kind)
    desktop.goto(f"{base_url}/{kind}/")
    assert len(shown_ids(desktop, kind)) == len(catalog.entities[kind])
    desktop.locator(f"select[name={key}]").select_option(value)
    assert parse_qs(urlsplit(desktop.url).query) == {key: [value]}
    assert set(shown_ids(desktop, kind)) == expected
    desktop.get_by_role("button", name="Nulstil filtre").click()
    desktop.wait_for_function(f"() => !location.search.includes('{key}=')")
    assert len(shown_ids(desktop, kind)) == len(catalog.entities[kind])


def test_two_filters_and_sorting(desktop: Any, base_url: str, catalog: Catalog) -> None:
    offers = [o for o in catalog.all("tilbud") if o.kategori.value == "sikret-afdeling"]
    operator = Counter(o.driftsherre for o in offers if o.driftsherre).most_common(1)[0][0]
    expected = {o.id for o in offers if o.driftsherre == operator}
    desktop.goto(f"{base_url}/tilbud/?kategori=sikret-afdeling&driftsherre={operator}")
    assert set(shown_ids(desktop, "tilbud")) == expected
    assert not desktop.locator("#__search").is_checked(), "the overview's filters opened the search"
    table = desktop.locator('[data-kb-table="tilbud"] table')
    button = table.locator("thead th button").first
    button.click()
    button.click()
    assert table.locator("thead th").first.get_attribute("aria-sort") == "descending"
    ids = shown_ids(desktop, "tilbud")
    assert set(ids) == expected
    names = [catalog.get("tilbud", i).navn for i in ids]
    assert len(names) >= 2 and names == sorted(names, key=str.lower, reverse=True)


def _records(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_download_of_the_filtered_view(desktop: Any, base_url: str, real_site: Path,
                                       catalog: Catalog) -> None:
    desktop.goto(f"{base_url}/tilbud/?kategori=sikret-afdeling")
    ids = shown_ids(desktop, "tilbud")
    link = desktop.locator("[data-kb-download]")
    assert link.inner_text().strip() == "Download denne visning (CSV)"
    with desktop.expect_download() as info:
        link.click()
    data = Path(info.value.path()).read_bytes()
    published = _records((real_site / "api" / "tilbud.csv").read_bytes())
    header, by_id = published[0], {row[0]: row for row in published[1:]}
    # The same bytes the export writes for these rows: header, then the rows shown, in order.
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows([header, *(by_id[i] for i in ids)])
    assert data == b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
    assert [row[0] for row in _records(data)[1:]] == ids and len(ids) == len(
        [o for o in catalog.all("tilbud") if o.kategori.value == "sikret-afdeling"])


def test_without_javascript_the_whole_table_shows(browser: Any, base_url: str,
                                                  catalog: Catalog) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/tilbud/?kategori=sikret-afdeling")
    assert page.locator('[data-kb-table="tilbud"] tbody tr').count() == len(catalog.entities["tilbud"])
    assert not page.locator("form.kb-filter").is_visible()
    context.close()


PAGES = ["tilbud/?kategori=sikret-afdeling", "tilbud/sikrede-afdelinger/", "tilbud/egely/",
         "tilbud/lands-og-landsdelsdaekkende/", "maalgrupper/daekning/", "udmeldinger/frister/",
         "maalgrupper/risikomatrix/"]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_pages_fit_and_charts_stay_readable(browser: Any, base_url: str, artifacts: Path,
                                            width: str) -> None:
    context = browser.new_context(locale="da-DK", viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    for path in PAGES:
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"{path} is {wide} px wider than the {width} screen"
        # Every table scrolls inside a named, focusable region; a hint shows when it must.
        regions = page.evaluate("""[...document.querySelectorAll('article table')].map(t => {
            const r = t.closest('.kb-scroll');
            return r && r.getAttribute('role') === 'region' && r.tabIndex === 0
                   && r.getAttribute('aria-label').startsWith('Tabel: ')
                   && (r.scrollWidth <= r.clientWidth + 1 || !r.previousElementSibling.hidden);
        })""")
        assert all(regions), f"{path}: a table outside a scroll region or without its hint"
        sizes = page.evaluate("""[...document.querySelectorAll('svg.kb-chart text')].map(t =>
            t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize))""")
        assert all(size >= 12 for size in sizes), f"{path}: chart text below 12 px: {min(sizes)}"
        if path in PAGES[:3]:
            name = path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-")
            page.screenshot(path=str(artifacts / f"{name}-{WIDTHS[width]}.png"), full_page=True)
    context.close()
