"""Which parts of the catalog a page read while it rendered, and whether they changed since.

`tracked(catalog, reads)` returns a view of the catalog that records every lookup in `reads`:
an entity by id, a whole kind (iterating it), the backlinks or citations or data file of one key,
or a whole index. `Changes(old, new)` answers, for such a read, whether the two catalogs differ
there. A page whose reads all stayed the same renders the same Markdown, so `mkdocs serve` can
leave it as it is. Anything read in a way not listed here (iterating an index) counts as reading
all of it, so an unforeseen access costs speed, never correctness.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from ..catalog import Catalog

Read = tuple[Any, ...]
ALL = "*"


class _Kind(Mapping[str, Any]):
    """One kind's entities: reading an id records ('e', kind, id); listing records ('k', kind)."""

    def __init__(self, kind: str, entities: Mapping[str, Any], reads: set[Read]):
        self._kind, self._entities, self._reads = kind, entities, reads

    def __getitem__(self, entity_id: str) -> Any:
        self._reads.add(("e", self._kind, entity_id))
        return self._entities[entity_id]

    def __contains__(self, entity_id: object) -> bool:
        self._reads.add(("e", self._kind, entity_id))
        return entity_id in self._entities

    def __iter__(self) -> Iterator[str]:
        self._reads.add(("k", self._kind))
        return iter(self._entities)

    def __len__(self) -> int:
        self._reads.add(("k", self._kind))
        return len(self._entities)


class _Kinds(Mapping[str, Any]):
    """The kinds themselves are fixed (catalog.KINDS): listing them records nothing."""

    def __init__(self, entities: Mapping[str, Mapping[str, Any]], reads: set[Read]):
        self._kinds = {kind: _Kind(kind, items, reads) for kind, items in entities.items()}

    def __getitem__(self, kind: str) -> Any:
        return self._kinds[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)


class _Index(Mapping[Any, Any]):
    """backlinks, citations or files: one key records (name, key); listing records (name, ALL)."""

    def __init__(self, name: str, index: Mapping[Any, Any], reads: set[Read]):
        self._name, self._index, self._reads = name, index, reads

    def __getitem__(self, key: Any) -> Any:
        self._reads.add((self._name, key))
        return self._index[key]

    def __contains__(self, key: object) -> bool:
        self._reads.add((self._name, key))
        return key in self._index

    def __iter__(self) -> Iterator[Any]:
        self._reads.add((self._name, ALL))
        return iter(self._index)

    def __len__(self) -> int:
        self._reads.add((self._name, ALL))
        return len(self._index)


INDEXES = ("backlinks", "citations", "files")


def tracked(catalog: Catalog, reads: set[Read]) -> Catalog:
    """The same catalog, recording into `reads` what is looked up through it."""
    indexes: dict[str, Any] = {name: _Index(name, getattr(catalog, name), reads)
                               for name in INDEXES}
    return dataclasses.replace(catalog, entities=_Kinds(catalog.entities, reads), **indexes)


class Changes:
    """Compares two catalogs read by read, remembering each answer."""

    def __init__(self, old: Catalog, new: Catalog):
        self.old, self.new = old, new
        self._memo: dict[Read, bool] = {}

    def changed(self, read: Read) -> bool:
        if read not in self._memo:
            self._memo[read] = self._compare(read)
        return self._memo[read]

    def any_changed(self, reads: AbstractSet[Read]) -> bool:
        return any(self.changed(read) for read in reads)

    def _compare(self, read: Read) -> bool:
        if read[0] == "e":
            _, kind, entity_id = read
            return not _same(self.old.entities.get(kind, {}).get(entity_id),
                             self.new.entities.get(kind, {}).get(entity_id))
        if read[0] == "k":
            old, new = self.old.entities.get(read[1], {}), self.new.entities.get(read[1], {})
            return list(old) != list(new) or any(not _same(old[k], new[k]) for k in old)
        old_index, new_index = getattr(self.old, read[0]), getattr(self.new, read[0])
        if read[1] == ALL:
            return dict(old_index) != dict(new_index)
        return old_index.get(read[1]) != new_index.get(read[1])


def _same(a: Any, b: Any) -> bool:
    # The data cache hands out the very same object for an unchanged file: identity is the
    # fast path; equal values (a file saved again unchanged, or no cache) are the same too.
    return a is b or (a is not None and b is not None and type(a) is type(b) and a == b)
