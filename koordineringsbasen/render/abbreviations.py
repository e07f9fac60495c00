"""The glossary's abbreviations as <abbr> elements, in Markdown pages and in finished HTML.

Markdown pages get them from Python-Markdown's abbr extension (its glossary option, given once
per build by the mkdocs hook). HTML that is written finished and kept out of Markdown (tables,
lists and footnotes: render/html_writer.py) is marked up here the way that extension does it: the same
abbreviations, longest first, as whole words, with the meaning as the title.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from markupsafe import Markup

FOLD = re.compile(r"\s*\n\s*")  # a line break inside a value would start a new block: fold it


def glossary_abbreviations(glossary: Iterable[Any]) -> dict[str, str]:
    """Abbreviation -> meaning, for every glossary entry that is an abbreviation (a domain
    term is explained on the glossary page only)."""
    return {entry.forkortelse: " ".join(entry.betydning.split())
            for entry in glossary if entry.forkortelse is not None}


class Abbreviator:
    """Escapes text for HTML and wraps each abbreviation in <abbr title="meaning">."""

    def __init__(self, abbreviations: Mapping[str, str]):
        self._titles = dict(abbreviations)
        words = sorted(self._titles, key=len, reverse=True)
        self._pattern = (re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")
                         if words else None)

    def html(self, text: object) -> Markup:
        """`text` (not Markup) as HTML: escaped, line breaks folded, abbreviations marked."""
        if isinstance(text, Markup):
            return text
        return self._html(str(text))

    @lru_cache(maxsize=65536)  # noqa: B019 - few Abbreviators (one per glossary), kept anyway
    def _html(self, text: str) -> Markup:
        # Names, labels and numbers recur on every page: each is marked up once.
        value = FOLD.sub(" ", text)
        if self._pattern is None:
            return Markup(html.escape(value, quote=True))
        out, start = [], 0
        for found in self._pattern.finditer(value):
            word = found.group(0)
            out.append(html.escape(value[start:found.start()], quote=True))
            out.append(f'<abbr title="{_attribute(self._titles[word])}">{html.escape(word)}</abbr>')
            start = found.end()
        out.append(html.escape(value[start:], quote=True))
        return Markup("".join(out))


def _attribute(value: str) -> str:
    # As Python-Markdown's serializer writes attribute values.
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@lru_cache(maxsize=8)
def _abbreviator(items: tuple[tuple[str, str], ...]) -> Abbreviator:
    return Abbreviator(dict(items))


def abbreviator(glossary: Iterable[Any]) -> Abbreviator:
    """The Abbreviator for `glossary` (made once per glossary content)."""
    return _abbreviator(tuple(sorted(glossary_abbreviations(glossary).items())))
