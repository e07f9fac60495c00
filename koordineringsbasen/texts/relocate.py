"""Find an anchored passage again in a source text, and an agenda item by its heading.

A text is indexed once per load (`TextIndex`): its lines joined as anchors are made
(seedtext.join_lines_mapped) with a map from character offsets back to line numbers. A
citation's verdict is `ok` when its lines still say the anchor's text, `flyttet` with the new
lines when the passage is found at exactly one place that can be told from the others,
`tvetydig` when it is found at several places that cannot be told apart (never moved), and
`mangler` when it is found nowhere (deleted, or its wording or a number changed).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..model.common import Anchor, line_range
from .anchors import ELLIPSIS, anchor_text, checksum, passage_text
from .seedtext import SPLIT_WORD, join_lines, join_lines_mapped

OK, MOVED, MISSING, AMBIGUOUS = "ok", "flyttet", "mangler", "tvetydig"
MAX_PASSAGE = 60_000  # characters a long passage may span (the longest real one: ~20,000)
HEADING_LINES = 3  # non-blank lines an agenda item's heading may take
TITLE_SHARE = 0.75  # share of the title's words the heading must hold
WORD = re.compile(r"\w+")
PARENTHESIS = re.compile(r"\([^)]*\)")
NUMBER = re.compile(r"^\d+(?:\.\d+)*$")
NUMBER_WORDS = frozenset({"ad", "punkt", "pkt", "dagsordenspunkt", "bilag", "kapitel", "afsnit"})


@dataclass(frozen=True)
class Verdict:
    status: str  # OK, MOVED, MISSING or AMBIGUOUS
    first: int = 0  # the new lines (MOVED)
    last: int = 0
    places: tuple[tuple[int, int], ...] = ()  # the places that could not be told apart

    @property
    def linjer(self) -> str:
        return line_range(self.first, self.last)


class TextIndex:
    """One source text's lines, joined once, with the way back from offsets to lines."""

    def __init__(self, lines: Sequence[str]):
        self.lines = lines
        self.text, starts = join_lines_mapped(lines)
        self._offsets = [start for start in starts if start >= 0]
        self._numbers = [n for n, start in enumerate(starts, start=1) if start >= 0]

    def line_of(self, offset: int) -> int:
        """The line (1-based) that holds character `offset` of the joined text."""
        return self._numbers[max(0, bisect_right(self._offsets, offset) - 1)]

    def content_span(self, first: int, last: int) -> tuple[int, int] | None:
        """The first and last non-blank line within lines first..last, or None."""
        found = [n for n in range(max(1, first), min(last, len(self.lines)) + 1)
                 if self.lines[n - 1].strip()]
        return (found[0], found[-1]) if found else None

    @cached_property
    def line_starts(self) -> frozenset[int]:
        return frozenset(self._offsets)


def _needle(part: str) -> tuple[str, bool]:
    """What to search for: a part ending in a word hyphenated at the line end ("til-") stands
    mended in the whole text ("tilbud"), so it is searched without the hyphen."""
    if SPLIT_WORD.search(part):
        return part[:-1], True
    return part, False


def _occurrences(text: str, needle: str, start: int = 0, end: int | None = None) -> list[int]:
    found = []
    stop = len(text) if end is None else end
    at = text.find(needle, start, stop)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1, stop)
    return found


def _word_edges(index: TextIndex, start: int, end: int, mended_end: bool) -> bool:
    """Whether text[start:end] starts and ends at word boundaries, not inside a word (a
    passage may start inside a word the text hyphenated: then at the start of a line)."""
    text = index.text
    if (start > 0 and text[start].isalnum() and text[start - 1].isalnum()
            and start not in index.line_starts):
        return False
    return mended_end or end >= len(text) or not (text[end - 1].isalnum() and text[end].isalnum())


def find_passage(anchor: Anchor, index: TextIndex) -> list[tuple[int, int]]:
    """Every (start, end) in the joined text where the anchor's passage stands."""
    text = index.text
    if anchor.kontrol is None:
        needle, mended = _needle(anchor.tekst)
        return [(at, at + len(needle)) for at in _occurrences(text, needle)
                if _word_edges(index, at, at + len(needle), mended)]
    found = []
    tekst = anchor.tekst
    cut = tekst.find(ELLIPSIS)
    while cut >= 0:  # the head itself may hold ' … ': try every split
        head, tail = tekst[:cut], tekst[cut + len(ELLIPSIS):]
        tail_needle, mended = _needle(tail)
        for at in _occurrences(text, head):
            for end_at in _occurrences(text, tail_needle, at + len(head),
                                       at + MAX_PASSAGE):
                end = end_at + len(tail_needle)
                passage = text[at:end] + ("-" if mended else "")
                if checksum(passage) == anchor.kontrol and _word_edges(index, at, end, mended):
                    found.append((at, end))
                    break
        if found:
            return found
        cut = tekst.find(ELLIPSIS, cut + 1)
    return found


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> int:
    score = 0
    if anchor.foer and text[max(0, start - len(anchor.foer) - 2):start].rstrip().endswith(
            anchor.foer):
        score += 1
    if anchor.efter and text[end:end + len(anchor.efter) + 2].lstrip().startswith(anchor.efter):
        score += 1
    return score


