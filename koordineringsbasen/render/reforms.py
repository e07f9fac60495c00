"""A reform's or programme's page blocks: its timeline of milestones and the entities it
concerns (their pages list the reform back through the catalog's backlinks)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..model.dates import date_order
from .citations import Citations
from .helpers import Helpers
from .labels import date_da

# The lists of entities a reform concerns, in page order: (field, kind, heading).
CONCERNS = (
    ("maalgrupper", "maalgrupper", "Målgrupper"),
    ("tilbud", "tilbud", "Tilbud"),
    ("udmeldinger", "udmeldinger", "Centrale udmeldinger"),
    ("organisationer", "organisationer", "Organisationer"),
)


def timeline(h: Helpers, c: Citations, reform: Any) -> Markup | None:
    """The milestones by date: when, planned or happened, what, and the source."""
    if not reform.milepaele:
        return None
    rows = [[date_da(m.dato) + (f" ({m.dato_tekst})" if m.dato_tekst else ""),
             "Planlagt" if m.planlagt else "Sket", h.html.text(m.beskrivelse) + c.cite(m.kilde)]
            for m in sorted(reform.milepaele, key=lambda m: date_order(m.dato))]
    return h.block(h.html.table(["Dato", "Planlagt eller sket", "Milepæl"], rows))


def concerns(h: Helpers, c: Citations, reform: Any) -> list[tuple[str, Markup]]:
    """(heading, list block) for each kind of entity the reform concerns."""
    sections = []
    for field, kind, heading in CONCERNS:
        links = getattr(reform, field)
        if not links:
            continue
        items = []
        for link in links:
            note = getattr(link, "note", None) or getattr(link, "rolle", None)
            items.append(h.entity(kind, link.id)
                         + (Markup(": ") + h.html.text(note) if note else Markup(""))
                         + c.cite(link.kilde))
        sections.append((heading, h.block(h.html.items(items))))
    return sections
