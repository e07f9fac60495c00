"""What an agenda item's recommendation, decision and follow-up actions must agree with in
their own file: a citation of the source itself names the item it stands under (that the item
holds the lines is checked with every citation, load/checks/sources.py), and a follow-up's
deadline is not before the meeting that agreed it."""

from __future__ import annotations

from typing import Any

from ...model.common import PathKey
from ...model.dates import date_order
from ...model.sources import AgendaItem, Source

Finding = tuple[PathKey, str]


def _cited(item: AgendaItem) -> list[tuple[PathKey, Any]]:
    """(path within the item, citation) of its recommendation, decision and follow-ups."""
    found: list[tuple[PathKey, Any]] = []
    for name in ("indstilling", "beslutning"):
        block = getattr(item, name)
        if block is not None:
            found.append(((name, "kilde"), block.kilde))
    found.extend((("opfoelgning", index, "kilde"), action.kilde)
                 for index, action in enumerate(item.opfoelgning))
    return found


def findings(entity: Any) -> list[Finding]:
    """Problems of the agenda items of a source (nothing for other kinds)."""
    if not isinstance(entity, Source):
        return []
    problems: list[Finding] = []
    for number, item in enumerate(entity.punkter):
        base: PathKey = ("punkter", number)
        for path, ref in _cited(item):
            if ref.kilde != entity.id:
                continue  # another source (the meeting a document is part of): checked there
            if ref.punkt != item.nr:
                problems.append(((*base, *path, "punkt"),
                                 f"punkt skal være '{item.nr}', det punkt, feltet står under"))
        for index, action in enumerate(item.opfoelgning):
            if action.frist and date_order(action.frist)[1] < date_order(entity.dato)[0]:
                problems.append(((*base, "opfoelgning", index, "frist"),
                                 f"fristen {action.frist} ligger før mødet ({entity.dato}); "
                                 "en aftalt handling kan ikke have frist før den blev aftalt"))
    return problems
