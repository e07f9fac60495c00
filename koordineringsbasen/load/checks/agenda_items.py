"""Whether a citation names the agenda item its lines lie in (model/agenda.py is the rule).

Two defects the per-citation line check cannot see: a citation whose lines lie inside an item
but names none (its footnote links no item), and a citation of a document embedded in a meeting
whose `punkt` is a number both the document and the meeting have for the cited lines (the page
links the document's section, whichever was meant). Both are errors: `find` and the copy
control always write the right item, and the meeting is the source to cite for its item.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model.agenda import contains, holding_item, resolve_item
from ...model.sources import Source

Finding = tuple[str, str]  # (field of the reference, message)


def item_findings(chain: Sequence[Source], linjer: str, punkt: str | None) -> list[Finding]:
    """Problems of `punkt` for a citation of `linjer` in chain[0] (followed by the meetings
    it is part of); a `punkt` that no item has or that misses the lines is reported elsewhere."""
    if punkt is None:
        holding = holding_item(chain, linjer)
        if holding is None:
            return []
        source, item = holding
        return [("punkt", f"linjerne står i punkt '{item.nr}' ({item.titel}) i '{source.id}', "
                          f"men henvisningen nævner intet punkt; skriv punkt: \"{item.nr}\"")]
    resolved = resolve_item(chain, punkt, linjer)
    if resolved is None:
        return []
    others = [(source, item) for source in chain[chain.index(resolved[0]) + 1:]
              for item in source.punkter if item.nr == punkt and contains(item.linjer, linjer)]
    if not others:
        return []
    meeting, item = others[0]
    return [("punkt", f"punkt '{punkt}' er både afsnit {punkt} i '{resolved[0].id}' "
                      f"({resolved[1].titel}) og punkt {punkt} på mødet '{meeting.id}' "
                      f"({item.titel}), og begge omfatter linjerne; siden linker til "
                      f"afsnittet. Menes mødets punkt, så skriv kilde: {meeting.id}")]
