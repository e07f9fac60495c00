"""What an entity page tells the site search (Pagefind), and which alternative names it shows.

Each entity page carries one hidden block that Pagefind reads and no reader sees: the search
keywords (weighted like the page's name), the page's kind and summary as result metadata (the
result snippet is the summary, never the keywords) and the facet values the search filters on.
All of it is derived from the data; every value is HTML-escaped.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from ..danish.compounds import text_parts
from ..danish.legal import paragraphs
from . import labels
from .search_terms import DIGRAPHS, SINGLES, keywords, kind_label
from .text import attr, plain

# Pagefind weighs an h1 7 and body text 1 (quadratic); the keywords are names too.
KEYWORD_WEIGHT = 7
MAX_SHOWN_ALIASES = 4
MISSPELT = 2  # letters off the name: a misspelling, not another name
FOLDED_STEM = 6  # an ASCII-folded word this long may be the start of the entity's word
# Facet names as the search form shows them (keys of Pagefind filters).
KIND, CATEGORY, REGION, OPERATOR, RISK, LAW, STATUS = (
    "Type", "Kategori", "Region", "Driftsherre", "Risiko", "Lovgrundlag", "Status")
# Source-text pages (kilder/<id>/tekst/) are found, but after the entities: a fraction of a
# word's weight, and a kind of their own for the filter and the result.
SOURCE_TEXT_KIND = "Kildetekst"
SOURCE_TEXT_ATTRIBUTES = (f'data-pagefind-weight="0.2" data-pagefind-filter="{KIND}:{SOURCE_TEXT_KIND}" '
                          f'data-pagefind-meta="kind:{SOURCE_TEXT_KIND}"')
FACETS = (KIND, CATEGORY, REGION, OPERATOR, RISK, LAW, STATUS)
FOLD = re.compile(r"[^0-9a-z]+")


def folded(text: str) -> str:
    """A comparison key: lower case, æ/ø/å as a/o/a, 'ae/oe/aa' as a/o/a, no punctuation."""
    return FOLD.sub("", _fold_words(text))


def shown_aliases(entity: Any) -> list[str]:
    """At most a few real alternative names for "Også kendt som", in data order.

    Left out (they stay in the search index): legal references (anything with '§'), spelling
    variants (same letters as the name or an alias kept, once æ/ø/å and punctuation are
    folded; the spelling with æ/ø/å wins), aliases with a word folded to ASCII that the
    entity writes with æ/ø/å ("Boern og unge"), misspellings of the name or of an alias kept
    (at most two letters off: "Kofoedminde") and longer phrases built on the name itself
    ("Kofoedsminde (Region Sjælland)").
    """
    name = folded(entity.navn)
    ascii_forms = _ascii_forms(entity)
    by_key: dict[str, str] = {}
    for alias in entity.aliaser:
        key = folded(alias)
        if ("§" in alias or not key or (len(name) > 3 and name in key)
                or _within(key, name, MISSPELT) or _ascii_folded(alias, ascii_forms)
                or _misspelt_word(alias, entity)
                or any(_within(key, other, MISSPELT) for other in by_key if other != key)):
            continue
        kept = by_key.get(key)
        if kept is None or (alias.translate(SINGLES) != alias and kept.translate(SINGLES) == kept):
            by_key[key] = alias
    return list(by_key.values())[:MAX_SHOWN_ALIASES]


def _ascii_forms(entity: Any) -> frozenset[tuple[str, str]]:
    """(ASCII folding, word) for the entity's own words written with æ/ø/å ('boern', 'børn')."""
    texts = [entity.navn, *entity.aliaser, entity.resume, getattr(entity, "beskrivelse", None) or ""]
    words = {w for text in texts for w in re.findall(r"[^\W\d_]+", text.casefold())
             if set(w) & set("æøå")}
    return frozenset((w.translate(table), w) for w in words for table in (DIGRAPHS, SINGLES))


def _ascii_folded(alias: str, forms: frozenset[tuple[str, str]]) -> bool:
    """An alias written without æ/ø/å where the entity spells a word of it with them
    ("Boern og unge …" beside "Børn og unge …", "Socialpaedagogerne" beside
    "Socialpædagogernes"): kept for search, never shown."""
    return any(w == f or (len(w) >= FOLDED_STEM and f.startswith(w) and not d.startswith(w))
               for w in re.findall(r"[^\W\d_]+", alias.casefold()) for f, d in forms)


