"""`find KILDE "tekst"`: the line ranges of a source that say a phrase or a number.

The phrase is compared as citation anchors compare text (seedtext.join_lines: whitespace folded,
words hyphenated at a line end mended) and without regard to case, so it is found across line
breaks. Numbers in the query are read as the cited-value check reads them (danish_numbers), so
"1250" finds "1.250" and "1 250", and "12,5" finds "12,5". A match is the smallest run of lines
that says every part of the query; ranges that say the query word for word come first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..danish.reading import SPACED, TOKEN, numbers_in
from ..model.common import line_bounds
from ..texts.seedtext import join_lines

MAX_LINES = 12  # the longest run of lines a match may span
SHOWN = 3


@dataclass(frozen=True)
class Query:
    """The query: its text parts (folded) and the values of its numbers."""

    whole: str
    texts: tuple[str, ...]
    numbers: tuple[frozenset[Decimal], ...]

    @property
    def empty(self) -> bool:
        return not self.texts and not self.numbers


# Words for a unit that the texts write in several ways: "101 %", "101 pct." and "101 procent"
# are one query.
PERCENT = re.compile(r"\s*(?:%|\bpct\b\.?|\bprocent\b)")


def fold_lines(lines: Sequence[str]) -> str:
    """Text as the finder compares it: joined as anchors are, case-folded, percent words as %."""
    return PERCENT.sub(" %", join_lines(lines).casefold()).strip()


def fold(text: str) -> str:
    return fold_lines([text])


def parse_query(query: str) -> Query:
    """Split the query at its numbers (what danish_numbers reads as numbers; a date such as
    18.11.2022 stays text)."""
    spans: list[tuple[int, int, frozenset[Decimal]]] = []
    for pattern in (SPACED, TOKEN):
        for match in pattern.finditer(query):
            if any(start < match.end() and match.start() < end for start, end, _ in spans):
                continue
            values = numbers_in(match.group(0).replace(" ", "").replace("\u00a0", ""))
            if values:
                spans.append((match.start(), match.end(), values))
    spans.sort(key=lambda span: span[0])
    texts, position = [], 0
    for start, end, _ in spans:
        texts.append(query[position:start])
        position = end
    texts.append(query[position:])
    return Query(fold(query), tuple(t for t in map(fold, texts) if t.strip(" ,.;:")),
                 tuple(values for _, _, values in spans))


@dataclass(frozen=True)
class Match:
    first: int
    last: int
    exact: bool  # the query stands there word for word

    @property
    def rank(self) -> tuple[bool, int, int]:
        return (not self.exact, self.last - self.first, self.first)


def _says(query: Query, window: Sequence[str]) -> bool:
    if query.texts:
        text = fold_lines(window)
        if not all(part in text for part in query.texts):
            return False
    if query.numbers:
        found = numbers_in("\n".join(window))
        return all(values & found for values in query.numbers)
    return True


def search(lines: Sequence[str], span: str, query: Query) -> list[Match]:
    """Every smallest run of lines within `span` (of the text's `lines`) that says the query,
    best first."""
    first, last = line_bounds(span)
    last = min(last, len(lines))
    found: list[Match] = []
    for start in range(first, last + 1):
        if not lines[start - 1].strip():
            continue
        for end in range(start, min(start + MAX_LINES, last + 1)):
            window = lines[start - 1:end]
            if _says(query, window):
                if end == start or not _says(query, lines[start:end]):
                    exact = query.whole in join_lines(window).casefold()
                    found.append(Match(start, end, exact))
                break
    return sorted(found, key=lambda match: match.rank)
