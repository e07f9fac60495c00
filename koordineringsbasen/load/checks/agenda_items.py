"""Whether a citation names the agenda item its lines lie in (model/agenda.py is the rule).

Two defects the per-citation line check cannot see:

- a citation of a document embedded in a meeting whose `punkt` is a number both the document
  and the meeting have for the cited lines: the page links the document's section, whichever
  was meant. An error (`ambiguous_item`, run by the loader with the other citation checks):
  name the document's narrower section, or cite the meeting when its item is meant.
- a citation whose lines lie inside an item but that names none: its footnote links no item.
  A warning (`unnamed_items`, printed by `check`): the lines are still right, and `find` and
  the copy control always write the item.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ...catalog import Catalog
from ...model.agenda import contains, holding_item, resolve_item
from ...model.common import PathKey, field_path
from ...model.references import Citation, walk
from ...model.sources import Source
from ..problems import Problem
from ..yamlsource import YamlProblem, locate, read_yaml

Finding = tuple[str, str]  # (field of the reference, message)


def ambiguous_item(chain: Sequence[Source], linjer: str, punkt: str | None) -> list[Finding]:
    """A problem when `punkt` names an item of chain[0] and, for the same lines, an item of a
    meeting it is part of (chain[1:]); a `punkt` that misses the lines is reported elsewhere."""
    resolved = resolve_item(chain, punkt, linjer) if punkt is not None else None
    if resolved is None:
        return []
    others = [(source, item) for source in chain[chain.index(resolved[0]) + 1:]
              for item in source.punkter if item.nr == punkt and contains(item.linjer, linjer)]
    if not others:
        return []
    meeting, item = others[0]
    return [("punkt", f"punkt '{punkt}' er både afsnit {punkt} i '{resolved[0].id}' "
                      f"({resolved[1].titel}) og punkt {punkt} på mødet '{meeting.id}' "
                      f"({item.titel}), og begge omfatter linjerne; siden linker til "
                      f"afsnittet. Skriv dokumentets snævrere afsnit, eller kilde: {meeting.id}, "
                      f"når mødets punkt menes")]


def unnamed_item(chain: Sequence[Source], linjer: str, punkt: str | None) -> str | None:
    """The message for a citation without `punkt` whose lines lie inside an item, else None."""
    holding = holding_item(chain, linjer) if punkt is None else None
    if holding is None:
        return None
    source, item = holding
    return (f"linjerne står i punkt '{item.nr}' ({item.titel}) i '{source.id}', men "
            f"henvisningen nævner intet punkt; skriv punkt: \"{item.nr}\"")


def _citations(catalog: Catalog) -> Iterator[tuple[str, PathKey, PathKey, Citation]]:
    """(file, model path prefix to drop, path, citation) for every citation in the data."""
    for (kind, entity_id), rel in sorted(catalog.files.items()):
        for link in walk(catalog.get(kind, entity_id)):
            if isinstance(link, Citation):
                yield rel, (), link.path, link
    glossary_rel = next(iter(catalog.files.values()), "data/x").rsplit("/", 2)[0] + "/ordliste.yml"
    for index, entry in enumerate(catalog.glossary):
        for link in walk(entry, ("root", index)):
            if isinstance(link, Citation):
                yield glossary_rel, ("root",), link.path, link


def unnamed_items(catalog: Catalog, base: Path) -> list[Problem]:
    """A located warning for every citation without `punkt` whose lines lie inside an item
    (`base` is the folder the data files' names are relative to)."""
    found: list[Problem] = []
    docs: dict[str, Any] = {}
    for rel, prefix, path, cite in _citations(catalog):
        reference = cite.reference
        message = unnamed_item(catalog.source_chain(reference.kilde), reference.linjer,
                               reference.punkt)
        if message is None:
            continue
        if rel not in docs:
            try:
                docs[rel] = read_yaml(base / rel, rel).positions
            except (OSError, YamlProblem):
                docs[rel] = {}
        line, col = locate(docs[rel], path[len(prefix):]) if docs[rel] else (1, 1)
        found.append(Problem(rel, line, col, field_path((*path, "punkt")), message))
    return found
