"""Where each line of a source's text is shown: one page, or one page per agenda item.

A source's text page lives at kilder/<id>/tekst/. A long source with an agenda is split into
one page per top-level agenda item (kilder/<id>/tekst/punkt-7/), the lines before the first item
staying on the main page, so that no page carries thousands of lines. A part also shows the rest
of any cited range that starts in it, so that every citation is highlighted whole on one page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..catalog import Catalog
from ..danish.slugs import slugify
from ..model.agenda import contains
from ..model.common import line_bounds
from ..model.sources import AgendaItem, Source

# Above this many lines a source with an agenda gets one page per item (see `make bench`).
SPLIT_LINES = 1500


@dataclass(frozen=True)
class Part:
    """Lines first..last of a source on one page; `own_last` ends the lines it is the home of."""

    index: int
    first: int
    own_last: int
    last: int
    item: AgendaItem | None  # the top-level item of a split page; None for the main page

    @property
    def slug(self) -> str:
        return "" if self.item is None else "punkt-" + slugify(self.item.nr)


def agenda_anchor(nr: str) -> str:
    """The heading id of agenda item `nr` on source and text pages: 'punkt-9-3'."""
    return "punkt-" + "".join(c if c.isalnum() else "-" for c in nr).strip("-")


def text_uri(source_id: str, part: Part | None = None) -> str:
    """The docs-relative .md path of a source's text page (its main page without `part`)."""
    if part is None or part.item is None:
        return f"kilder/{source_id}/tekst/index.md"
    return f"kilder/{source_id}/tekst/{part.slug}.md"


def top_level_items(punkter: Iterable[AgendaItem]) -> list[AgendaItem]:
    """Agenda items not inside another item, in line order."""
    items = sorted(punkter, key=lambda a: line_bounds(a.linjer))
    return [a for a in items
            if not any(b is not a and contains(b.linjer, a.linjer) and b.linjer != a.linjer
                       for b in items)]


def depth(source: Source, item: AgendaItem) -> int:
    """1 for a top-level item, 2 for an item inside one, and so on."""
    return 1 + sum(1 for b in source.punkter
                   if b is not item and contains(b.linjer, item.linjer) and b.linjer != item.linjer)


@dataclass(frozen=True)
class Layout:
    source: Source
    parts: tuple[Part, ...]

    def home(self, line: int) -> Part:
        """The part a line belongs to (where links to it go)."""
        for part in self.parts:
            if part.first <= line <= part.own_last:
                return part
        raise ValueError(f"line {line} is outside {self.source.id} ({self.source.linjer})")

    def anchor_uri(self, line_range: str) -> tuple[str, str]:
        """(page, anchor) of a cited range: L<a>-L<b>, or L<a> for one line."""
        first, last = line_bounds(line_range)
        anchor = f"L{first}" if first == last else f"L{first}-L{last}"
        return text_uri(self.source.id, self.home(first)), anchor


def layout(source: Source, cited: Iterable[str] = ()) -> Layout:
    """The pages of `source`'s text, given the line ranges cited in it."""
    return Layout(source, _parts(source.linjer, tuple(source.punkter), tuple(sorted(set(cited)))))


@lru_cache(maxsize=256)
def _parts(span: str, punkter: tuple[AgendaItem, ...], cited: tuple[str, ...]) -> tuple[Part, ...]:
    first, last = line_bounds(span)
    tops = top_level_items(punkter)
    if last - first + 1 <= SPLIT_LINES or not tops:
        return (Part(0, first, last, last, None),)
    starts = [line_bounds(a.linjer)[0] for a in tops]
    bounds: list[tuple[int, int, AgendaItem | None]] = (
        [(first, starts[0] - 1, None)] if starts[0] > first else [(first, first - 1, None)])
    for i, top in enumerate(tops):
        end = starts[i + 1] - 1 if i + 1 < len(tops) else last
        bounds.append((starts[i], end, top))
    parts = []
    for index, (start, own_last, item) in enumerate(bounds):
        # A cited range that starts here is shown whole here, even past the part's own lines.
        reach = max([line_bounds(r)[1] for r in cited if start <= line_bounds(r)[0] <= own_last],
                    default=own_last)
        parts.append(Part(index, start, own_last, max(own_last, reach), item))
    return tuple(parts)


def cited_ranges(catalog: Catalog, source_id: str) -> set[str]:
    """Every line range of the source that a fact or a glossary entry cites."""
    ranges = {fact.lines for fact in catalog.citations.get(source_id, ())}
    glossary = (getattr(entry, "kilde", None) for entry in catalog.glossary)
    return ranges | {ref.linjer for ref in glossary if ref is not None and ref.kilde == source_id}


def source_layout(catalog: Catalog, source: Source) -> Layout:
    """The pages of a source's text in this catalog (split around the ranges cited in it);
    worked out once per catalog, since every footnote citing the source asks."""
    key = ("layout", source.id)
    found = catalog.derived.get(key)
    if found is None:
        found = catalog.derived[key] = layout(source, cited_ranges(catalog, source.id))
    return found
