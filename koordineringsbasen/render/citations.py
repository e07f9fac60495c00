"""Footnote citations: every claim on a page gets one marker, its footnote lists its sources.

A footnote names the source, its date, the agenda item (resolved by agenda.resolve_item), the
lines, a short quote of them and a link "Se kildeteksten" to the highlighted passage, when the
source texts are part of the build. One footnote per passage: a claim backed by several passages
gets one marker per passage, side by side, and a passage cited again anywhere on the page gets
its first number again. The source is named by its short name (Source.kortnavn: "NATKO-rådsmøde
11.3.2025"); the full title stays on the source's page.

Markers and footnotes are written as finished HTML, exactly as Python-Markdown's footnotes
extension writes them (Material styles them and shows them as tooltips): footnotes with their
links and quotes were half of all Markdown conversion time. The footnotes are one block,
registered with the page (blocks.py) and kept out of Markdown; its links carry the URLs mkdocs
would give them, and the glossary's abbreviations are marked up as on the rest of the page.
Each marker is registered too: its id depends on where it stands on the finished page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..catalog import Catalog
from ..model import Reference, Source
from ..model.agenda import resolve_item
from ..texts.seedtext import SeedTexts
from .blocks import Blocks, marker_html, marker_id, set_aside
from .html_writer import HtmlWriter, footnote_backlink, footnote_list, footnote_separator
from .labels import date_da
from .links import page_uri
from .textlayout import agenda_anchor, source_layout

__all__ = ["Citations", "agenda_anchor", "evidence_note", "short_name"]

CiteKey = tuple[str, str, str | None, str | None]  # kilde, linjer, punkt, belæg-forklaring

BACKLINK_TITLE = "Tilbage til henvisning %d i teksten"  # as mkdocs.yml gives the extension


def short_name(source: Source) -> str:
    """How a footnote names a source: its short name, else its title and date."""
    return source.kortnavn or f"{source.navn}, {date_da(source.dato)}"


def evidence_note(ref: Any) -> str | None:
    """The explanation of a value written in words or derived (Reference.belaeg, optional)."""
    return getattr(getattr(ref, "belaeg", None), "forklaring", None)


def _key(ref: Reference) -> CiteKey:
    return (ref.kilde, ref.linjer, ref.punkt, evidence_note(ref))


@dataclass
class Citations:
    """Numbers the cited passages in page order and renders one footnote per passage."""

    catalog: Catalog
    page: str
    texts: SeedTexts  # required: without it no footnote would quote or link its passage
    blocks: Blocks | None = None  # the build's register (blocks.py): markers and footnotes
    _numbers: dict[CiteKey, int] = field(default_factory=dict)
    _refs: dict[CiteKey, Reference] = field(default_factory=dict)
    _uses: dict[int, int] = field(default_factory=dict)  # footnote -> markers placed so far

    def __post_init__(self) -> None:
        html = HtmlWriter(self.page, self.catalog.glossary)
        self._text, self._link = html.text, html.link

    def cite(self, *refs: Reference) -> Markup:
        """The markers of a claim backed by `refs`: one per passage (a passage cited before on
        the page keeps its number), side by side."""
        markers = []
        for key, ref in {_key(r): r for r in refs}.items():
            number = self._numbers.setdefault(key, len(self._numbers) + 1)
            self._refs.setdefault(key, ref)
            self._uses[number] = self._uses.get(number, 0) + 1
            markers.append(self.blocks.marker(self.page, number) if self.blocks is not None
                           else Markup(marker_html(number, self._uses[number])))
        return Markup(footnote_separator()).join(markers)

    def newest_date(self) -> str | None:
        """The newest date among the sources cited so far (ISO, possibly partial)."""
        dates = [self.catalog.get("kilder", key[0]).dato for key in self._numbers]
        return max(dates, default=None)

    def describe(self, ref: Reference) -> Markup:
        """One source of a footnote as HTML (a paragraph's content)."""
        source = self.catalog.get("kilder", ref.kilde)
        chain = self.catalog.source_chain(ref.kilde)
        top = chain[-1]
        resolved = resolve_item(chain, ref.punkt, ref.linjer) if ref.punkt else None
        owner = resolved[0] if resolved else source
        item = (self._link(page_uri("kilder", owner.id), f"pkt. {ref.punkt}",
                           agenda_anchor(ref.punkt)) if ref.punkt else None)
        # Every piece is Markup (escaped where it was made): joined once, as plain strings.
        parts: list[str] = [self._link(page_uri("kilder", source.id), short_name(source))]
        if item is not None and owner is source:
            parts.append(item)
        elif item is not None and owner is not top:
            parts.append(f"{item} i {self._link(page_uri('kilder', owner.id), short_name(owner))}")
        if len(chain) > 1:
            where = f", {item}" if item is not None and owner is top else ""
            top_link = self._link(page_uri("kilder", top.id), short_name(top))
            parts[-1] = f"{parts[-1]} (bilag til {top_link}{where})"  # plain str: no re-escape
        text = [", ".join(parts), self._text(f", linje {ref.linjer}")]
        quote = self.texts.quote(source.fil, ref.linjer)
        if quote:  # the source's own words, marked as such (tests leave them out of checks)
            text += [': <span class="kb-citat">»', self._text(quote), "«</span>"]
        note = evidence_note(ref)
        if note:
            text += [". <em>Bemærk:</em> ", self._text(note)]
        if self.texts.lines(source.fil) is not None:
            uri, anchor = source_layout(self.catalog, source).anchor_uri(ref.linjer)
            text += [" ", self._link(uri, "Se kildeteksten", anchor, "kb-tekstlink")]
        return Markup("".join(text))

    def footnotes(self) -> Markup:
        """Every footnote of the page, as Python-Markdown's footnotes extension writes them
        (one block, set aside from Markdown by the hook); empty when nothing was cited."""
        if not self._numbers:
            return Markup("")
        items = []
        for key, number in self._numbers.items():
            paragraph = self.describe(self._refs[key])
            back = "".join(footnote_backlink(marker_id(number, use), BACKLINK_TITLE % number)
                           for use in range(1, self._uses.get(number, 0) + 1))
            if back:
                paragraph += Markup("&#160;" + back)
            items.append((number, [paragraph]))
        return set_aside(self.blocks, self.page, footnote_list(items))

    def __len__(self) -> int:
        return len(self._numbers)
