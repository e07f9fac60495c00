"""The change history of the data as the pages and feeds show it: per commit, per data file,
what changed in plain Danish (site/history.py reads it from git; render/changes.py words it).

`History` is None in a build without the history (no git, a shallow clone, a tarball): the
pages then say so. An entity's history is its own data file's revisions and those of the
sources it cites, newest first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..catalog import Catalog, Key
from .changes import CORRECTED, NEW, Change
from .labels import date_da

NATURE = {NEW: "Ny oplysning", CORRECTED: "Rettelse"}


@dataclass(frozen=True)
class Revision:
    """What one commit changed in one data file (the file as it is named today)."""

    commit: str  # full hash
    date: str  # the commit date, ISO 8601 with time and offset
    path: str  # the data file, as named today ('data/tilbud/x.yml')
    changes: tuple[Change, ...]  # empty when the file was added
    added: bool = False  # the file came into the data with this commit
    renamed: bool = False  # the file got a new name (the entity a new address)
    reverted_to: str | None = None  # the date of the earlier version this one restores
    name: str = ""  # the entity's name in this version
    removed: bool = False  # the file left the data with this commit (global feed only)

    @property
    def day(self) -> str:
        return self.date[:10]

    @property
    def nature(self) -> str:
        """NEW when the revision only adds information, else CORRECTED."""
        if self.added or (self.changes and all(c.nature == NEW for c in self.changes)):
            return NEW
        return CORRECTED


@dataclass(frozen=True)
class Commit:
    """One commit that changed the data, with the revisions of every file it touched."""

    commit: str
    date: str
    revisions: tuple[Revision, ...]


@dataclass(frozen=True)
class History:
    commits: tuple[Commit, ...]  # newest first
    by_file: Mapping[str, tuple[Revision, ...]] = field(default_factory=dict)  # newest first

    def of_file(self, path: str | None) -> tuple[Revision, ...]:
        return self.by_file.get(path or "", ())

    def changed(self) -> dict[str, str]:
        """Data file -> the date (YYYY-MM-DD) of its newest revision."""
        return {path: revisions[0].day for path, revisions in self.by_file.items() if revisions}

    def corrected(self) -> dict[str, str]:
        """Data file -> the date of its newest revision that corrected a value."""
        found: dict[str, str] = {}
        for path, revisions in self.by_file.items():
            fix = next((r for r in revisions if r.nature == CORRECTED and not r.added), None)
            if fix is not None:
                found[path] = fix.day
        return found


def cited_sources(catalog: Catalog, key: Key) -> list[str]:
    """The ids of the sources the entity `key` cites (its own file excluded)."""
    by_entity = catalog.derived.get("history:cited_sources")
    if by_entity is None:  # worked out once per catalog, for every entity
        found: dict[Key, set[str]] = {}
        for source_id, facts in catalog.citations.items():
            for fact in facts:
                found.setdefault(fact.entity, set()).add(source_id)
        by_entity = catalog.derived["history:cited_sources"] = {
            entity: sorted(ids - {entity[1]} if entity[0] == "kilder" else ids)
            for entity, ids in found.items()}
    return list(by_entity.get(key, ()))


def entity_revisions(history: History, catalog: Catalog, kind: str,
                     entity_id: str) -> list[tuple[Revision, str | None]]:
    """(revision, cited source id or None for the entity's own file), newest first: the
    entity's own revisions and the content changes of the sources it cites."""
    own: list[tuple[Revision, str | None]] = [(r, None) for r in history.of_file(catalog.files.get((kind, entity_id)))]
    sources: list[tuple[Revision, str | None]] = [(r, source_id) for source_id in cited_sources(catalog, (kind, entity_id))
               for r in history.of_file(catalog.files.get(("kilder", source_id)))
               if r.changes and not r.added]
    return sorted(own + sources, key=lambda item: (item[0].date, item[1] or ""), reverse=True)


def change_lines(revision: Revision, where: str = "") -> list[str]:
    """The revision's changes as sentences (without citations) for a page or feed; `where`
    says what they are about when the context does not (" i kilden «…»", " om tilbud …")."""
    if revision.added:
        return [f"Oplysningerne{where} blev lagt i basen."]
    lines = []
    if revision.renamed:
        lines.append(f"Siden{where} fik en ny adresse.")
    if revision.reverted_to:
        lines.append(f"Oplysningerne{where} er igen som {date_of(revision.reverted_to)}.")
    lines.extend(f"{NATURE[c.nature]}{where}: {c.text}" for c in revision.changes)
    return lines


def date_of(iso: str) -> str:
    """A commit date in words: "1. december 2026"."""
    return date_da(iso[:10])
