"""A part of a Danish compound finds the whole: "tilbud" finds "Aflastningstilbud Solsikken".

Pagefind splits words only at hyphens and capitals; the search block lists the parts of the
names' compounds (danish/compounds.py). The fixture data get two offers whose own text never
has the word "tilbud" alone: one named with the compound, one without it. The compound must
be found, and rank above the plain one (which the word reaches only through the page's frame).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests import support

OFFER = """id: {id}
navn: {name}
kategori: oevrigt-landsdaekkende
resume: {summary}
kilder:
  - {{kilde: testrapport-2025, linjer: 105-106}}
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def compound_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("compounds")
    data = root / "data"
    shutil.copytree(support.FIXTURE_DATA, data)
    (data / "tilbud" / "aflastning-solsikken.yml").write_text(OFFER.format(
        id="aflastning-solsikken", name="Aflastningstilbud Solsikken",
        summary="Korte ophold for børn med svær epilepsi."), encoding="utf-8")
    (data / "tilbud" / "solbakken.yml").write_text(OFFER.format(
        id="solbakken", name="Solbakken", summary="Korte ophold for unge med svær epilepsi."),
        encoding="utf-8")
    support.anchor_citations(data)
    site = root / "site"
    result = support.build_site(data, site, support.FIXTURE_SEEDS)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.build
@pytest.mark.parametrize("width", [375, 1280])
def test_tilbud_finds_the_aflastningstilbud(browser: Any, compound_site: str, width: int) -> None:
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(compound_site + "/")
    if width < 960:
        page.locator("button.kb-search-open").click()
    else:
        page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("tilbud", delay=30)
    page.wait_for_function(
        "() => document.querySelector('#kb-search-results').dataset.query === 'tilbud'")
    found = [urlsplit(h).path for h in page.locator("#kb-search-results a").evaluate_all(
        "links => links.map(a => a.href)")]
    assert "/tilbud/aflastning-solsikken/" in found, found
    if "/tilbud/solbakken/" in found:
        assert found.index("/tilbud/aflastning-solsikken/") < found.index("/tilbud/solbakken/")
    context.close()
