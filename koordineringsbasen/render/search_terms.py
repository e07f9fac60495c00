"""Search keywords for an entity page, derived mechanically from its data.

Material's search (lunr, `lang: da`) matches query words as prefixes of indexed words, weighs a
section's title 1000 times its text and applies no stemming. An alias that only appears in body
text therefore loses to any other page with the word in a heading, and a name typed without
æ/ø/å matches nothing. Entity templates put these keywords in a hidden heading, so they are
indexed as a section title. Nothing here is a hard-coded synonym: every keyword comes from the
entity's own `aliaser`, `lovgrundlag` and id, or is a spelling variant derived from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from .labels import KIND_SINGULAR
from .text import attr, plain

# Danish letters and how people type them on a keyboard without them.
DIGRAPHS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
SINGLES = str.maketrans({"æ": "a", "ø": "o", "å": "a", "Æ": "A", "Ø": "O", "Å": "A"})
# "§ 108", "§108", "SEL §§ 107 og 108": the search separator (mkdocs.yml) splits "§" off, so
# every way of writing a paragraph reaches the index as the bare number; "paragraf" is added.
NUMBER = r"\d+(?:\s?[a-z]\b)?"  # 108, 13 b
PARAGRAPH = re.compile(rf"§§?\s*({NUMBER}(?:\s*(?:og|,|/)\s*{NUMBER})*)")
SPACE = re.compile(r"\s")
WORDS = re.compile(r"[\s\-–/,;:()\[\]\"'.·]+")  # roughly where the search separator splits


def kind_label_for(kind: str) -> str:
    """A kind as a capitalised Danish singular noun: 'udmeldinger' -> 'Central udmelding'."""
    label = KIND_SINGULAR[kind]
    return label[:1].upper() + label[1:]


def kind_label(entity: Any) -> str:
    return kind_label_for(entity.kind)


def spelling_variants(text: str) -> list[str]:
    """The text with æ/ø/å written as ae/oe/aa and as a/o/a (empty if it has none)."""
    variants = [text.translate(DIGRAPHS), text.translate(SINGLES)]
    return [v for v in dict.fromkeys(variants) if v != text]


def paragraph_numbers(reference: str) -> list[str]:
    """'SEL §§ 107 og 108, stk. 2' -> ['107', '108']: the numbers under a paragraph sign."""
    return [n for group in PARAGRAPH.findall(reference) for n in re.findall(NUMBER, group)]


def _unique(values: Iterable[str]) -> list[str]:
    """Drop repeats, ignoring case, keeping the first spelling and the order."""
    seen: dict[str, str] = {}
    for value in values:
        if value:
            seen.setdefault(value.casefold(), value)
    return list(seen.values())


def keywords(entity: Any) -> list[str]:
    """What the hidden heading lists, in this order; all of it from the data.

    1. the kind ("Tilbud"), so a result says what a hit is;
    2. the name spelt without æ/ø/å ("Hjorring Kommune"): the name itself is the H1, which
       outranks any keyword, but a name typed without æ/ø/å can only match here;
    3. one-word aliases ("PWS", "ABI", "Døvblind"), listed again in 4: Material's lunr ignores
       field length, so repeating is the only way to rank an alias that *is* the typed word
       above a longer alias that merely contains it ("ABI børn og unge");
    4. every alias and legal reference as written, and the id, each once;
    5. one-word aliases without æ/ø/å ("Dovblind") unless the data has them already, and one
       "paragraf 108 103" with every "§" number (one "paragraf" per page, so a page naming
       many paragraphs does not outrank the page that names the typed one most).
    Variants of longer aliases are left to the authors: deriving them all would multiply rare
    words ("Kommunekontaktraadet", "-radet") that outrank exact matches of a typed prefix.
    """
    laws = list(getattr(entity, "lovgrundlag", []))
    names = [entity.navn, *spelling_variants(entity.navn)]
    single = _unique(a for a in entity.aliaser if not SPACE.search(a.strip()) and "§" not in a)
    listed = _unique([*entity.aliaser, *laws, entity.id])
    known = {w.casefold() for text in names + listed for w in WORDS.split(text)}
    variants = [v for a in single for v in spelling_variants(a) if v.casefold() not in known]
    numbers = _unique(n for text in [entity.navn, *listed] for n in paragraph_numbers(text))
    paragraph = ["paragraf " + " ".join(numbers)] if numbers else []
    return [kind_label(entity), *names[1:], *single, *listed, *_unique(variants), *paragraph]


def keyword_text(entity: Any) -> Markup:
    """The keywords joined for the hidden heading, escaped as HTML (it is a raw HTML block,
    which a blank line would end, so whitespace is folded too)."""
    return Markup(" · ").join(attr(plain(k)) for k in keywords(entity))
