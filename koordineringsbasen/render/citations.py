"""Footnote citations: every claim on a page gets one marker, its footnote lists its sources.

A footnote names the source, its date, the agenda item (resolved by agenda.resolve_item), the
lines, a short quote of them and a link "Se kildeteksten" to the highlighted passage, when the
source texts are part of the build. Several citations of one claim share one footnote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..agenda import resolve_item
from ..catalog import Catalog
from ..model import Reference
from ..seedtext import SeedTexts
from .labels import date_da
from .links import link, page_uri
from .text import md
from .textlayout import agenda_anchor, source_layout

__all__ = ["Citations", "agenda_anchor", "evidence_note"]

CiteKey = tuple[str, str, str | None, str | None]  # kilde, linjer, punkt, belæg-forklaring


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
    _numbers: dict[tuple[CiteKey, ...], int] = field(default_factory=dict)
    _refs: dict[tuple[CiteKey, ...], tuple[Reference, ...]] = field(default_factory=dict)

    def cite(self, *refs: Reference) -> Markup:
        """One footnote marker for a claim backed by `refs` (the same refs share a number)."""
        unique = tuple({_key(r): r for r in refs}.values())
        key = tuple(_key(r) for r in unique)
        if not key:
            return Markup("")
        number = self._numbers.setdefault(key, len(self._numbers) + 1)
        self._refs.setdefault(key, unique)
        return Markup(f"[^{number}]")

    def newest_date(self) -> str | None:
        """The newest date among the sources cited so far (ISO, possibly partial)."""
        dates = [self.catalog.get("kilder", k[0]).dato for key in self._numbers for k in key]
        return max(dates, default=None)

    def describe(self, ref: Reference) -> Markup:
        source = self.catalog.get("kilder", ref.kilde)
        chain = self.catalog.source_chain(ref.kilde)
        top = chain[-1]
        resolved = resolve_item(chain, ref.punkt, ref.linjer) if ref.punkt else None
        owner = resolved[0] if resolved else source
        item = (link(self.page, page_uri("kilder", owner.id), f"punkt {ref.punkt}",
                     agenda_anchor(ref.punkt)) if ref.punkt else None)
        parts = [link(self.page, page_uri("kilder", source.id), source.navn),
                 md(date_da(source.dato))]
        if item is not None and owner is source:
            parts.append(item)
        elif item is not None and owner is not top:
            parts.append(item + Markup(" i ") + link(self.page, page_uri("kilder", owner.id),
                                                     owner.navn))
        if len(chain) > 1:
            where = item + Markup(" i ") if item is not None and owner is top else Markup("")
            parts.append(Markup("bilag til ") + where
                         + link(self.page, page_uri("kilder", top.id), top.navn))
        text = Markup(", ").join(parts) + md(f", linje {ref.linjer}")
        quote = self.texts.quote(source.fil, ref.linjer)
        if quote:
            text += Markup(": »") + md(quote) + Markup("«")
        note = evidence_note(ref)
        if note:
            text += Markup(". *Bemærk:* ") + md(note)
        if self.texts.lines(source.fil) is not None:
            uri, anchor = source_layout(self.catalog, source).anchor_uri(ref.linjer)
            text += Markup(" ") + link(self.page, uri, "Se kildeteksten", anchor) + Markup(
                "{ .kb-tekstlink }")
        return text

    def footnotes(self) -> Markup:
        blocks = []
        for key, number in self._numbers.items():
            paragraphs = [self.describe(ref) for ref in self._refs[key]]
            # Further paragraphs of a footnote are indented by four spaces.
            blocks.append(f"[^{number}]: " + "\n\n    ".join(paragraphs))
        return Markup("\n\n".join(blocks))

    def __len__(self) -> int:
        return len(self._numbers)
