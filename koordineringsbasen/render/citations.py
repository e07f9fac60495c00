"""Footnote citations: every fact on a page points to its source, meeting item and lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..catalog import Catalog
from ..model import Reference
from .labels import date_da
from .links import link, page_uri
from .text import md


def agenda_anchor(nr: str) -> str:
    return "punkt-" + "".join(c if c.isalnum() else "-" for c in nr).strip("-")


@dataclass
class Citations:
    """Numbers citations in the order they appear on one page and renders the footnotes."""

    catalog: Catalog
    page: str
    _numbers: dict[tuple[str, str, str | None, str | None], int] = field(default_factory=dict)

    def cite(self, ref: Reference) -> Markup:
        # A value explained by 'belaeg' gets its own footnote, which carries the explanation.
        evidence = getattr(ref, "belaeg", None)
        key = (ref.kilde, ref.linjer, ref.punkt, evidence.forklaring if evidence else None)
        number = self._numbers.setdefault(key, len(self._numbers) + 1)
        return Markup(f"[^{number}]")

    def describe(self, ref: Reference) -> Markup:
        source = self.catalog.get("kilder", ref.kilde)
        chain = self.catalog.source_chain(ref.kilde)
        parts = [link(self.page, page_uri("kilder", source.id), source.navn)]
        parts.append(md(date_da(source.dato)))
        if ref.punkt:
            owner = next((s for s in chain if any(a.nr == ref.punkt for a in s.punkter)), source)
            parts.append(link(self.page, page_uri("kilder", owner.id), f"punkt {ref.punkt}",
                              agenda_anchor(ref.punkt)))
        if len(chain) > 1:
            parts.append(Markup("bilag til ") + link(self.page, page_uri("kilder", chain[-1].id),
                                                     chain[-1].navn))
        parts.append(md(f"linje {ref.linjer} i {source.fil}"))
        return Markup(", ").join(parts)

    def footnotes(self) -> Markup:
        lines = []
        for (source_id, lines_range, punkt, explanation), number in self._numbers.items():
            ref = Reference(kilde=source_id, linjer=lines_range, punkt=punkt)
            note = Markup(". ") + md(explanation) if explanation else ""
            lines.append(f"[^{number}]: {self.describe(ref)}{note}")
        return Markup("\n".join(lines))

    def __len__(self) -> int:
        return len(self._numbers)
