"""What the exports need to know about the site they are written into: its URL and date."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .settings import build_date

API_DIR = "api"
PAGE_TABLES_DIR = f"{API_DIR}/tabeller"  # the tables of the comparison pages, Frister, ...


def page_table_path(name: str) -> str:
    """Where the CSV of one page table lives: 'frister-kommende-frister' -> api/tabeller/…csv."""
    return f"{PAGE_TABLES_DIR}/{name}.csv"


@dataclass(frozen=True)
class SiteInfo:
    """The site's own address (site_url), URL style, build date and git change dates."""

    site_url: str = ""
    directory_urls: bool = True
    today: dt.date = field(default_factory=build_date)
    changed: Mapping[str, str] = field(default_factory=dict)  # data file -> ISO date

    @property
    def base(self) -> str:
        """site_url ending in '/', or '' when the site has none (links stay relative)."""
        if not self.site_url:
            return ""
        return self.site_url if self.site_url.endswith("/") else self.site_url + "/"

    @property
    def host(self) -> str:
        return urlsplit(self.site_url).netloc or "koordineringsbasen.invalid"

    def url(self, path: str) -> str:
        """Address of `path` (site-relative) on the site."""
        return self.base + path

    def entity_file_path(self, kind: str, entity_id: str, name: str) -> str:
        """A file beside an entity's page, in its page folder: 'tilbud/x/frister.ics'."""
        return f"{kind}/{entity_id}/{name}"

    def page_path(self, kind: str, entity_id: str) -> str:
        return f"{kind}/{entity_id}/" if self.directory_urls else f"{kind}/{entity_id}.html"

    def page_url(self, kind: str, entity_id: str) -> str:
        return self.url(self.page_path(kind, entity_id))

    def entity_feed_path(self, kind: str, entity_id: str) -> str:
        """The entity's own Atom feed of changes, next to its page (exports/feed.py)."""
        return f"{kind}/{entity_id}/aendringer.xml"

    def entity_json_path(self, kind: str, entity_id: str) -> str:
        return posixpath.join(API_DIR, kind, f"{entity_id}.json")
