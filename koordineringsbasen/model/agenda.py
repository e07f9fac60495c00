"""Which agenda item a citation's `punkt` means: the one rule for links and for the data check.

A document embedded in a meeting (`indgaar_i`) may have its own numbered sections, and a citation
of the document with `punkt: "6"` may mean the meeting's item 6. The item meant is the first one
numbered `punkt` that contains the cited lines, looking at the document first and then outward
through the meetings it is part of.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .common import line_bounds
from .sources import AgendaItem, Source


def contains(outer: str, inner: str) -> bool:
    """Whether line range `inner` lies within line range `outer`."""
    first, last = line_bounds(outer)
    start, end = line_bounds(inner)
    return first <= start and end <= last


def resolve_item(chain: Iterable[Source], punkt: str,
                 lines: str) -> tuple[Source, AgendaItem] | None:
    """The (source, item) that `punkt` names for a citation of `lines`, or None.

    `chain` is the cited source followed by the sources it is embedded in.
    """
    for source in chain:
        for item in source.punkter:
            if item.nr == punkt and contains(item.linjer, lines):
                return source, item
    return None


def holding_item(chain: Sequence[Source], lines: str) -> tuple[Source, AgendaItem] | None:
    """The item a citation of `lines` names when none is given (`find`, the copy control):
    for a document embedded in a meeting the meeting's item (outermost source first), there
    the narrowest item holding the lines, and only an item resolve_item finds again by number."""
    first, last = line_bounds(lines)
    for source in reversed(chain):
        holding = sorted((item for item in source.punkter if contains(item.linjer, lines)),
                         key=lambda item: line_bounds(item.linjer)[1] - line_bounds(item.linjer)[0])
        for item in holding:
            if resolve_item(chain, item.nr, lines) == (source, item):
                return source, item
    return None
