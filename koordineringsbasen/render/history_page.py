"""An entity page's change history (templates/_history.md.j2): the newest revisions as a
list, the older ones folded, each change in plain Danish with the new value's footnote."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..catalog import Catalog
from ..model import Reference
from ..model.references import Citation, walk
from .changes import CiteKey, cite_key
from .citations import Citations
from .helpers import Helpers
from .history import History, change_lines, date_of, entity_revisions
from .html_writer import folded

SHOWN = 5  # revisions shown on a page before the rest are folded


def _current_refs(entity: Any) -> dict[CiteKey, Reference]:
    """The entity's citations today, by what identifies them."""
    return {cite_key(link.reference): link.reference
            for link in walk(entity) if isinstance(link, Citation)}


def history_block(history: History | None, catalog: Catalog, kind: str, entity_id: str,
                  helpers: Helpers, citations: Citations) -> Markup | None:
    """The entity page's change history as one HTML block: the newest revisions as a list,
    the older ones folded; None when the build has no history."""
    if history is None:
        return None
    html = helpers.html
    entity = catalog.get(kind, entity_id)
    current = _current_refs(entity)
    items = []
    for revision, source in entity_revisions(history, catalog, kind, entity_id):
        lines = []
        texts = change_lines(revision)
        offset = len(texts) - len(revision.changes)
        for index, text in enumerate(texts):
            change = revision.changes[index - offset] if index >= offset else None
            key = change.ref if change is not None and source is None else None
            # A footnote only for a citation the page still holds: the new value stands.
            marker = citations.cite(current[key]) if key in current else Markup("")
            lines.append(html.text(text) + marker)
        heading = html.strong(date_of(revision.date))
        if source is not None:
            heading += Markup(", i kilden ") + helpers.entity("kilder", source)
        items.append(heading + Markup("\n") + html.items(lines))
    if not items:
        return helpers.block(Markup("<p>") + html.text("Ingen registrerede ændringer endnu.")
                             + Markup("</p>"))
    block = html.items(items[:SHOWN], css="kb-history")
    if len(items) > SHOWN:
        block += Markup("\n") + folded(html.text(f"Ældre ændringer ({len(items) - SHOWN})"),
                                       html.items(items[SHOWN:], css="kb-history"))
    return helpers.block(block)
