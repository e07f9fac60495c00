"""The Tilbud filter by paragraph, the sort kept in the URL with blanks last, and the CSV
downloads of the comparison pages, Frister and the risk matrix, checked against the pages."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog

ROOT = Path(__file__).resolve().parents[2]
WCAG = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
# The pages with table downloads.
DOWNLOAD_PAGES = ["udmeldinger/frister/", "maalgrupper/risikomatrix/", "tilbud/takster/",
                  "tilbud/sikrede-afdelinger/", "tilbud/lands-og-landsdelsdaekkende/"]
BLANK = re.compile(r"^[\s–—-]*$")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data")


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def shown_ids(page: Any) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('[data-kb-table="tilbud"] tbody tr')]
        .filter(r => !r.hidden).map(r => r.querySelector('.kb-row').dataset.id)""")


# Written from the data's notations, independently of danish/legal.py.
SERVICE_ACT_108 = re.compile(r"(?:^|SEL |/ )§§?[^§]*?\b108\b")


def test_the_filter_sel_108_shows_every_offer_with_paragraph_108(
        desktop: Any, base_url: str, catalog: Catalog) -> None:
    expected = {o.id for o in catalog.all("tilbud")
                if any(SERVICE_ACT_108.search(t) for t in o.lovgrundlag)}
    assert len(expected) >= 5
    desktop.goto(f"{base_url}/tilbud/")
    select = desktop.locator("select[name=lovgrundlag]")
    labels = select.locator("option").all_inner_texts()
    assert "SEL § 108" in labels and not any("stk." in label for label in labels), labels
    select.select_option(label="SEL § 108")
    assert set(shown_ids(desktop)) == expected
    assert parse_qs(urlsplit(desktop.url).query) == {"lovgrundlag": ["sel-108"]}


def _column(page: Any, index: int) -> list[str]:
    return page.evaluate("""i => [...document.querySelectorAll('[data-kb-table="tilbud"] tbody tr')]
        .filter(r => !r.hidden).map(r => r.cells[i].textContent.trim())""", index)


def _number(text: str) -> float:
    return float(text.split(" ")[0].replace(".", "").replace(",", "."))


def test_sort_is_kept_in_the_url_with_blanks_last(desktop: Any, base_url: str) -> None:
    desktop.goto(f"{base_url}/tilbud/")
    headers = desktop.locator('[data-kb-table="tilbud"] thead th')
    names = [h.strip() for h in headers.all_inner_texts()]
    index = names.index("Belægning")
    button = headers.nth(index).locator("button")
    for clicks, direction in ((1, "stigende"), (2, "faldende")):
        button.click()
        values = _column(desktop, index)
        blank = [BLANK.match(v) is not None for v in values]
        assert any(blank) and not all(blank), "the column has both blanks and figures"
        first_blank = blank.index(True)
        assert all(blank[first_blank:]), f"{direction}: a blank before a figure: {values}"
        figures = [_number(v) for v in values[:first_blank]]
        assert figures == sorted(figures, reverse=clicks == 2), direction
        assert parse_qs(urlsplit(desktop.url).query) == {"sorter": [f"belaegning-{direction}"]}
    order = shown_ids(desktop)
    # With a filter too: both in the URL, both restored on load.
    desktop.locator("select[name=kategori]").select_option("sikret-afdeling")
    query = parse_qs(urlsplit(desktop.url).query)
    assert query == {"sorter": ["belaegning-faldende"], "kategori": ["sikret-afdeling"]}
    desktop.reload()
    assert headers.nth(index).get_attribute("aria-sort") == "descending"
    assert shown_ids(desktop) == [i for i in order if i in set(shown_ids(desktop))]
    desktop.goto(f"{base_url}/tilbud/?sorter=belaegning-faldende")
    assert shown_ids(desktop) == order


def test_the_sort_of_a_pages_second_table_has_its_own_key(desktop: Any, base_url: str) -> None:
    desktop.goto(f"{base_url}/tilbud/lands-og-landsdelsdaekkende/")
    tables = desktop.locator("article .kb-sortable table")
    assert tables.count() >= 2
    second = tables.nth(1).locator("thead th").first
    second.locator("button").click()
    assert parse_qs(urlsplit(desktop.url).query) == {"sorter2": ["tilbud-og-ydelse-stigende"]}
    desktop.reload()
    assert second.get_attribute("aria-sort") == "ascending"
    assert tables.nth(0).locator("thead th[aria-sort]").count() == 0


def _records(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


# The page's table rows as a person reads them: cell text without footnote markers, a line
# break as a line break; columns holding nothing but footnote markers left out.
PAGE_ROWS = """table => {
  const text = cell => {
    const copy = cell.cloneNode(true);
    copy.querySelectorAll('sup').forEach(s => s.remove());
    copy.querySelectorAll('br').forEach(b => b.replaceWith('\\n'));
    return copy.textContent.split('\\n').map(l => l.replace(/\\s+/g, ' ').trim()).join('\\n').trim();
  };
  const head = [...table.tHead.rows[0].cells].map(text);
  const body = [...table.tBodies[0].rows].map(r => [...r.cells].map(text));
  const kept = head.map((_, i) => i).filter(i => body.some(r => r[i]));
  return [kept.map(i => head[i]), ...body.map(r => kept.map(i => r[i]))];
}"""


@pytest.mark.parametrize("path", DOWNLOAD_PAGES)
def test_each_table_download_is_the_pages_table(desktop: Any, base_url: str, real_site: Path,
                                                path: str) -> None:
    desktop.goto(f"{base_url}/{path}")
    links = desktop.locator(".kb-downloads a[download]")
    tables = desktop.locator("article table")
    assert links.count() == tables.count() >= 1
    for i in range(tables.count()):
        href = links.nth(i).get_attribute("href")
        file_path = urlsplit(urljoin(f"{base_url}/{path}", href)).path.lstrip("/")
        assert file_path.startswith("api/tabeller/") and file_path.endswith(".csv")
        response = desktop.request.get(f"{base_url}/{file_path}")
        assert response.ok and response.headers["content-type"].startswith("text/csv")
        records = _records(response.body())
        assert records == tables.nth(i).evaluate(PAGE_ROWS), file_path
        assert (real_site / file_path).read_bytes() == response.body()


@pytest.mark.parametrize("path", [*DOWNLOAD_PAGES, "tilbud/", "tilbud/?sorter=belaegning-faldende"])
def test_no_axe_violations_on_the_changed_pages(browser: Any, base_url: str, path: str) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    for width in (375, 1280):
        context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
        violations = axe.run(page, options=WCAG).response["violations"]
        assert not violations, (width, [(v["id"], [n["html"][:100] for n in v["nodes"][:3]])
                                        for v in violations])
        context.close()
