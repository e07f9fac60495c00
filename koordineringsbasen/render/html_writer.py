"""Finished HTML for the generated blocks that are kept out of Markdown.

Tables and lists (the entity pages' facts, the cross-cutting pages' rows per entity) and the
footnotes were most of what Python-Markdown parsed: at 1,000 entities, most of a page rebuild
under `mkdocs serve`. They are written here as Python-Markdown writes them (its tables
extension with `use_align_attribute`, a plain list), with the addresses mkdocs gives links
(links.href) and the glossary's abbreviations marked as the abbr extension marks them;
a page registers each as a block (blocks.py), kept out of Markdown. Everything that is not Markup is escaped.

The fixed pieces the pages repeat (footnotes and their markers, numbered source-text lines,
badges, the filters' row markers) are written here too, by the functions at the end; the
modules that use them decide only what goes in.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import quote

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

    def mail_link(self, address: str) -> Markup:
        """A mailto: link to a shared mailbox, shown as the address."""
        return Markup(f'<a href="mailto:{attr(quote(address, safe="@"))}">'
                      f'{self.text(address)}</a>')

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

    def items(self, items: Iterable[object], css: str | None = None) -> Markup:
        """A bulleted list (one block, blank lines around it in the page), of class `css`."""
        start = f'<ul class="{css}">' if css else "<ul>"
        return Markup(start + "\n" + "".join(f"<li>{self.text(i)}</li>\n" for i in items)
                      + "</ul>")


def sortable(table: Markup, compact: bool = False, attributes: str = "") -> Markup:
    """A table whose columns sort (sortable.js); `compact` for tables with many columns;
    `attributes` (trusted) go on the wrapper."""
    css = "kb-sortable kb-compact" if compact else "kb-sortable"
    extra = f" {attributes}" if attributes else ""
    return Markup(f'<div class="{css}"{extra}>\n') + table + Markup("\n</div>")


# --- Fixed pieces -----------------------------------------------------------------------


def footnote_marker(number: int, marker_id: str) -> str:
    """A footnote marker as Python-Markdown's footnotes extension writes it."""
    return (f'<sup id="{marker_id}"><a class="footnote-ref" '
            f'href="#fn:{number}">{number}</a></sup>')


def footnote_separator() -> str:
    """Between the markers of one claim: a raised comma, so that 1 and 2 never read as 12."""
    return '<sup class="kb-fn-sep" aria-hidden="true">,</sup>'


def footnote_backlink(marker_id: str, title: str) -> str:
    return f'<a class="footnote-backref" href="#{marker_id}" title="{title}">&#8617;</a>'


def footnote_list(items: Iterable[tuple[int, Sequence[Markup]]]) -> Markup:
    """The page's footnotes, (number, paragraphs) each, as the footnotes extension writes them."""
    written = []
    for number, paragraphs in items:
        body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
        written.append(f'<li id="fn:{number}">\n{body}\n</li>')
    return Markup('<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(written)
                  + "\n</ol>\n</div>")


def numbered_lines_start(number: int) -> str:
    """The start of a run of a source text's numbered lines, numbered from `number`."""
    return f'<ol class="kb-linjer" start="{number}">'


def numbered_line(number: int, text: str, anchors: Iterable[str]) -> str:
    """Line `number` of a source text, with the anchors of the cited ranges that begin on it."""
    marks = "".join(f'<span id="{a}" class="kb-anker"></span>' for a in anchors)
    return f'<li id="L{number}">{marks}{html.escape(text)}</li>'


def risk_badge(value: str, icon: str, label: str) -> Markup:
    """A risk level as text, colour and icon (never colour alone)."""
    return Markup(
        f'<span class="kb-risk kb-risk--{attr(value)}"><svg viewBox="0 0 16 16" '
        f'aria-hidden="true" focusable="false">{icon}</svg>{attr(label)}</span>'
    )


def status_badge(tone: str, icon: str, label: str) -> Markup:
    """A follow-up or notification status as text, colour and icon, like the risk badge;
    `tone` (alert, watch, calm, neutral) picks the colour."""
    return Markup(
        f'<span class="kb-status kb-status--{attr(tone)}"><svg viewBox="0 0 16 16" '
        f'aria-hidden="true" focusable="false">{icon}</svg>{attr(label)}</span>'
    )


def deadline_badge(passed: bool, text: str) -> Markup:
    return Markup(f' <span class="kb-deadline kb-deadline--{"passed" if passed else "upcoming"}">'
                  f"({text})</span>")


def change_marker(symbol: str, text: Markup) -> Markup:
    """A rating's change from the previous one: a symbol for the eye and the words."""
    return Markup(f'<br><span class="kb-change"><span aria-hidden="true">{symbol}</span> '
                  f"{text}</span>")


def row_marker(entity_id: str, values: Iterable[tuple[str, str]]) -> Markup:
    """The hidden element at the start of a row's first cell: the row's filter values."""
    data = " ".join(f'data-f-{key}="{attr(value)}"' for key, value in values)
    return Markup(f'<span class="kb-row" data-id="{attr(entity_id)}" {data} hidden></span>')


def code(text: str) -> Markup:
    """A file name, field name or address, as code."""
    return Markup(f"<code>{attr(text)}</code>")


def code_link(href: str, label: str) -> Markup:
    """A link to a site file (not a page), its name as code."""
    return Markup(f'<a href="{attr(href)}">') + code(label) + Markup("</a>")


def none_note(text: str) -> Markup:
    """A cell's "nothing here" in the quieter style."""
    return Markup(f'<span class="kb-none">{attr(text)}</span>')


def folded(summary: Markup, body: Markup) -> Markup:
    """`body` folded away under `summary` (a native <details>: it opens by keyboard too)."""
    return (Markup('<details class="kb-folded">\n<summary>') + summary + Markup("</summary>\n")
            + body + Markup("\n</details>"))


def follow_menu(links: Iterable[tuple[str, str, str]], notes: Iterable[Markup]) -> Markup:
    """The "Følg" control: a disclosure (keyboard and screen readers get it from the browser)
    with links to files beside the page, each (href, label, media type), and how-to notes."""
    items = "".join(f'<li><a href="{attr(href)}" type="{attr(mime)}">{attr(label)}</a>'
                    f"</li>\n" for href, label, mime in links)
    text = "".join(f"<p>{note}</p>\n" for note in notes)
    return Markup(f'<details class="kb-follow" {SEARCH_IGNORE}>\n<summary>Følg</summary>\n'
                  f'<div class="kb-follow__body">\n<ul>\n{items}</ul>\n{text}</div>\n</details>')
