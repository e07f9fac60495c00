"""The preview's problem banner and the catalog read tracking behind incremental rebuilds."""

from __future__ import annotations

from pathlib import Path

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import Problem
from koordineringsbasen.serve import preview
from koordineringsbasen.serve.tracking import Changes, tracked
from tests.support import FIXTURE_SEEDS

PAGE = b'<!doctype html><html><body dir="ltr" class="x"><p>Side</p></body></html>'


def test_the_banner_escapes_what_it_quotes_and_comes_first_in_the_body() -> None:
    problems = [Problem("data/tilbud/x.yml", 3, 7, "navn", "'<script>alert(1)</script>' er forkert")]
    found = preview.Problems()
    found.set(problems)
    page = preview.add_banner(PAGE, found.lines)
    assert b"<script>" not in page
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.index(b'<div class="kb-preview-fejl"') == page.index(b'class="x">') + len(b'class="x">')
    assert b"data/tilbud/x.yml:3:7: navn:" in page
    assert "Forhåndsvisningen viser de sidste gyldige data".encode() in page


def test_the_middleware_changes_html_only_while_there_are_problems() -> None:
    def app(environ, start_response):  # type: ignore[no-untyped-def]
        kind = "text/html" if environ["PATH_INFO"].endswith("/") else "application/json"
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(PAGE)))])
        return [PAGE]

    served: list[tuple[str, list[tuple[str, str]]]] = []
    problems = preview.Problems()
    wrapped = preview.middleware(app, problems)

    def call(path: str) -> bytes:
        return b"".join(wrapped({"PATH_INFO": path},
                                lambda s, h, e=None: served.append((s, h))))

    assert call("/") == PAGE
    problems.set([Problem("data/a.yml", 1, 1, "", "fejl")])
    body = call("/")
    assert b"kb-preview-fejl" in body
    assert ("Content-Length", str(len(body))) in served[-1][1]
    assert call("/api/alt.json") == PAGE
    problems.clear()
    assert call("/") == PAGE


def test_reads_through_a_tracked_catalog_tell_which_changes_matter(fixture_data: Path) -> None:
    old = load_catalog(fixture_data, FIXTURE_SEEDS)
    reads: set = set()
    view = tracked(old, reads)
    view.get("tilbud", "testtilbud")
    view.linking("maalgrupper", "natko-25-testgruppe", "tilbud")
    assert ("e", "tilbud", "testtilbud") in reads
    assert ("backlinks", ("maalgrupper", "natko-25-testgruppe")) in reads
    listing: set = set()
    tracked(old, listing).all("organisationer")
    assert ("k", "organisationer") in listing

    path = fixture_data / "tilbud" / "testtilbud.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("pladser: 12", "pladser: 14"),
                    encoding="utf-8")
    changes = Changes(old, load_catalog(fixture_data, FIXTURE_SEEDS))
    assert changes.changed(("e", "tilbud", "testtilbud"))
    assert not changes.changed(("e", "maalgrupper", "natko-25-testgruppe"))
    assert not changes.changed(("k", "organisationer"))
    assert changes.changed(("k", "tilbud"))
    assert not changes.any_changed(listing)
    assert changes.any_changed(reads)
