"""Search keywords for an entity page, derived mechanically from its data.

The site search (Pagefind, Danish stemming) finds a page by its name (the H1) and by these
keywords, which the page carries in a hidden block weighted like a name (search_block.py).
They are for the index only, never shown: every alias and legal reference as written, the id,
the name and aliases spelt without æ/ø/å ("Hjorring Kommune", "Dovblind"), and one
"paragraf 108 103" with every "§" number, and the parts of the compound words in the name and
aliases ("aflastning tilbud" for "Aflastningstilbud", danish/compounds.py). Nothing here is a hard-coded synonym: every keyword
comes from the entity's own `navn`, `aliaser`, `lovgrundlag` and id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..danish.compounds import text_parts
from ..danish.legal import paragraphs
from .labels import KIND_SINGULAR

# Danish letters and how people type them on a keyboard without them.
DIGRAPHS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
SINGLES = str.maketrans({"æ": "a", "ø": "o", "å": "a", "Æ": "A", "Ø": "O", "Å": "A"})


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
    return [p.partition(" § ")[2] for p in paragraphs(reference) if " § " in p]


def _unique(values: Iterable[str]) -> list[str]:
    """Drop repeats, ignoring case, keeping the first spelling and the order."""
    seen: dict[str, str] = {}
    for value in values:
        if value:
            seen.setdefault(value.casefold(), value)
    return list(seen.values())


def keywords(entity: Any) -> list[str]:
    """What the hidden keyword block lists, each once (ignoring case), all of it from the data.

    Names and aliases as written, with their spellings without æ/ø/å; legal references and
    the id; one "paragraf …" with every number under a "§" (Pagefind drops the "§", so
    "§108", "§ 108" and "paragraf 108" all meet "108"); and one line with the parts of the
    names' compound words (Pagefind splits no compound: "tilbud" meets "Aflastningstilbud"
    only through them).
    """
    laws = list(getattr(entity, "lovgrundlag", []))
    named = [entity.navn, *entity.aliaser]
    variants = [v for text in named for v in spelling_variants(text)]
    numbers = _unique(n for text in [*named, *laws] for n in paragraph_numbers(text))
    paragraph = ["paragraf " + " ".join(numbers)] if numbers else []
    parts = _unique(text_parts(" ".join(named)))
    compounds = [" ".join(parts)] if parts else []
    return _unique([*named[1:], *variants, *laws, entity.id, *paragraph, *compounds])
