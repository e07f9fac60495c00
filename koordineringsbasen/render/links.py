"""Where each entity's page lives, and relative Markdown links between pages."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from markupsafe import Markup
from mkdocs.utils import get_relative_url

from .text import md

SPECIAL_PAGES = {
    "forside": "index.md",
    "risikomatrix": "maalgrupper/risikomatrix.md",
    "frister": "udmeldinger/frister.md",
    "daekning": "maalgrupper/daekning.md",
    "sikrede-afdelinger": "tilbud/sikrede-afdelinger.md",
    "landsdaekkende": "tilbud/lands-og-landsdelsdaekkende.md",
    "takster": "tilbud/takster.md",
    "datakvalitet": "om-data/datakvalitet.md",
    "ordliste": "ordliste.md",
}


def page_uri(kind: str, entity_id: str) -> str:
    return f"{kind}/{entity_id}.md"


def overview_uri(kind: str) -> str:
    return f"{kind}/index.md"


def relative(from_uri: str, to_uri: str) -> str:
    """Link from the page at `from_uri` to the page at `to_uri` (both docs-relative .md)."""
    return _relative(posixpath.dirname(from_uri) or ".", to_uri)


@lru_cache(maxsize=65536)
def _relative(from_dir: str, to_uri: str) -> str:
    # relpath is slow and pages share a handful of folders: tens of thousands of calls per build.
    return posixpath.relpath(to_uri, from_dir)


def page_url(src_uri: str) -> str:
    """The site-relative URL of the page `src_uri` (mkdocs' Page.url with use_directory_urls,
    which mkdocs_hooks requires): 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/', 'index.md' -> ''."""
    stem = src_uri.removesuffix(".md")
    return stem.removesuffix("index") if stem.split("/")[-1] == "index" else stem + "/"


@lru_cache(maxsize=65536)
def href(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """The address a link from page `from_uri` to page `to_uri` has in the built HTML, as
    mkdocs writes it for a Markdown link: for HTML that is kept out of Markdown."""
    # mkdocs relates File URLs, in which the home page is './' (Page.url: '').
    target, source = page_url(to_uri) or "./", page_url(from_uri) or "./"
    return get_relative_url(target, source) + (f"#{anchor}" if anchor else "")


def link(from_uri: str, to_uri: str, label: object, anchor: str | None = None) -> Markup:
    target = relative(from_uri, to_uri) + (f"#{anchor}" if anchor else "")
    return Markup(f"[{md(label)}]({target})")
