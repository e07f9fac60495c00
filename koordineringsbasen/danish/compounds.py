"""Danish compound words split at the domain's own words, so a search for a part finds the whole.

Danish writes compounds as one word ("aflastningstilbud", "rusmiddelforbrug"); the site search
(Pagefind) splits words only at hyphens and capitals, so "tilbud" would never meet
"Aflastningstilbud". `compound_parts` finds the domain words below inside a longer word and
returns them with the rest of the word (less a linking -s- or -e-); the search block lists them
as keywords (render/search_terms.py). One list, here: add a word when a name needs it.
"""

from __future__ import annotations

import re

# Domain words, each with the other forms a compound may hold ("rusmidler" in "rusmidlerne"),
# or that a person types ("gravide rusmidler" for "rusmiddelbrug"). Lower case.
DOMAIN_WORDS: dict[str, tuple[str, ...]] = {
    "tilbud": (),
    "botilbud": (),
    "afdeling": ("afdelinger",),
    "udmelding": ("udmeldinger",),
    "målgruppe": ("målgrupper",),
    "gruppe": ("grupper",),
    "aflastning": (),
    "behandling": (),
    "rusmiddel": ("rusmidler",),
    "misbrug": (),
    "forbrug": (),
    "indsats": ("indsatser",),
    "center": ("centre",),
    "skole": ("skolen",),
    "hjem": ("hjemmet",),
    "børnehjem": ("børnehjemmene",),
    "døgn": (),
    "institution": ("institutioner",),
    "hjerneskade": (),
    "spiseforstyrrelse": ("spiseforstyrrelser",),
    "diagnose": (),
    "udviklingshæmning": (),
    "funktionsnedsættelse": ("funktionsnedsættelser",),
    "høretab": (),
    "tegnsprog": (),
    "rehabilitering": (),
    "undervisning": (),
    "samvær": (),
    "aktivitet": (),
    "forløb": (),
}
MIN_PART = 4  # letters: a shorter rest ("bo" of "botilbud", "ere" of "misbrugere") is no word
LINKS = ("s",)  # the linking letter between the parts of a compound ("aflastnings|tilbud")
WORD = re.compile(r"[^\W\d_]+")
# Every form, longest first, with the word it is a form of.
_FORMS = sorted(((form, word) for word, forms in DOMAIN_WORDS.items() for form in (word, *forms)),
                key=lambda item: -len(item[0]))


def compound_parts(word: str) -> list[str]:
    """The parts of one compound: 'Aflastningstilbud' -> ['aflastning', 'tilbud'].

    Each domain word found inside `word` (not the whole word), with its other forms, and each
    remaining piece of at least four letters, less a linking -s- at its end. A word with no
    domain word inside gives [].
    """
    text = word.casefold()
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for form, base in _FORMS:
        if form == text:
            continue
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            if not any(a < end and start < b for a, b in spans):
                spans.append((start, end))
                found += [base, *DOMAIN_WORDS[base]]
            start = text.find(form, end)
    if not spans:
        return []
    rests, at = [], 0
    for start, end in sorted(spans):
        rests.append(text[at:start])
        at = end
    rests.append(text[at:])
    pieces = [_unlinked(r) for r in rests]
    return list(dict.fromkeys([*found, *(p for p in pieces if len(p) >= MIN_PART)]))


def _unlinked(piece: str) -> str:
    """'aflastnings' -> 'aflastning': the linking letter before the next part dropped."""
    for link in LINKS:
        if piece.endswith(link) and len(piece) > MIN_PART + 1:
            return piece[: -len(link)]
    return piece


def text_parts(text: str) -> list[str]:
    """The compound parts of every word of `text`, each once, in order."""
    return list(dict.fromkeys(p for w in WORD.findall(text) for p in compound_parts(w)))
