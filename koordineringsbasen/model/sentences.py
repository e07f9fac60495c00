"""Sentences of a summary or description, and which citation supports which sentence.

A citation in an entity's `kilder` may name the sentence it supports (`saetning`: a few words
of it); its footnote marker then stands after that sentence instead of after the summary. The
one rule for where a sentence ends is here: the model validates `saetning` with it and the
pages place the markers with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A paragraph break: any line break in the value (render/text.LINE_BREAK, as the pages split).
PARAGRAPH = re.compile(r"\s*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]\s*")
# A sentence ends at . ! or ? followed by a space and a capital letter (or a quote mark): not
# after "nr. 8", "5. marts", "bl.a. i" or "jf. §".
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ»\"'])")
# At most this many passages back one claim (a sentence, or the summary as a whole): more
# would be a bundle no reader follows up; name the sentences the further ones support.
MAX_PASSAGES_PER_CLAIM = 4


def paragraphs(text: str) -> list[str]:
    return [p for p in PARAGRAPH.split(text.strip()) if p]


def split(paragraph: str) -> list[str]:
    """The sentences of one paragraph."""
    return [s for s in SENTENCE_END.split(paragraph) if s]


def sentences(text: str) -> list[str]:
    """The sentences of `text`, paragraph by paragraph (a paragraph always ends one)."""
    return [s for p in paragraphs(text) for s in split(p)]


def find_sentence(texts: Sequence[str | None], words: str) -> tuple[int, int] | None:
    """(text index, sentence index) of the one sentence of `texts` holding `words`; None when
    no sentence or more than one holds them."""
    found = [(t, s) for t, text in enumerate(texts) if text
             for s, sentence in enumerate(sentences(text)) if _folded(words) in _folded(sentence)]
    return found[0] if len(found) == 1 else None


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()
