"""Issue 23 on the built site: the CSP with a loopback site_url, heading ids that data cannot
collide with, and builds that refuse data they cannot handle while leaving the old site."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import FIXTURE_SEEDS, build_site
from tests.test_publish_atomic import tree_digest

pytestmark = pytest.mark.build  # every test here builds a site


@pytest.mark.parametrize("site_url", ["http://localhost:8123/kb/", "http://[::1]:9000/",
                                      "http://127.0.0.2/"])
def test_a_loopback_site_url_keeps_the_policy_on_every_page(
        fixture_data: Path, tmp_path: Path, site_url: str) -> None:
    site = tmp_path / "site"
    result = build_site(fixture_data, site, FIXTURE_SEEDS, {"SITE_URL": site_url})
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        policy = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None and "default-src 'self'" in policy["content"], page


HOSTILE_NAMES = ["__search", "__drawer", "_ __toc", "kb-search-results", "Kb Search Status",
                 "Belaegning 0 T"]


def test_heading_ids_from_data_never_take_the_themes_ids(fixture_data: Path,
                                                         tmp_path: Path) -> None:
    offer = fixture_data / "tilbud" / "testtilbud.yml"
    text = offer.read_text(encoding="utf-8")
    offer.write_text(text.replace("navn: Testtilbuddet Østerlund", 'navn: "__search"'),
                     encoding="utf-8")
    for number, name in enumerate(HOSTILE_NAMES[1:], start=1):
        copy = text.replace("id: testtilbud", f"id: kopi-{number}").replace(
            "navn: Testtilbuddet Østerlund", f'navn: "{name}"')
        (fixture_data / "tilbud" / f"kopi-{number}.yml").write_text(copy, encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(fixture_data, site, FIXTURE_SEEDS)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = 0
    for page in [site / "tilbud" / "testtilbud" / "index.html",
                 *sorted((site / "tilbud").glob("kopi-*/index.html"))]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids = Counter(e["id"] for e in soup.find_all(id=True))
        assert [i for i, n in ids.items() if n > 1] == [], page
        heading = soup.find("h1")
        assert heading is not None and heading.get("id"), page
        assert not heading["id"].startswith(("_", "kb-", "belaegning-")), heading["id"]
        # The theme's own elements are where its scripts look for them.
        assert soup.find(id="__config").name == "script"
        assert soup.find(id="__search").name == "input"
        assert soup.find(id="kb-search-results").name == "ol"
        checked += 1
    assert checked == len(HOSTILE_NAMES)


def _old_site(tmp_path: Path, fixture_site: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    return site


@pytest.mark.parametrize("keep", [(), ("kilder",), ("kilder", "organisationer", "maalgrupper")])
def test_a_build_of_an_empty_or_near_empty_data_folder_is_refused(
        fixture_data: Path, fixture_site: Path, tmp_path: Path, keep: tuple[str, ...]) -> None:
    for folder in fixture_data.iterdir():
        if folder.is_dir() and folder.name not in keep:
            shutil.rmtree(folder)
    (fixture_data / "ordliste.yml").unlink()
    site = _old_site(tmp_path, fixture_site)
    before = tree_digest(site)
    result = build_site(fixture_data, site, FIXTURE_SEEDS)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Data er ugyldige; intet er bygget" in output and "Traceback" not in output
    missing = {"kilder", "organisationer", "maalgrupper", "tilbud", "udmeldinger"} - set(keep)
    for kind in missing:
        assert f"ingen {kind} i data: hver slags skal have mindst én enhed" in output
    assert tree_digest(site) == before


@pytest.mark.parametrize("date", ["2345-06-07", "3000-01", "1776"])
def test_a_build_refuses_a_date_it_cannot_handle_without_a_traceback(
        fixture_data: Path, fixture_site: Path, tmp_path: Path, date: str) -> None:
    path = fixture_data / "udmeldinger" / "cu-test.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("dato: 2099-05-31", f"dato: {date}"),
                    encoding="utf-8")
    site = _old_site(tmp_path, fixture_site)
    before = tree_digest(site)
    result = build_site(fixture_data, site, FIXTURE_SEEDS)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(rf"cu-test\.yml:\d+:\d+: haendelser\[2\]\.dato: '{date}' ligger uden for "
                     r"årene 1900-2100", output), output[-2000:]
    assert tree_digest(site) == before