def decide(places: Sequence[tuple[int, int]], old_first: int) -> Verdict:
    """One of several equally good places, when one is clearly the nearest to the old place
    (at most half as far as any other, less three lines); else AMBIGUOUS."""
    if len(places) == 1:
        return Verdict(MOVED, *places[0])
    ranked = sorted(places, key=lambda place: abs(place[0] - old_first))
    near, second = abs(ranked[0][0] - old_first), abs(ranked[1][0] - old_first)
    if second >= 2 * near + 3:
        return Verdict(MOVED, *ranked[0])
    return Verdict(AMBIGUOUS, places=tuple(sorted(places)))


def locate(anchor: Anchor, first: int, last: int, index: TextIndex) -> Verdict:
    """Whether lines first..last of the indexed text still say what `anchor` recorded."""
    if last <= len(index.lines):
        passage = passage_text(index.lines, first, last)
        if passage and anchor_text(passage) == (anchor.tekst, anchor.kontrol):
            return Verdict(OK, first, last)
    spans = find_passage(anchor, index)
    if not spans:
        return Verdict(MISSING)
    places = [(index.line_of(start), index.line_of(end - 1)) for start, end in spans]
    content = index.content_span(first, last)
    if content is not None and content in places:
        return Verdict(OK, first, last)  # e.g. a re-wrapped passage that starts mid-line
    scores = [_context_score(anchor, index.text, start, end) for start, end in spans]
    best = max(scores)
    return decide(sorted({p for p, s in zip(places, scores, strict=True) if s == best}), first)


# Agenda items: re-found and checked by their headings.

def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def heading_words(lines: Sequence[str], first: int, last: int) -> list[str]:
    """The words of the first non-blank lines of lines first..last (a heading may wrap)."""
    found: list[str] = []
    for number in range(first - 1, min(last, len(lines))):
        if lines[number].strip():
            found.append(lines[number])
            if len(found) == HEADING_LINES:
                break
    return _words(join_lines(found))


def heading_matches(words: Sequence[str], nr: str, titel: str) -> bool:
    """Whether heading `words` hold the item's number (or the last part of a sub-item's
    number, as 'Punkt 3.' under item 9) near their start, and most of its title's words
    (a remark in parentheses left out: it is the data's, not the text's)."""
    title = _words(PARENTHESIS.sub(" ", titel)) or _words(titel)
    if not words:
        return False
    if NUMBER.match(nr):
        # '7. …', 'Ad. 7 …', 'Punkt 7.'; a sub-item 9.3 may stand as 'Punkt 3.' under item 9.
        parts = nr.split(".")
        after_word = words[1:] if words[0] in NUMBER_WORDS else None
        if not any(numbers[:len(wanted)] == wanted for numbers in (words, after_word) if numbers
                   for wanted in (parts, parts[-1:])):
            return False
    else:  # a named item ('Bilag 1, tabel 2'): its name or title comes first (maybe numbered)
        first = words[1] if words[0].isdigit() and len(words) > 1 else words[0]
        if first not in {*_words(nr), *title[:1]}:
            return False
    present = set(words)
    return sum(word in present for word in title) >= TITLE_SHARE * len(title)


def find_heading(index: TextIndex, nr: str, titel: str, old_first: int) -> Verdict:
    """Where the item's heading now stands: OK at its old line, MOVED, AMBIGUOUS or MISSING."""
    lines = index.lines
    wanted = _words(PARENTHESIS.sub(" ", titel)) or _words(titel)
    key = wanted[0] if wanted else ""
    starts = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or (key and key not in line.casefold()
                                and key not in " ".join(lines[number:number + 2]).casefold()):
            continue
        if heading_matches(heading_words(lines, number, len(lines)), nr, titel):
            starts.append(number)
    if old_first in starts:
        return Verdict(OK, old_first, old_first)
    if not starts:
        return Verdict(MISSING)
    return decide([(n, n) for n in _heading_starts(lines, starts)], old_first)


def _heading_starts(lines: Sequence[str], starts: list[int]) -> list[int]:
    """The matches left after dropping those inside an earlier match's heading ('Bilag 3' /
    'Forslag fra …': the title line matches on its own too)."""
    kept: list[int] = []
    reach = 0
    for number in starts:
        if number <= reach:
            continue
        kept.append(number)
        seen = 0
        for reach in range(number, len(lines) + 1):
            seen += bool(lines[reach - 1].strip())
            if seen == HEADING_LINES:
                break
    return kept
