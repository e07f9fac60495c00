"""Where each entity's page lives, and the addresses of links between pages."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from mkdocs.utils import get_relative_url

SPECIAL_PAGES = {
    "forside": "index.md",
    "risikomatrix": "maalgrupper/risikomatrix.md",
    "frister": "udmeldinger/frister.md",
    "daekning": "maalgrupper/daekning.md",
    "sikrede-afdelinger": "tilbud/sikrede-afdelinger.md",
    "landsdaekkende": "tilbud/lands-og-landsdelsdaekkende.md",
    "takster": "tilbud/takster.md",
    "kommuner": "tilbud/kommuner.md",
    "datakvalitet": "om-data/datakvalitet.md",
    "ordliste": "ordliste.md",
}


def page_uri(kind: str, entity_id: str) -> str:
    return f"{kind}/{entity_id}.md"


def entity_of_page(catalog: Any, page: str) -> tuple[str, str] | None:
    """(kind, id) when `page` (docs-relative .md) is an entity's own page, else None."""
    kind, _, rest = page.partition("/")
    entity_id = rest.removesuffix(".md")
    if "/" in entity_id or not rest.endswith(".md") or entity_id not in catalog.entities.get(
            kind, {}):
        return None
    return kind, entity_id


def overview_uri(kind: str) -> str:
    return f"{kind}/index.md"


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

