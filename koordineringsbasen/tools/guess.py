"""Guesses for a new source from its text: title, date, place, type, organ, and the id in the
existing scheme. Every guess carries the line it was read from, so the file can say where to look.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..danish.reading import dates_in
from ..texts.headings import clean

HEAD = 80  # metadata stands in the first lines
DATE_LABEL = re.compile(r"\b(dato|tid|tidspunkt|mødet den|møde den|mødedato)\b", re.IGNORECASE)
PLACE = re.compile(r"^(?:Sted(?: og lokale)?|Mødested|Lokale)\s*:?\s+(.+)$", re.IGNORECASE)
ROOM = re.compile(r"^(Mødelokale|Mødested)\b.+")
TITLE_WORD = re.compile(r"^(Referat|Dagsorden|Notat|Rapport|Afrapportering|Kommissorium|"
                        r"Samarbejdsaftale|Aftale|Princippapir|Redegørelse|Anmodning|Oplæg)\b",
                        re.IGNORECASE)
TYPES = {"referat": "referat", "dagsorden": "dagsorden", "notat": "notat", "rapport": "rapport",
         "afrapportering": "rapport", "redegørelse": "rapport", "kommissorium": "notat",
         "samarbejdsaftale": "aftale", "aftale": "aftale", "princippapir": "aftale",
         "anmodning": "skrivelse", "oplæg": "praesentation"}


@dataclass(frozen=True)
class Guess:
    value: str
    line: int  # 1-based line of the text it was read from


def _head(lines: Sequence[str]) -> Iterable[tuple[int, str]]:
    for index, raw in enumerate(lines[:HEAD]):
        text = clean(raw)
        if text:
            yield index + 1, text


def title(lines: Sequence[str]) -> Guess | None:
    """A line that starts like a title ("Referat af …", or "Dagsorden" and the line after it),
    else the first line of three words or more that is no numbered heading; a short line after
    it that continues it ("… for National" + "Koordination") is joined."""
    head = list(_head(lines))
    found = next(((k, n, t) for k, (n, t) in enumerate(head) if TITLE_WORD.match(t)), None)
    if found is not None and len(found[2].split()) == 1 and found[0] + 1 < len(head):
        k, number, text = found
        return Guess(f"{text} – {head[k + 1][1]}", number)
    found = found or next(((k, n, t) for k, (n, t) in enumerate(head)
                           if len(t.split()) >= 3 and ":" not in t and not t[0].isdigit()), None)
    if found is None:
        return None
    _, number, text = found
    following = clean(lines[number]) if number < len(lines) else ""
    if following and len(following.split()) <= 2 and not following.endswith(":") \
            and not any(ch.isdigit() for ch in following):
        text = f"{text} {following}"
    return Guess(text.rstrip(" :"), number)


def date(lines: Sequence[str]) -> Guess | None:
    """The first whole date on a line that names a date or time ("Dato og tidspunkt: …",
    "Mødet den …"), else the first whole date in the first lines."""
    def first(labelled: bool) -> Guess | None:
        for number, text in _head(lines):
            if labelled and not DATE_LABEL.search(text):
                continue
            whole = sorted(d for d in dates_in(text) if len(d) == 10 and not d.startswith("--"))
            if whole:
                return Guess(whole[0], number)
        return None
    return first(True) or first(False)


def place(lines: Sequence[str]) -> Guess | None:
    for number, text in _head(lines):
        match = PLACE.match(text)
        if match:
            return Guess(match.group(1).strip(), number)
    for number, text in _head(lines):
        if ROOM.match(text):
            return Guess(text, number)
    return None


def source_type(title_guess: Guess | None) -> Guess | None:
    if title_guess is None:
        return None
    word = title_guess.value.split()[0].lower()
    return Guess(TYPES[word], title_guess.line) if word in TYPES else None


def organ(lines: Sequence[str], names: Mapping[str, Iterable[str]],
          title_guess: Guess | None = None) -> Guess | None:
    """The organisation named in the title, else the one named on most of the first lines
    (the first named where two tie); `names` maps each id to its names, abbreviation and
    aliases (names shorter than four letters are left out: "KL" is part of too much)."""
    patterns = {organ_id: [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)") for n in spelled
                           if len(n) >= 4] for organ_id, spelled in names.items()}

    def named(text: str) -> list[str]:
        return [o for o, found in patterns.items() if any(p.search(text) for p in found)]

    if title_guess is not None:
        in_title = named(title_guess.value)
        if in_title:
            return Guess(min(in_title), title_guess.line)
    lines_of: dict[str, list[int]] = {}
    for number, text in _head(lines):
        for organ_id in named(text):
            lines_of.setdefault(organ_id, []).append(number)
    if not lines_of:
        return None
    best = max(lines_of, key=lambda o: (len(lines_of[o]), -lines_of[o][0]))
    return Guess(best, lines_of[best][0])


def id_prefix(organ_id: str, sources: Iterable[tuple[str, str | None, str]]) -> str:
    """The prefix the existing ids of `organ_id`'s sources use before their date
    (`natko-raad` for `faglige-raad`), the most common one; else the organ's id.
    `sources` holds (id, organ, date as ISO text)."""
    prefixes = Counter(source_id[:-len(dato) - 1] for source_id, org, dato in sources
                       if org == organ_id and len(dato) == 10 and source_id.endswith(f"-{dato}"))
    return prefixes.most_common(1)[0][0] if prefixes else organ_id
