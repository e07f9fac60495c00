"""The tables of the comparison pages, Frister and the risk matrix, as plain rows for download.

Each table is taken from the page itself: the page's own render function is called (without the
build's block register, so its tables stay in its output) and every <table> the HTML writer put
there is read back as text, one row per row on the page, with the heading above it as its title.
So a row the page gains (a new kind of deadline in Frister) is in the download too, and the two
can never disagree. A cell's text is what the page shows, less the footnote markers; a line
break inside a cell stays a line break.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from markupsafe import Markup

from ..danish.slugs import slugify
from ..urls import page_table_path
from . import comparisons, special
from .context import RenderContext
from .text import attr

# Page key (links.SPECIAL_PAGES) -> the function that renders it.
PAGES: dict[str, Callable[[RenderContext], str]] = {
    "frister": special.deadlines_page,
    "risikomatrix": special.risk_matrix,
    "sikrede-afdelinger": comparisons.secure_units,
    "landsdaekkende": comparisons.national_offers,
    "takster": comparisons.prices,
}
# Pages whose tables come and go with the data (a heading per category or per kind of
# deadline): each file is named after its heading, so its address stays the same.
BY_HEADING = {"frister", "landsdaekkende"}
HEADING = re.compile(r"^#{2,3} (.+?)(?: \{.*\})?$", re.MULTILINE)


@dataclass(frozen=True)
class PageTable:
    name: str  # file stem: api/tabeller/<name>.csv
    title: str  # the heading above the table on the page ("" when it has none)
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def path(self) -> str:
        return page_table_path(self.name)


class _Tables(HTMLParser):
    """Every <table>'s header and body cells as text; footnote markers (<sup>) left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[str], list[list[str]]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._head = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(([], []))
        elif tag == "thead":
            self._head = True
        elif tag == "tbody":
            self._head = False
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None and not self._skip:
            self._cell.append("\n")
        elif tag == "sup" or (tag != "br" and self._skip):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup" or (self._skip and tag not in ("td", "th", "tr", "table", "br")):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            lines = "".join(self._cell).split("\n")
            self._row.append("\n".join(" ".join(line.split()) for line in lines).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            headers, rows = self.tables[-1]
            if self._head:
                headers.extend(self._row)
            else:
                rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def page_tables(ctx: RenderContext, key: str) -> list[PageTable]:
    """The tables of page `key` in page order, named after the page, or on the pages of
    BY_HEADING (and for a page's further tables) after the page and their headings
    ("frister-kommende-frister"). A column that
    is empty in every row (one of footnote markers only, "Kilde") is left out."""
    text = PAGES[key](dataclasses.replace(ctx, blocks=None))
    found: list[tuple[str, list[str], list[list[str]]]] = []
    at = 0
    for match in re.finditer(r"<table\b.*?</table>", text, re.DOTALL):
        headings = HEADING.findall(text, at, match.start())
        title = Markup(headings[-1]).striptags() if headings else ""
        at = match.end()
        parser = _Tables()
        parser.feed(match.group())
        parser.close()
        for headers, rows in parser.tables:
            found.append((title, headers, rows))
    tables: list[PageTable] = []
    for title, headers, rows in found:
        kept = [i for i in range(len(headers)) if any(i < len(r) and r[i] for r in rows)]
        name = f"{key}-{slugify(title)}" if key in BY_HEADING and title else key
        if any(t.name == name for t in tables):  # a further table (Takster's changes)
            name = f"{key}-{slugify(title or str(len(tables) + 1))}"
        tables.append(PageTable(name, title, tuple(headers[i] for i in kept),
                                tuple(tuple(r[i] if i < len(r) else "" for i in kept)
                                      for r in rows)))
    return tables


def download_links(tables: list[PageTable], href: Callable[[str], str]) -> Markup:
    """The page's "Download som CSV" paragraph: one button, or one link per table by its
    heading. `href` makes a site file's path relative to the page."""
    if not tables:
        return Markup("")
    if len(tables) == 1:
        return Markup('<p class="kb-downloads"><a href="{}" download="{}" class="md-button">'
                      'Download tabellen som CSV</a></p>').format(
                          attr(href(tables[0].path)), attr(tables[0].path.rsplit("/", 1)[-1]))
    links = Markup(", ").join(
        Markup('<a href="{}" download="{}">{}</a>').format(
            attr(href(t.path)), attr(t.path.rsplit("/", 1)[-1]), t.title or t.name)
        for t in tables)
    return Markup('<p class="kb-downloads">Download tabellerne som CSV: {}.</p>').format(links)
