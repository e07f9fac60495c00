"""Links and resources of the built real site, read from its HTML files as a browser would.

Every internal href/src must resolve to a file of the site and every #fragment to an id in its
target page; no page may load anything (script, image, style, font, frame) from another host.
Links to other hosts are allowed and listed in test-artifacts/external-links.txt (never fetched).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from koordineringsbasen.load.loader import load_catalog
from tests.support import ROOT

ARTIFACTS = ROOT / "test-artifacts"
# Attributes through which a browser fetches something while showing the page.
RESOURCE_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
    "source": ("src", "srcset"), "audio": ("src",), "video": ("src", "poster"),
    "track": ("src",), "embed": ("src",), "input": ("src",), "object": ("data",),
    "image": ("href", "xlink:href"),  # SVG
}
# <link rel=...> values whose href the browser fetches.
FETCHED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload",
                     "modulepreload", "prefetch", "manifest", "mask-icon"}
REMOTE_LOADER = re.compile(r"""(import\(|fetch\(|src\s*=)\s*['"](https?:)?//""")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass(frozen=True)
class Ref:
    page: str       # site-relative path of the page, e.g. "tilbud/x/index.html"
    tag: str
    attr: str
    url: str
    fetched: bool   # the browser loads it while showing the page (not a link to follow)


@dataclass(frozen=True)
class ParsedPage:
    ids: frozenset[str]
    refs: tuple[Ref, ...]
    canonical: str | None
    remote_inline_scripts: int  # inline <script>s that import/fetch an absolute URL


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def _parse(site: Path, path: Path) -> ParsedPage:
    rel = path.relative_to(site).as_posix()
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    ids = frozenset(
        [str(tag["id"]) for tag in soup.find_all(id=True)]
        + [str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})]
    )
    refs: list[Ref] = []
    canonical = None
    for tag in soup.find_all(True):
        name = tag.name
        if name == "link":
            rels = {r.lower() for r in (tag.get("rel") or [])}
            if "canonical" in rels:
                canonical = tag.get("href")
                continue  # metadata naming the public address; never fetched
            if tag.get("href"):
                refs.append(Ref(rel, name, "href", tag["href"], bool(rels & FETCHED_LINK_RELS)))
            continue
        if name == "a" and tag.get("href") is not None:
            refs.append(Ref(rel, name, "href", tag["href"], False))
        for attr in RESOURCE_ATTRS.get(name, ()):
            value = tag.get(attr)
            if not value:
                continue
            urls = _srcset_urls(value) if attr == "srcset" else [value]
            refs.extend(Ref(rel, name, attr, url, True) for url in urls)
        style = tag.get("style")
        if style:
            refs.extend(Ref(rel, name, "style", u or i, True) for u, i in CSS_URL.findall(style))
        if name == "style" and tag.string:
            refs.extend(Ref(rel, name, "css", u or i, True) for u, i in CSS_URL.findall(tag.string))
    remote = sum(1 for script in soup.find_all("script", src=False)
                 if script.string and REMOTE_LOADER.search(script.string))
    return ParsedPage(ids, tuple(refs), canonical, remote)


@pytest.fixture(scope="module")
def pages(real_site: Path) -> dict[str, ParsedPage]:
    """Every HTML file of the real site, parsed once."""
    return {p.relative_to(real_site).as_posix(): _parse(real_site, p)
            for p in sorted(real_site.rglob("*.html"))}


@pytest.fixture(scope="module")
def site_prefix(pages: dict[str, ParsedPage]) -> str:
    """The URL path the site is published under ("/koordineringsbasen/"), from rel=canonical."""
    canonical = pages["index.html"].canonical
    assert canonical, "the front page has no <link rel=canonical>"
    return urlsplit(canonical).path or "/"


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    local_scheme = parts.scheme in ("", "data", "blob", "about")
    return not local_scheme or url.startswith("//")


def _resolve(site: Path, page: str, url: str, prefix: str) -> tuple[str | None, str]:
    """The site-relative file `url` on `page` points at (None if none), and its fragment."""
    parts = urlsplit(url)
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page, fragment
    page_url = "/" + page  # the page as if served from the site root
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(prefix):
            return None, fragment
        path = "/" + path[len(prefix):]
    target = urlsplit(urljoin(page_url, path)).path.lstrip("/")
    candidates = [target] if target and not target.endswith("/") else []
    candidates.append((target.rstrip("/") + "/index.html").lstrip("/"))
    for candidate in candidates:
        if ".." not in Path(candidate).parts and (site / candidate).is_file():
            return candidate, fragment
    return None, fragment


def test_site_has_pages(pages: dict[str, ParsedPage]) -> None:
    """The pages the link checks below walk include every entity's page."""
    assert "index.html" in pages and "404.html" in pages
    catalog = load_catalog(ROOT / "data")
    entity_pages = {f"{kind}/{entity_id}/index.html"
                    for kind, entities in catalog.entities.items() for entity_id in entities}
    assert entity_pages and entity_pages - pages.keys() == set()


def check_internal(site: Path, pages: dict[str, ParsedPage],
                   prefix: str) -> tuple[int, list[str], list[str]]:
    """(references checked, references to missing files, fragments without a target id)."""
    missing: list[str] = []
    bad_fragments: list[str] = []
    checked = 0
    for page, parsed in pages.items():
        for ref in parsed.refs:
            url = ref.url.strip()
            if _is_external(url) or url.startswith(("data:", "blob:", "about:")):
                continue
            checked += 1
            target, fragment = _resolve(site, page, url, prefix)
            if target is None:
                missing.append(f"{page}: <{ref.tag} {ref.attr}={url!r}>")
                continue
            if fragment and target.endswith(".html"):
                target_page = pages.get(target) or _parse(site, site / target)
                if fragment not in target_page.ids:
                    bad_fragments.append(
                        f"{page}: <{ref.tag} {ref.attr}={url!r}> (no id in {target})")
    return checked, missing, bad_fragments


def test_checker_finds_broken_links(tmp_path: Path) -> None:
    """The checker itself: directory URLs, prefixes, fragments, and what it must catch."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="../#intro">x</a>'
                                               '<a href="../b/">missing</a><a href="#nope">y</a>'
                                               '<a href="/site/a/?q=1#top">ok</a>'
                                               '<img src="../logo.png">')
    (tmp_path / "index.html").write_text('<p id="intro"></p><a href="a/">a</a>'
                                         '<a href="a/index.html#top">a</a>'
                                         '<a href="/elsewhere/">z</a>')
    pages = {p.relative_to(tmp_path).as_posix(): _parse(tmp_path, p)
             for p in tmp_path.rglob("*.html")}
    checked, missing, bad = check_internal(tmp_path, pages, "/site/")
    assert checked == 8
    pages_with_missing = sorted(m.split(":")[0] for m in missing)
    assert pages_with_missing == ["a/index.html", "a/index.html", "index.html"]
    assert any("../b/" in m for m in missing) and any("logo.png" in m for m in missing)
    assert any("/elsewhere/" in m for m in missing)
    assert bad == ["a/index.html: <a href='#nope'> (no id in a/index.html)"]


def test_internal_links_and_fragments_resolve(
    real_site: Path, pages: dict[str, ParsedPage], site_prefix: str,
) -> None:
    checked, missing, bad_fragments = check_internal(real_site, pages, site_prefix)
    print(f"\n{checked} internal references in {len(pages)} pages checked")
    assert checked > len(pages)
    assert not missing, f"{len(missing)} references to missing files:\n" + "\n".join(missing[:50])
    assert not bad_fragments, (f"{len(bad_fragments)} fragments without a target id:\n"
                               + "\n".join(bad_fragments[:50]))


def test_css_of_the_site_loads_nothing_from_other_hosts(real_site: Path) -> None:
    offenders = []
    for css in real_site.rglob("*.css"):
        for u, i in CSS_URL.findall(css.read_text(encoding="utf-8")):
            if _is_external(u or i):
                offenders.append(f"{css.relative_to(real_site)}: {u or i}")
    assert not offenders, "\n".join(offenders)


def test_no_resource_from_another_host(pages: dict[str, ParsedPage]) -> None:
    offenders = [f"{page}: <{ref.tag} {ref.attr}={ref.url!r}>"
                 for page, parsed in pages.items() for ref in parsed.refs
                 if ref.fetched and _is_external(ref.url.strip())]
    assert not offenders, (f"{len(offenders)} resources from other hosts:\n"
                           + "\n".join(offenders[:50]))


def test_no_inline_script_loads_from_another_host(pages: dict[str, ParsedPage]) -> None:
    offenders = [page for page, parsed in pages.items() if parsed.remote_inline_scripts]
    assert not offenders, offenders


def test_external_links_are_reported(pages: dict[str, ParsedPage]) -> None:
    """Links (<a href>) to other hosts are allowed; list them for a person to review."""
    by_url: dict[str, set[str]] = defaultdict(set)
    for page, parsed in pages.items():
        for ref in parsed.refs:
            if ref.tag == "a" and _is_external(ref.url.strip()):
                by_url[ref.url.strip()].add(page)
    ARTIFACTS.mkdir(exist_ok=True)
    report = ARTIFACTS / "external-links.txt"
    lines = [f"# {len(by_url)} external link targets on the built site (not fetched)", ""]
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in sorted(by_url):
        by_host[urlsplit(url).netloc or urlsplit(url).scheme].append(url)
    for host in sorted(by_host):
        lines.append(f"## {host}")
        for url in by_host[host]:
            pages_ = sorted(by_url[url])
            more = f" (+{len(pages_) - 3} more)" if len(pages_) > 3 else ""
            lines.append(f"{url}\n    on: {', '.join(pages_[:3])}{more}")
        lines.append("")
    report.write_text("\n".join(lines), encoding="utf-8")
    listed = report.read_text(encoding="utf-8").splitlines()
    assert [url for url in by_url if url not in listed] == []
    for url in by_url:
        assert urlsplit(url).scheme in ("https", "http", "mailto"), f"unexpected link scheme: {url}"
    print(f"\n{len(by_url)} external link targets written to {report}")


def test_accessibility_statement_exists(pages: dict[str, ParsedPage], real_site: Path) -> None:
    assert (ROOT / "docs" / "tilgaengelighed.md").is_file()
    html = (real_site / "tilgaengelighed" / "index.html").read_text(encoding="utf-8")
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    assert "Tilgængelighedserklæring" in text
    assert "WCAG" in text
    # Reachable from every page (it is in the navigation).
    unlinked = [page for page, parsed in pages.items()
                if page not in ("404.html", "tilgaengelighed/index.html")
                and not any(ref.tag == "a" and "tilgaengelighed" in ref.url for ref in parsed.refs)]
    assert not unlinked, f"pages without a link to the accessibility statement: {unlinked[:10]}"