def _misspelt_word(alias: str, entity: Any) -> bool:
    """An alias with a word that the entity's own text writes with one letter where the alias
    doubles it ("selvskaade" beside "selvskade"): a misspelling kept for search."""
    texts = [entity.navn, entity.resume, getattr(entity, "beskrivelse", None) or "",
             *(a for a in entity.aliaser if a != alias)]
    own = {w for text in texts for w in re.findall(r"[^\W\d_]+", text.casefold())}
    prose = {w for text in texts[:3] for w in re.findall(r"[^\W\d_]+", text.casefold())}
    return any(w not in prose and len(w) >= FOLDED_STEM
               and any(w[:i] + w[i + 1:] in own for i in range(1, len(w)) if w[i] == w[i - 1])
               for w in re.findall(r"[^\W\d_]+", alias.casefold()))


def name_keys(entity: Any) -> list[str]:
    """The name and every alias as comparison keys (folded, each once): search.js puts a
    result whose name or alias is exactly the query first."""
    return list(dict.fromkeys(k for k in map(folded, [entity.navn, *entity.aliaser]) if k))


def name_words(entity: Any) -> list[str]:
    """Every word of the name and aliases and every part of their compound words, folded, each
    once (for search.js's reordering)."""
    named = [entity.navn, *entity.aliaser]
    texts = [*named, *text_parts(" ".join(named))]
    words = (w for text in texts for w in re.split(r"[^0-9a-z]+", _fold_words(text)))
    return list(dict.fromkeys(w for w in words if w))


def _fold_words(text: str) -> str:
    key = text.casefold().translate(DIGRAPHS)
    return key.replace("aa", "a").replace("ae", "a").replace("oe", "o")


def _within(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance of `a` and `b` is at most `limit` (lengths decide most pairs)."""
    return abs(len(a) - len(b)) <= limit and _distance(a, b) <= limit


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (the same measure as "Mente du …?" in search.js)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = row
    return previous[-1]


def facets(entity: Any, catalog: Any) -> dict[str, list[str]]:
    """The filter values of one entity page, by facet name; empty facets are left out."""
    kind = entity.kind
    values: dict[str, list[str]] = {KIND: [kind_label(entity)]}
    if kind == "tilbud":
        values[CATEGORY] = [labels.OFFER_CATEGORY[entity.kategori.value]]
        if entity.driftsherre:
            values[OPERATOR] = [catalog.get("organisationer", entity.driftsherre).navn]
        status = entity.current_status
        if status:
            values[STATUS] = [labels.OFFER_STATUS[status.status.value]]
    if kind in ("tilbud", "organisationer"):
        region = catalog.region_of(kind, entity.id)
        if region is not None:
            values[REGION] = [labels.REGION[region.value]]
    if kind == "maalgrupper":
        risk = entity.latest_risk
        if risk:
            values[RISK] = [labels.RISK[risk.niveau.value]]
    if kind == "udmeldinger" and entity.resultat:
        values[STATUS] = [labels.NOTIFICATION_STATE[entity.resultat.status.value]]
    laws = [p for law in getattr(entity, "lovgrundlag", []) for p in paragraphs(law) if "§" in p]
    if laws:
        values[LAW] = list(dict.fromkeys(laws))
    return values


def _span(attribute: str, name: str, value: str) -> Markup:
    return Markup('<span data-pagefind-{}="{}">{}</span>').format(
        attribute, attr(name), attr(plain(value)))


def search_block(entity: Any, catalog: Any) -> Markup:
    """The hidden block for Pagefind (one line: it is a raw HTML block inside Markdown)."""
    words = Markup(" · ").join(attr(plain(k)) for k in keywords(entity))
    meta = [_span("meta", "kind", kind_label(entity)), _span("meta", "summary", entity.resume),
            _span("meta", "names", " | ".join(name_keys(entity))),
            _span("meta", "nameWords", " ".join(name_words(entity)))]
    filters = [_span("filter", name, value)
               for name, items in facets(entity, catalog).items() for value in items]
    return Markup(
        '<div class="kb-soegeord" hidden>'
        '<p data-pagefind-weight="{}">{}</p>'
        '<div data-pagefind-ignore>{}</div></div>'
    ).format(KEYWORD_WEIGHT, words, Markup("").join(meta + filters))
