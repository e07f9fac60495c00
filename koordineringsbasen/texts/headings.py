"""Find the agenda items of a source text: number, title and line range.

The heading styles of the existing texts: "Ad. 1 Velkommen" (the council's minutes), "Punkt 1."
with the title on the next line (DAS Social; "Punkt 1. Titel" inside an item is a sub-item),
numbered headings "1. Indledning", "3.1.2 Titel" (reports), and "Bilag 1" (appendices after the
last item). Markdown decoration ("### **Ad. 1 …**") is ignored.

Agendas and tables of contents repeat the headings; for each style the chain of headings with
rising numbers that leaves the most headings, and of those the most text under its headings, is chosen (a table of
contents leaves none), so the items are the ones in the body. A range runs from its heading to the line before
the next item of the same or a higher level (a sub-item lies inside its parent), the last to the
end of the text; blank lines at its end are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

DECORATION = re.compile(r"^\s*#{1,6}\s*|\*\*|__")
AD = re.compile(r"^Ad\.?\s*(\d{1,2})\.?(?:\s+(.*))?$")
PUNKT = re.compile(r"^Punkt\s+(\d{1,2})\.?(?:\s+(.*))?$")
# "1. Titel" (one number needs its dot: "3 Børn …" is a row of a numbered table) or "7.2 Titel".
NUMBERED = re.compile(r"^(\d{1,2}\.|\d{1,2}(?:\.\d{1,2}){1,3}\.?)\s+([A-ZÆØÅ].*)$")
BILAG = re.compile(r"^Bilag\s+(\d{1,2})\b[.:]?\s*(.*)$")
EVT = re.compile(r"^(Evt\.|Eventuelt)$")
# A line of a table of contents: ends in a page number after a tab or dot leaders.
TOC_LINE = re.compile(r"(\t|\.{3,}|…)\s*\d+\s*$")
MAX_TITLE = 160
AGENDA_STYLES = ("ad", "punkt")


@dataclass(frozen=True)
class Heading:
    line: int  # 1-based
    style: str  # ad, punkt, numbered, bilag, evt
    nr: str
    title: str
    same_line_title: bool

    @property
    def level(self) -> int:
        return self.nr.count(".") + 1 if self.style == "numbered" else 1

    @property
    def number(self) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", self.nr))


@dataclass(frozen=True)
class Item:
    nr: str
    titel: str
    first: int
    last: int

    @property
    def linjer(self) -> str:
        return f"{self.first}-{self.last}" if self.last != self.first else str(self.first)


def clean(line: str) -> str:
    return " ".join(DECORATION.sub("", line).split())


def _next_text(lines: Sequence[str], index: int) -> tuple[str, int] | None:
    """The next non-blank line after index `index` (0-based), cleaned, and its index."""
    for j in range(index + 1, min(index + 6, len(lines))):
        text = clean(lines[j])
        if text:
            return text, j
    return None


def _title(rest: str, lines: Sequence[str], index: int) -> tuple[str, int]:
    """The heading's title and the index of its last line: its rest of line, joined with a
    following line that continues it (begins in lower case: "… den 11." + "december 2024"),
    or, when the heading holds only the number ("Punkt 1."), the next line."""
    if not rest:
        found = _next_text(lines, index)
        return found if found else ("", index)
    following = clean(lines[index + 1]) if index + 1 < len(lines) else ""
    if following and following[0].islower() and len(rest) + len(following) <= MAX_TITLE:
        return f"{rest} {following}", index + 1
    return rest, index


def candidates(lines: Sequence[str]) -> list[Heading]:
    found: list[Heading] = []
    title_end = -1  # a heading's title line is no heading of its own ("Punkt 10." "Eventuelt")
    for index, raw in enumerate(lines):
        if index <= title_end or TOC_LINE.search(raw) or raw[:1] == "\t":  # a table of contents
            continue
        text = clean(raw)
        if not text:
            continue
        for style, pattern in (("ad", AD), ("punkt", PUNKT), ("bilag", BILAG),
                               ("numbered", NUMBERED), ("evt", EVT)):
            match = pattern.match(text)
            if match is None:
                continue
            if style == "evt":
                found.append(Heading(index + 1, style, "Evt.", text, True))
            elif style == "numbered" and (text.endswith((",", ";")) or len(text) > MAX_TITLE):
                continue
            else:
                number = match.group(1).rstrip(".")
                nr = f"Bilag {number}" if style == "bilag" else number
                rest = (match.group(2) or "").strip()
                title, title_end = _title(rest, lines, index)
                found.append(Heading(index + 1, style, nr, title, bool(rest)))
            break
    return found


def _gaps(heads: Sequence[Heading], total: int) -> dict[int, int]:
    """Lines from each heading to the next heading of its style (or the end of the text)."""
    gaps: dict[int, int] = {}
    for style in {h.style for h in heads}:
        lines = sorted(h.line for h in heads if h.style == style)
        gaps.update((a, b - a) for a, b in zip(lines, [*lines[1:], total + 1], strict=True))
    return gaps


def best_chain(heads: Sequence[Heading], gaps: dict[int, int]) -> list[Heading]:
    """The headings in text order with strictly rising numbers: the most of them, and of chains
    as long, the one whose headings have the most text under them."""
    ordered = sorted(heads, key=lambda h: h.line)
    score: list[tuple[int, int]] = []
    back: list[int] = []
    for i, head in enumerate(ordered):
        best, prev = (1, gaps[head.line]), -1
        for j in range(i):
            if ordered[j].number < head.number:
                candidate = (score[j][0] + 1, score[j][1] + gaps[head.line])
                if candidate > best:
                    best, prev = candidate, j
        score.append(best)
        back.append(prev)
    if not ordered:
        return []
    i = max(range(len(ordered)), key=lambda k: (score[k], -k))
    chain = []
    while i >= 0:
        chain.append(ordered[i])
        i = back[i]
    return chain[::-1]


def _children(parent: Heading, first: int, last: int, heads: Sequence[Heading],
              gaps: dict[int, int]) -> list[Heading]:
    """The sub-headings of `parent` between lines first and last (exclusive of its heading)."""
    inside = [h for h in heads if first < h.line <= last]
    if parent.style == "numbered":
        prefix = parent.nr + "."
        level = parent.level + 1
        own = [h for h in inside if h.style == "numbered" and h.level == level
               and h.nr.startswith(prefix)]
        return best_chain(own, gaps)
    if parent.style != "punkt":
        return []
    # "Punkt 1. Titel" items restarting at 1 inside an agenda item: its sub-items (9.1, 9.2, …)
    own = [h for h in inside if h.style == parent.style and h.same_line_title]
    chain = best_chain(own, gaps)
    return [Heading(h.line, h.style, f"{parent.nr}.{h.nr}", h.title, True) for h in chain
            ] if len(chain) >= 2 and chain[0].nr == "1" else []


def _items(chain: Sequence[Heading], end: int, heads: Sequence[Heading],
           gaps: dict[int, int], lines: Sequence[str]) -> list[Item]:
    items: list[Item] = []
    for k, head in enumerate(chain):
        stop = chain[k + 1].line - 1 if k + 1 < len(chain) else end
        items.append(Item(head.nr, head.title or head.nr, head.line, _trim(lines, head.line, stop)))
        if head.style != "bilag" and head.style != "evt":
            children = _children(head, head.line, stop, heads, gaps)
            items.extend(_items(children, stop, heads, gaps, lines))
    return items


def _trim(lines: Sequence[str], first: int, last: int) -> int:
    while last > first and not lines[last - 1].strip():
        last -= 1
    return last


def agenda_items(lines: Sequence[str]) -> list[Item]:
    """The agenda items of the text `lines` (line n at index n-1), in text order."""
    heads = candidates(lines)
    if not heads:
        return []
    gaps = _gaps(heads, len(lines))
    top = {style: best_chain([h for h in heads if h.style == style and h.level == 1], gaps)
           for style in ("ad", "punkt", "numbered")}
    agenda = [top[s] for s in AGENDA_STYLES if len(top[s]) >= 2]
    chain = max(agenda or [top["numbered"]],
                key=lambda c: (len(c), sum(gaps[h.line] for h in c)))
    if not chain:
        chain = []
    last_start = chain[-1].line if chain else 0
    # "Evt." after the last item, and appendices after that, end the items before them.
    tail = [h for h in heads if h.line > last_start and h.style == "evt"][:1]
    after = tail[0].line if tail else last_start
    bilag = best_chain([h for h in heads if h.style == "bilag" and h.line > after], gaps)
    whole = sorted([*chain, *tail, *bilag], key=lambda h: h.line)
    return sorted(_items(whole, len(lines), heads, gaps, lines), key=lambda i: (i.first, i.nr))
