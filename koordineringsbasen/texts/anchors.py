"""Citation anchors: what a cited line range says, in a form that survives a new extraction.

An anchor holds the cited passage as joined text (seedtext.join_lines: words hyphenated at a
line end mended, whitespace folded), whole when it is short and as its beginning and end with a
checksum when it is long, plus a little of the text before and after it (as the W3C Web
Annotation TextQuoteSelector's prefix and suffix). Re-wrapping a paragraph or shifting it by a
few lines leaves the anchor's text unchanged, so the passage can be found again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ..model.common import Anchor
from .seedtext import join_lines

CONTEXT = 32  # characters of context before and after
WHOLE_LIMIT = 160  # a passage up to this long is kept whole
PIECE = 64  # otherwise: this much of its beginning and of its end
CONTEXT_LINES = 6  # lines looked at for the context (blank lines are common in the texts)
ELLIPSIS = " … "


class EmptyPassage(ValueError):
    """The cited lines hold no text."""


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _head(text: str, size: int) -> str:
    """At most `size` characters from the start, cut before a word."""
    if len(text) <= size:
        return text
    cut = text[:size + 1]
    return cut.rsplit(" ", 1)[0] if " " in cut else text[:size]


def _tail(text: str, size: int) -> str:
    """At most `size` characters from the end, cut after a word."""
    if len(text) <= size:
        return text
    cut = text[-size - 1:]
    return cut.split(" ", 1)[1] if " " in cut else text[-size:]


def passage_text(lines: Sequence[str], first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of a text's lines, joined as anchors compare them."""
    return join_lines(lines[first - 1:last])


def anchor_text(passage: str) -> tuple[str, str | None]:
    """(tekst, kontrol) for a joined passage: whole when short, else head … tail + checksum."""
    if len(passage) <= WHOLE_LIMIT:
        return passage, None
    return _head(passage, PIECE) + ELLIPSIS + _tail(passage, PIECE), checksum(passage)


def make_anchor(lines: Sequence[str], first: int, last: int) -> Anchor:
    """The anchor of lines first..last of a source text's lines (numbered as everywhere:
    seedtext.split_lines). Raises EmptyPassage when those lines hold no text."""
    passage = passage_text(lines, first, last)
    if not passage:
        raise EmptyPassage(f"linje {first}-{last} er tomme")
    before = join_lines(lines[max(0, first - 1 - CONTEXT_LINES):first - 1])
    after = join_lines(lines[last:last + CONTEXT_LINES])
    tekst, kontrol = anchor_text(passage)
    return Anchor(foer=_tail(before, CONTEXT) or None, tekst=tekst,
                  efter=_head(after, CONTEXT) or None, kontrol=kontrol)


def anchor_fields(anchor: Anchor) -> dict[str, str]:
    """The anchor as the YAML mapping a data file holds (empty parts left out, in this order)."""
    return {key: value for key, value in (("foer", anchor.foer), ("tekst", anchor.tekst),
                                          ("efter", anchor.efter), ("kontrol", anchor.kontrol))
            if value}
