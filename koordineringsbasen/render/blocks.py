"""The generated HTML blocks and footnote markers of a build's pages, registered as they are made.

A finished HTML block (a table, a list, the footnotes, a chart, a filter form, the hidden search
block, the numbered lines of a source text) is registered with its page where it is written and
stands in the page's Markdown as a placeholder paragraph with an id handed out here; Markdown
never parses it (site/raw_blocks.py puts it back after conversion, and other generators get it
back in the Markdown, `restore`). A footnote marker is registered the same way: its id
('fnref:5', 'fnref2:5', ...) depends on where it stands on the whole page, known only once the
page is assembled (`finish`). Only the placeholders handed out here are looked for again: no
generated HTML is parsed.

Without a register (a renderer called on its own, as in most tests) blocks stay in the Markdown
and markers keep their first id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from .html_writer import footnote_marker

PLACEHOLDER = "KBRÅBLOK{:06d}"  # a block: a paragraph of its own in the Markdown
MARKER = "KBMÆRKE{:06d}"  # a footnote marker, inside a line
# The ids handed out for one page, in the order they stand in its Markdown.
HANDED_OUT = re.compile(r"KBRÅBLOK(\d{6})|KBMÆRKE(\d{6})")


def marker_html(number: int, use: int) -> str:
    """The `use`-th marker of footnote `number` (html_writer.footnote_marker)."""
    return footnote_marker(number, marker_id(number, use))


def marker_id(number: int, use: int) -> str:
    return f"fnref:{number}" if use == 1 else f"fnref{use}:{number}"


@dataclass
class PageParts:
    """The blocks and markers registered for one page."""

    blocks: list[str] = field(default_factory=list)
    markers: list[int] = field(default_factory=list)  # footnote number by marker id


class Blocks:
    """The register of a build: page (docs-relative .md) -> its blocks and markers."""

    def __init__(self) -> None:
        self._pages: dict[str, PageParts] = {}

    def aside(self, page: str, html: str) -> Markup:
        """Register `html` as a block of `page`; its placeholder paragraph for the Markdown."""
        parts = self._pages.setdefault(page, PageParts())
        parts.blocks.append(str(html))
        return Markup("\n" + PLACEHOLDER.format(len(parts.blocks) - 1) + "\n")

    def marker(self, page: str, number: int) -> Markup:
        """Register a marker of footnote `number` on `page`; its placeholder."""
        parts = self._pages.setdefault(page, PageParts())
        parts.markers.append(number)
        return Markup(MARKER.format(len(parts.markers) - 1))

    def finish(self, page: str, markdown: str) -> tuple[str, list[str]]:
        """`page`'s Markdown with its markers written, in page order, and its blocks (still
        registered, until `take`). Markers inside a block are counted where the block stands."""
        parts = self._pages.setdefault(page, PageParts())
        if not parts.markers:
            return markdown, parts.blocks
        uses: dict[int, int] = {}

        def write(found: re.Match[str]) -> str:
            if found.group(1) is not None:
                index = int(found.group(1))
                parts.blocks[index] = HANDED_OUT.sub(write, parts.blocks[index])
                return found.group(0)
            number = parts.markers[int(found.group(2))]  # IndexError: another page's marker
            use = uses[number] = uses.get(number, 0) + 1
            return marker_html(number, use)

        markdown = HANDED_OUT.sub(write, markdown)
        parts.markers.clear()  # written: finishing again changes nothing
        return markdown, parts.blocks

    def take(self, page: str) -> list[str]:
        """The blocks of `page`, no longer kept (its HTML is about to be finished)."""
        return self._pages.pop(page, PageParts()).blocks

    def clear(self) -> None:
        self._pages.clear()

    def __len__(self) -> int:
        """How many pages have blocks or markers registered and not yet taken."""
        return len(self._pages)


def set_aside(register: Blocks | None, page: str, html: Markup) -> Markup:
    """`html` as a block of `page` when the build has a register, else as it is."""
    return html if register is None else register.aside(page, html)


def restore(markdown: str, blocks: list[str]) -> str:
    """The Markdown with each placeholder paragraph replaced by its block (for generators that
    convert the Markdown themselves)."""
    if not blocks:
        return markdown
    return re.sub(r"\n" + PLACEHOLDER.replace("{:06d}", r"(\d{6})") + r"\n",
                  lambda found: blocks[int(found.group(1))], markdown)
