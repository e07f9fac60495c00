"""The built site's source texts: every citation links to lines that exist, and the site builds
without the texts too."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from koordineringsbasen.load.loader import default_seeds_dir, load_catalog
from tests.support import FIXTURE_DATA, ROOT, build_site

RANGE = re.compile(r"^L(\d+)(?:-L(\d+))?$")
# The real site shows source texts only where the seeds are supplied (not in every CI setup).
needs_texts = pytest.mark.skipif(not default_seeds_dir().is_dir(),
                                 reason="no source texts (KOORDINERINGSBASEN_SEEDS)")


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in soup.find_all(id=True))


def _target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    page_url = "/" + page.relative_to(site).as_posix()
    url = urlsplit(urljoin(page_url, href))
    path = site / url.path.lstrip("/")
    return (path / "index.html" if url.path.endswith("/") else path), url.fragment


@needs_texts
def test_every_citation_links_to_a_line_range_that_exists(real_site: Path) -> None:
    checked, problems, pages_checked = 0, [], set()
    for page in sorted(real_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for note in soup.select(".footnote li[id^='fn:'] p"):
            if "linje" not in note.get_text():
                continue
            assert ".txt" not in note.get_text(), f"{page}: seed file name in a footnote"
            links = note.select("a.kb-tekstlink")
            if len(links) != 1:
                problems.append(f"{page}: footnote without one passage link: {note.get_text()[:80]}")
                continue
            target, fragment = _target(real_site, page, str(links[0]["href"]))
            found = RANGE.match(fragment)
            if not target.is_file() or not found:
                problems.append(f"{page}: {links[0]['href']} leads nowhere")
                continue
            first, last = int(found.group(1)), int(found.group(2) or found.group(1))
            ids = _ids(target)
            missing = [n for n in range(first, last + 1) if f"L{n}" not in ids]
            if fragment not in ids or missing:
                problems.append(f"{page}: {links[0]['href']}: no anchor or lines {missing[:5]}")
            cited = re.search(r"linje (\d+)(?:-(\d+))?", note.get_text())
            assert cited and (int(cited.group(1)), int(cited.group(2) or cited.group(1))) == \
                (first, last), f"{page}: the link's range is not the footnote's"
            checked += 1
            pages_checked.add(page.relative_to(real_site).parent.as_posix())
    assert not problems, "\n".join(problems[:20])
    # Every entity that cites lines had its citations checked on its page.
    catalog = load_catalog(ROOT / "data")
    citing = {f"{kind}/{entity_id}" for facts in catalog.citations.values()
              for (kind, entity_id) in (fact.entity for fact in facts)}
    assert citing and sorted(citing - pages_checked) == []


@needs_texts
def test_every_source_shows_its_text_and_links_it(real_site: Path) -> None:
    catalog = load_catalog(ROOT / "data")
    for source in catalog.all("kilder"):
        text_page = real_site / "kilder" / source.id / "tekst" / "index.html"
        assert text_page.is_file(), source.id
        html = (real_site / "kilder" / source.id / "index.html").read_text(encoding="utf-8")
        assert 'href="tekst/"' in html, f"{source.id}: no link to its text"
        shown = set()
        for page in (real_site / "kilder" / source.id / "tekst").rglob("index.html"):
            shown |= {int(i[1:]) for i in _ids(page) if re.fullmatch(r"L\d+", i)}
        first, last = (int(x) for x in (source.linjer.split("-") * 2)[:2])
        assert shown == set(range(first, last + 1)), f"{source.id}: lines missing or extra"
        soup = BeautifulSoup(html, "html.parser")
        passages = {a.get_text(): str(a["href"]) for a in soup.find_all("a")
                    if a.get_text().endswith("i kildeteksten")}
        for item in source.punkter:
            href = passages.get(f"Linje {item.linjer} i kildeteksten", "")
            assert href.startswith("tekst/") and "#punkt-" in href, f"{source.id} {item.nr}"
            target, fragment = _target(real_site, real_site / "kilder" / source.id / "index.html",
                                       href)
            assert fragment in _ids(target), f"{source.id}: {href} has no such heading"


@pytest.mark.build
def test_the_site_builds_without_the_texts_and_says_so(tmp_path: Path) -> None:
    site = tmp_path / "site"
    # Empty: no texts on purpose (a path that names no folder is an error: test_seeds_setting).
    result = build_site(FIXTURE_DATA, site, extra_env={"KOORDINERINGSBASEN_SEEDS": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Kildeteksterne findes ikke" in result.stderr + result.stdout
    assert not list(site.glob("kilder/*/tekst"))
    about = (site / "om-data" / "index.html").read_text(encoding="utf-8")
    assert "bygget uden kildeteksterne" in about
    entity = (site / "tilbud" / "testtilbud" / "index.html").read_text(encoding="utf-8")
    assert "Se kildeteksten" not in entity and "linje 105-106" in entity
