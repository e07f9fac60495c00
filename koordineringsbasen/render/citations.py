"""Footnote citations: every claim on a page gets one marker, its footnote lists its sources.

A footnote names the source, its date, the agenda item (resolved by agenda.resolve_item), the
lines, a short quote of them and a link "Se kildeteksten" to the highlighted passage, when the
source texts are part of the build. Several citations of one claim share one footnote.

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
from ..model import Reference
from ..model.agenda import resolve_item
from ..texts.seedtext import SeedTexts
from .blocks import Blocks, marker_html, marker_id, set_aside
from .html_writer import HtmlWriter, footnote_backlink, footnote_list
from .labels import date_da
from .links import page_uri
from .textlayout import agenda_anchor, source_layout

__all__ = ["Citations", "agenda_anchor", "evidence_note"]

CiteKey = tuple[str, str, str | None, str | None]  # kilde, linjer, punkt, belæg-forklaring
BACKLINK_TITLE = "Tilbage til henvisning %d i teksten"  # as mkdocs.yml gives the extension


def evidence_note(ref: Any) -> str | None:
    """The explanation of a value written in words or derived (Reference.belaeg, optional)."""
    return getattr(getattr(ref, "belaeg", None), "forklaring", None)


def _key(ref: Reference) -> CiteKey:
    return (ref.kilde, ref.linjer, ref.punkt, evidence_note(ref))


@dataclass
class Citations:
    """Numbers the claims' citations in page order and renders one footnote per claim."""

    catalog: Catalog
    page: str
    texts: SeedTexts  # required: without it no footnote would quote or link its passage
    blocks: Blocks | None = None  # the build's register (blocks.py): markers and footnotes
    _numbers: dict[tuple[CiteKey, ...], int] = field(default_factory=dict)
    _refs: dict[tuple[CiteKey, ...], tuple[Reference, ...]] = field(default_factory=dict)
    _uses: dict[int, int] = field(default_factory=dict)  # footnote -> markers placed so far

    def __post_init__(self) -> None:
        html = HtmlWriter(self.page, self.catalog.glossary)
        self._text, self._link = html.text, html.link

    def cite(self, *refs: Reference) -> Markup:
        """One footnote marker for a claim backed by `refs` (the same refs share a number)."""
        unique = tuple({_key(r): r for r in refs}.values())
        key = tuple(_key(r) for r in unique)
        if not key:
            return Markup("")
        number = self._numbers.setdefault(key, len(self._numbers) + 1)
        self._refs.setdefault(key, unique)
        self._uses[number] = self._uses.get(number, 0) + 1
        if self.blocks is not None:  # its own id once the page is whole (Blocks.finish)
            return self.blocks.marker(self.page, number)
        return Markup(marker_html(number, 1))

    def newest_date(self) -> str | None:
        """The newest date among the sources cited so far (ISO, possibly partial)."""
        dates = [self.catalog.get("kilder", k[0]).dato for key in self._numbers for k in key]
        return max(dates, default=None)

    def describe(self, ref: Reference) -> Markup:
        """One source of a footnote as HTML (a paragraph's content)."""
        source = self.catalog.get("kilder", ref.kilde)
        chain = self.catalog.source_chain(ref.kilde)
        top = chain[-1]
        resolved = resolve_item(chain, ref.punkt, ref.linjer) if ref.punkt else None
        owner = resolved[0] if resolved else source
        item = (self._link(page_uri("kilder", owner.id), f"punkt {ref.punkt}",
                           agenda_anchor(ref.punkt)) if ref.punkt else None)
        # Every piece is Markup (escaped where it was made): joined once, as plain strings.
        parts: list[str] = [self._link(page_uri("kilder", source.id), source.navn),
                            self._text(date_da(source.dato))]
        if item is not None and owner is source:
            parts.append(item)
        elif item is not None and owner is not top:
            parts.append(f"{item} i {self._link(page_uri('kilder', owner.id), owner.navn)}")
        if len(chain) > 1:
            where = f"{item} i " if item is not None and owner is top else ""
            parts.append(f"bilag til {where}{self._link(page_uri('kilder', top.id), top.navn)}")
        text = [", ".join(parts), self._text(f", linje {ref.linjer}")]
        quote = self.texts.quote(source.fil, ref.linjer)
        if quote:
            text += [": »", self._text(quote), "«"]
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
            paragraphs = [self.describe(ref) for ref in self._refs[key]]
            back = "".join(footnote_backlink(marker_id(number, use), BACKLINK_TITLE % number)
                           for use in range(1, self._uses.get(number, 0) + 1))
            if back:
                paragraphs[-1] += Markup("&#160;" + back)
            items.append((number, paragraphs))
        return set_aside(self.blocks, self.page, footnote_list(items))

    def __len__(self) -> int:
        return len(self._numbers)
