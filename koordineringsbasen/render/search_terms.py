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
from .text import attr

# Danish letters and how people type them on a keyboard without them.
DIGRAPHS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
SINGLES = str.maketrans({"æ": "a", "ø": "o", "å": "a", "Æ": "A", "Ø": "O", "Å": "A"})
# "§ 108", "§108", "§§ 107 og 108": the search separator splits "§" off, so every way of
# writing the paragraph sign reaches the index as the bare number; "paragraf" is added here.
NUMBER = r"\d+(?:\s?[a-z]\b)?"  # 108, 13 b
PARAGRAPH = re.compile(rf"§§?\s*({NUMBER}(?:\s*(?:og|,|/)\s*{NUMBER})*)")
SPACE = re.compile(r"\s+")
TRIM = "()[],.;:'\"/–-"
MIN_VARIANT = 4  # "år" -> "ar" would only add noise that matches every "ar..." word


def kind_label(entity: Any) -> str:
    """The entity's kind as a Danish singular noun, capitalised ("Central udmelding")."""
    label = KIND_SINGULAR[entity.kind]
    return label[:1].upper() + label[1:]


def spelling_variants(word: str) -> list[str]:
    """The word with æ/ø/å written as ae/oe/aa and as a/o/a (empty if it has none)."""
    variants = [word.translate(DIGRAPHS), word.translate(SINGLES)]
    return [v for v in dict.fromkeys(variants) if v != word]


def paragraph_numbers(reference: str) -> list[str]:
    """'SEL §§ 107 og 108' -> ['107', '108']: numbers under a paragraph sign."""
    return [n for group in PARAGRAPH.findall(reference) for n in re.findall(NUMBER, group)]


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            result.append(value)
    return result


def keywords(entity: Any) -> list[str]:
    """What the hidden heading lists, each once unless noted; all of it from the data.

    1. the kind ("Tilbud"), so results say what a hit is;
    2. one-word aliases ("PWS", "ABI", "Døvblind"): listed here and again in 3, so an alias
       that *is* the typed word outranks a longer alias that merely contains it (Material's
       lunr ignores field length, so repetition is the only way to say "exact");
    3. all aliases and legal references as written, and the id;
    4. derived words: æ/ø/å spelt ae/oe/aa and a/o/a, "paragraf N" for every "§ N".
    The name itself is the H1 and the result title, so only its derived words are added.
    """
    names = [entity.navn, *entity.aliaser]
    laws = list(getattr(entity, "lovgrundlag", []))
    single = [a for a in entity.aliaser if not SPACE.search(a.strip()) and "§" not in a]
    words = [w for n in names + laws for w in SPACE.split(n)]
    derived = [v for w in words if len(w) >= MIN_VARIANT for v in spelling_variants(w.strip(TRIM))]
    derived += [f"paragraf {n}" for t in names + laws for n in paragraph_numbers(t)]
    listed = _unique([*entity.aliaser, *laws, entity.id])
    known = {w.casefold() for t in [entity.navn, *listed] for w in SPACE.split(t)}
    extra = [d for d in _unique(derived) if d.casefold() not in known]
    return [kind_label(entity), *_unique(single), *listed, *extra]


def keyword_text(entity: Any) -> Markup:
    """The keywords joined for the hidden heading, escaped as HTML (it is a raw HTML block)."""
    return Markup(" · ").join(attr(k) for k in keywords(entity))
