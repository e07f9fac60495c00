"""An entity's summary and description with each citation's marker after the sentence it
supports (Reference.saetning, model/sentences.py); citations that name no sentence back the
summary as a whole and stand after it."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..model.sentences import find_sentence, paragraphs, split
from .citations import Citations
from .text import md


def cited_texts(entity: Any, c: Citations) -> tuple[Markup, Markup | None]:
    """(summary, description or None) as Markdown paragraphs with their footnote markers, cited
    in page order."""
    texts = (entity.resume, entity.beskrivelse)
    by_sentence: dict[tuple[int, int], list[Any]] = {}
    whole = []
    for ref in entity.kilder:
        claim = find_sentence(texts, ref.saetning) if ref.saetning else None
        if claim is None:  # validated by the model: only a ref without `saetning`
            whole.append(ref)
        else:
            by_sentence.setdefault(claim, []).append(ref)
    written: list[Markup | None] = []
    for t, text in enumerate(texts):
        if not text:
            written.append(None)
            continue
        index, blocks = 0, []
        for paragraph in paragraphs(text):
            parts = []
            for sentence in split(paragraph):
                parts.append(md(sentence) + c.cite(*by_sentence.get((t, index), ())))
                index += 1
            blocks.append(Markup(" ").join(parts))
        if t == 0:
            blocks[-1] += c.cite(*whole)
        written.append(Markup("\n\n").join(blocks))
    return written[0] or Markup(""), written[1]
