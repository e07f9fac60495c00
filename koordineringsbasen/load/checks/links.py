"""The cross-file checks of one file's links: every id it names exists, every citation lies
inside its source and on its agenda item.

They run over the whole catalog on every load. A file's findings depend only on its own
links and on what they are checked against (the ids of every kind, the sources, the seed
texts' line counts and contents: citation anchors), so with a data cache they are reused while
the file's bytes and that whole context are unchanged: editing a figure re-checks one file,
while adding, removing or renaming any file, changing any source, or editing a seed text,
re-checks every file.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model.common import PathKey
from ...model.references import Citation, IdRef
from ..datacache import DataCache
from .sources import CitationContext, check_citation

if TYPE_CHECKING:
    from ..record import LoadedFile

Finding = tuple[PathKey, str]  # (path in the file, message)


@dataclass(frozen=True)
class LinkContext:
    """What links are checked against in one load."""

    known: Mapping[str, Mapping[str, LoadedFile]]  # valid entities by kind and id
    invalid: Mapping[str, set[str]]  # ids of files that exist but are invalid (reported)
    citations: CitationContext
    fingerprint: str  # names all of the above


def link_context(known: Mapping[str, Mapping[str, LoadedFile]], invalid: Mapping[str, set[str]],
                 citations: CitationContext) -> LinkContext:
    digest = hashlib.sha256()
    for kind in sorted(known):
        # In load order: an unknown id's "mente du" hint takes the first of equally close ids.
        digest.update(f"{kind}\0{list(known[kind])}\0{sorted(invalid.get(kind, ()))}\0".encode())
    for source_id, item in sorted(known.get("kilder", {}).items()):
        # A source is named by its file's bytes; without a cache key nothing is reused.
        digest.update(f"{source_id}\0{item.cache_key}\0".encode())
    digest.update(repr(sorted(citations.seed_lines.items())).encode())
    # Anchors compare what the texts say: a text edited to the same length re-checks too.
    digest.update(repr(sorted(citations.seed_hashes.items())).encode())
    usable = all(item.cache_key is not None for item in known.get("kilder", {}).values())
    return LinkContext(known, invalid, citations, digest.hexdigest() if usable else "")


def check_links(item: LoadedFile, context: LinkContext, cache: DataCache | None
                ) -> tuple[Finding, ...]:
    """(path, message) for every problem of `item`'s links."""
    key = None
    if cache is not None and item.cache_key is not None and context.fingerprint:
        key = hashlib.sha256(f"links\0{item.cache_key}\0{context.fingerprint}".encode()).hexdigest()
        cached = cache.get_derived(key)
        if cached is not None:
            return cached
    found: list[Finding] = []
    for link in item.links:
        if isinstance(link, IdRef):
            problem = _check_reference(link, context)
            if problem is not None:
                found.append(problem)
        elif isinstance(link, Citation):
            # A source's own agenda item citing itself means that item, never the meeting's.
            own_item = (link.path[:1] == ("punkter",)
                        and link.reference.kilde == getattr(item.entity, "id", None))
            found.extend(check_citation(link, context.citations, own_item))
    if key is not None and cache is not None:
        cache.put_derived(key, tuple(found))
    return tuple(found)


def _check_reference(ref: IdRef, context: LinkContext) -> Finding | None:
    known = context.known.get(ref.kind, {})
    if ref.target in known or ref.target in context.invalid[ref.kind]:
        return None
    guess = difflib.get_close_matches(ref.target, list(known), n=1, cutoff=0.6)
    hint = f"; mente du '{guess[0]}'?" if guess else ""
    return ref.path, f"ukendt id '{ref.target}' i {ref.kind}/{hint}"
