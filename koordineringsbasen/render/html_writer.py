"""Finished HTML for the generated blocks that are kept out of Markdown.

Tables and lists (the entity pages' facts, the cross-cutting pages' rows per entity) and the
footnotes were most of what Python-Markdown parsed: at 1,000 entities, most of a page rebuild
under `mkdocs serve`. They are written here as Python-Markdown writes them (its tables
extension with `use_align_attribute`, a plain list), with the addresses mkdocs gives links
(links.href) and the glossary's abbreviations marked as the abbr extension marks them;
a page registers each as a block (blocks.py), kept out of Markdown. Everything that is not Markup is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import Markup

from .abbreviations import Abbreviator, abbreviator
from .links import href
from .text import attr, md

# Pagefind leaves out what carries this attribute (and all inside it).
SEARCH_IGNORE = 'data-pagefind-ignore="all"'
SEARCH_IGNORED_TABLE = f"<table {SEARCH_IGNORE}>"


@dataclass(frozen=True)
class HtmlWriter:
    """HTML for the page `page` (docs-relative .md) of a build with this `glossary`.

    A block (a table, a list) is finished HTML kept out of Markdown: its text is escaped and
    its abbreviations marked here. HTML `in_markdown` (a link inside a template's prose or
    list) is still parsed by Python-Markdown, which marks the abbreviations itself: its text
    is escaped as Markdown (text.md) so that nothing in it reads as Markdown syntax.
    """

    page: str
    glossary: Any
    in_markdown: bool = False
    # Tables are searched on entity pages only: elsewhere (overviews, comparisons) they repeat
    # every entity's name and would put those pages first (site/search_index.py).
    index_tables: bool = False

    @cached_property
    def _abbreviator(self) -> Abbreviator:
        return abbreviator(self.glossary)

    def text(self, value: object) -> Markup:
        """`value` escaped (and in a block its abbreviations marked); Markup is taken as it is."""
        return md(value) if self.in_markdown else self._abbreviator.html(value)

    def link(self, to_uri: str, label: object, anchor: str | None = None,
             css: str | None = None) -> Markup:
        """A link to the page `to_uri` (empty: to `anchor` on this page), of class `css`."""
        target = href(self.page, to_uri, anchor) if to_uri else f"#{anchor}"
        attributes = f'class="{css}" ' if css else ""
        return Markup(f'<a {attributes}href="{target}">{self.text(label)}</a>')

    def external_link(self, url: str, label: object, css: str | None = None) -> Markup:
        """A link to `url` on another host, of class `css`."""
        attributes = f' class="{css}"' if css else ""
        return Markup(f'<a href="{attr(url)}"{attributes}>{self.text(label)}</a>')

    def strong(self, value: object) -> Markup:
        return Markup("<strong>") + self.text(value) + Markup("</strong>")

    def em(self, value: object) -> Markup:
        return Markup("<em>") + self.text(value) + Markup("</em>")

    def table(self, headers: Sequence[object], rows: Iterable[Sequence[object]],
              align: Sequence[str | None] | None = None) -> Markup:
        """`align`: per column None or "left"/"center"/"right" (as `:--`, `:-:`, `--:`)."""
        columns = [f' align="{a}"' if a else "" for a in (align or [None] * len(headers))]
        head = "".join(f"<th{a}>{self._cell(h)}</th>\n" for a, h in zip(columns, headers, strict=True))
        body = "".join("<tr>\n" + "".join(f"<td{a}>{self._cell(c)}</td>\n"
                                          for a, c in zip(columns, row, strict=True)) + "</tr>\n"
                       for row in rows)
        start = "<table>" if self.index_tables else SEARCH_IGNORED_TABLE
        return Markup(f"{start}\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{body}"
                      "</tbody>\n</table>")

    def _cell(self, value: object) -> str:
        return str(self.text(value)).strip()  # as the tables extension strips a cell

    def items(self, items: Iterable[object]) -> Markup:
        """A bulleted list (one block, blank lines around it in the page)."""
        return Markup("<ul>\n" + "".join(f"<li>{self.text(i)}</li>\n" for i in items) + "</ul>")


def sortable(table: Markup, compact: bool = False, attributes: str = "") -> Markup:
    """A table whose columns sort (sortable.js); `compact` for tables with many columns;
    `attributes` (trusted) go on the wrapper."""
    css = "kb-sortable kb-compact" if compact else "kb-sortable"
    extra = f" {attributes}" if attributes else ""
    return Markup(f'<div class="{css}"{extra}>\n') + table + Markup("\n</div>")
