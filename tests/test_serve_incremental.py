"""Under `mkdocs serve --dirty` the served site always equals a fresh full build of the same data.

A sequence of edits (change a figure, rename an entity, add a file, delete a file, introduce and
then fix an error) is made in a temporary copy of the fixture data while the preview server
runs. After each edit, every file of a fresh `mkdocs build --strict` of the same data (pages,
open-data exports, search index, sitemap, assets) is fetched from the server and compared byte
for byte. The only normalisation is removing the live-reload script the server injects into
HTML responses; the search index is compared by content (tests/pagefind_bundle.py), as Pagefind
orders filter values differently from run to run. Files of earlier builds that no longer exist must be gone from the server (404).
Both sides get the same SITE_URL (the server's address) and SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pagefind_bundle
from tests.preview_server import PreviewServer, clock, normalise
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, build_site

pytestmark = pytest.mark.build
EPOCH = "1767225600"  # 2026-01-01


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[PreviewServer, Path]]:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    server = PreviewServer(data, FIXTURE_SEEDS, tmp_path / "serve.log",
                           {"SOURCE_DATE_EPOCH": EPOCH})
    try:
        yield server, data
    finally:
        server.stop()


def fresh_build(server: PreviewServer, data: Path, target: Path) -> Path:
    result = build_site(data, target, FIXTURE_SEEDS,
                        {"SITE_URL": server.env["SITE_URL"], "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def served_file(server: PreviewServer, name: str) -> bytes:
    status, body = server.get(name)
    assert status == 200, f"{name}: {status}"
    return body


def assert_served_equals(server: PreviewServer, site: Path, gone: set[str]) -> None:
    different = []
    for name in sorted(site_files(site)):
        if pagefind_bundle.ORDER_DEPENDENT.match(name):
            continue  # compared by content below
        status, body = server.get(name)
        if status != 200 or normalise(body) != (site / name).read_bytes():
            different.append(f"{name} ({status})")
    assert not different, f"served differs from a full build: {different[:20]}"
    assert pagefind_bundle.content(lambda name: served_file(server, name)) == \
        pagefind_bundle.content(lambda name: (site / name).read_bytes()), "the search index differs"
    still_there = [name for name in sorted(gone) if not pagefind_bundle.ORDER_DEPENDENT.match(name)
                   and server.get(name)[0] != 404]
    assert not still_there, f"served but not in a full build: {still_there}"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_edit_is_served_as_a_full_build_would_build_it(
    served: tuple[PreviewServer, Path], tmp_path: Path
) -> None:
    server, data = served
    server.wait_for_build(None)
    seen: set[str] = set()
    offer = data / "tilbud" / "testtilbud.yml"
    subgroup = data / "maalgrupper" / "reg-undergruppe.yml"
    added = data / "tilbud" / "nyt-testtilbud.yml"

    def changed(step: str, since: int | None = None) -> None:
        """Compare with a fresh build once the server has rebuilt after the edit begun at `since`."""
        if since is not None:
            server.wait_for_build(since)
        site = fresh_build(server, data, tmp_path / f"site-{step}")
        current = site_files(site)
        assert_served_equals(server, site, seen - current)
        seen.update(current)

    changed("start")

    since = clock()
    edit(offer, "{aar: 2025, pladser: 12,", "{aar: 2025, pladser: 14,")  # a figure
    changed("figure", since)

    since = clock()
    renamed = data / "maalgrupper" / "reg-undergruppe-omdoebt.yml"  # an entity renamed
    renamed.write_text(subgroup.read_text(encoding="utf-8").replace(
        "id: reg-undergruppe\n", "id: reg-undergruppe-omdoebt\n"), encoding="utf-8")
    subgroup.unlink()
    changed("rename", since)

    since = clock()
    added.write_text(re.sub(r"(?m)^(id|navn): .*$", lambda m: {
        "id": "id: nyt-testtilbud", "navn": "navn: Nyt testtilbud i Ærøskøbing"}[m.group(1)],
        offer.read_text(encoding="utf-8")).replace("aliaser: [Osterlund]\n", ""),
        encoding="utf-8")
    changed("add", since)

    since = clock()
    added.unlink()
    changed("delete", since)

    good = offer.read_text(encoding="utf-8")
    since = clock()
    edit(offer, "belaegning_procent: 95,", 'belaegning_procent: "33,5",')
    server.wait_for_build(since)  # the server does not hang: it serves a new build
    status, page = server.get("tilbud/testtilbud/")
    assert status == 200
    assert b'class="kb-preview-fejl"' in page
    assert (b"data/tilbud/testtilbud.yml:15:64: kapacitet[0].belaegning_procent: '33,5' har "
            b"dansk decimalkomma") in page.replace(b"&#39;", b"'")
    assert b"kb-preview-fejl" in server.get("")[1]  # on every page
    # Still the last good data: the pages equal the last valid build once the banner is off.
    last_good = tmp_path / "site-delete"
    banner = re.compile(rb"<div class=\"kb-preview-fejl\".*?</div>", re.DOTALL)
    assert banner.sub(b"", normalise(page)) == (last_good / "tilbud/testtilbud/index.html"
                                                  ).read_bytes()

    since = clock()
    offer.write_text(good, encoding="utf-8")
    changed("fixed", since)
    assert b"kb-preview-fejl" not in server.get("tilbud/testtilbud/")[1]
