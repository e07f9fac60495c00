"""The immutable catalog: every entity by kind and id, with reverse links, built once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, cast, overload

from pydantic import BaseModel

from .model import (
    KINDS,
    GlossaryEntry,
    Notification,
    Offer,
    Organisation,
    Region,
    Source,
    TargetGroup,
)
from .model.common import PathKey
from .model.dates import date_order
from .model.references import Citation, IdRef, walk
from .model.sources import source_chain

Key = tuple[str, str]  # (kind, id)


@dataclass(frozen=True)
class Deadline:
    """A deadline of an entity: an event of type frist or fristforlaengelse (a notification,
    target group, offer or organisation), or a follow-up action with a deadline agreed under
    an agenda item of a source (`item` is then that item)."""

    kind: str
    entity: Any
    event: Any  # model.Event, or model.FollowUp when `item` is set
    item: Any = None  # model.AgendaItem

    @property
    def dato(self) -> str:
        return str(self.event.frist if self.item is not None else self.event.dato)

    @property
    def dato_tekst(self) -> str | None:
        return self.event.frist_tekst if self.item is not None else self.event.dato_tekst

    @property
    def type(self) -> str:
        """The event type's value, or 'opfoelgning' for a follow-up action."""
        return FOLLOW_UP if self.item is not None else str(self.event.type.value)

    @property
    def beskrivelse(self) -> str:
        return str(self.event.handling if self.item is not None else self.event.beskrivelse)

    @property
    def kilde(self) -> Any:
        return self.event.kilde


FOLLOW_UP = "opfoelgning"  # Deadline.type of an agenda item's follow-up action


class Backlink(NamedTuple):  # a tuple: tens of thousands are made per load
    """`source` points at the entity through `path` (e.g. ('maalgrupper', 0, 'id'))."""

    source: Key
    path: PathKey


class CitingFact(NamedTuple):
    """A fact of entity `entity` at `path` that cites a source at `lines`."""

    entity: Key
    path: PathKey
    lines: str
    punkt: str | None


@dataclass(frozen=True)
class Catalog:
    entities: Mapping[str, Mapping[str, Any]]
    files: Mapping[Key, str]
    glossary: tuple[GlossaryEntry, ...] = ()
    backlinks: Mapping[Key, tuple[Backlink, ...]] = field(default_factory=dict)
    citations: Mapping[str, tuple[CitingFact, ...]] = field(default_factory=dict)
    # Values worked out from this catalog by the renderers (it never changes once built). Not
    # copied by dataclasses.replace: a tracked view (tracking.py) starts empty, so what a page
    # reads is still recorded.
    derived: dict[Any, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    # Lookups by a literal kind are typed by it; a kind held in a variable gives Any.
    @overload
    def get(self, kind: Literal["maalgrupper"], entity_id: str) -> TargetGroup: ...
    @overload
    def get(self, kind: Literal["tilbud"], entity_id: str) -> Offer: ...
    @overload
    def get(self, kind: Literal["udmeldinger"], entity_id: str) -> Notification: ...
    @overload
    def get(self, kind: Literal["kilder"], entity_id: str) -> Source: ...
    @overload
    def get(self, kind: Literal["organisationer"], entity_id: str) -> Organisation: ...
    @overload
    def get(self, kind: str, entity_id: str) -> Any: ...

    def get(self, kind: str, entity_id: str) -> Any:
        return self.entities[kind][entity_id]

    @overload
    def all(self, kind: Literal["maalgrupper"]) -> list[TargetGroup]: ...
    @overload
    def all(self, kind: Literal["tilbud"]) -> list[Offer]: ...
    @overload
    def all(self, kind: Literal["udmeldinger"]) -> list[Notification]: ...
    @overload
    def all(self, kind: Literal["kilder"]) -> list[Source]: ...
    @overload
    def all(self, kind: Literal["organisationer"]) -> list[Organisation]: ...
    @overload
    def all(self, kind: str) -> list[Any]: ...

    def all(self, kind: str) -> list[Any]:
        return list(self.entities.get(kind, {}).values())

    def deadlines(self, kinds: Iterable[str] | None = None) -> list[Deadline]:
        """Every deadline of every entity (of `kinds`, when given): the events that are
        deadlines (Event.is_deadline) and the sources' follow-up actions that have one; by
        date, then kind and id. The one list behind Frister, frister.ics and each entity's
        calendar."""
        wanted = set(KINDS if kinds is None else kinds)
        found = [Deadline(kind, e, h) for kind in KINDS if kind in wanted
                 for e in self.all(kind) for h in getattr(e, "haendelser", ()) if h.is_deadline]
        if "kilder" in wanted:
            found += [Deadline("kilder", s, a, item) for s in self.all("kilder")
                      for item in s.punkter for a in item.opfoelgning if a.frist]
        return sorted(found, key=lambda d: (date_order(d.dato), d.kind, d.entity.id))

    def deadline_keys(self) -> frozenset[Key]:
        """The (kind, id) of every entity that has a deadline (worked out once)."""
        if "deadline_keys" not in self.derived:
            self.derived["deadline_keys"] = frozenset((d.kind, d.entity.id)
                                                      for d in self.deadlines())
        return cast(frozenset[Key], self.derived["deadline_keys"])

    def count(self) -> int:
        return sum(len(v) for v in self.entities.values())

    def linking(self, kind: str, entity_id: str, from_kind: str) -> list[tuple[Any, PathKey]]:
        """Entities of `from_kind` that point at (kind, id), each with the linking path."""
        result = []
        for link in self.backlinks.get((kind, entity_id), ()):
            if link.source[0] == from_kind:
                result.append((self.get(*link.source), link.path))
        return result

    def linking_entities(self, kind: str, entity_id: str, from_kind: str) -> list[Any]:
        """Like `linking`, one entry per linking entity, in id order."""
        seen: dict[str, Any] = {}
        for entity, _ in self.linking(kind, entity_id, from_kind):
            seen.setdefault(entity.id, entity)
        return [seen[k] for k in sorted(seen)]

    def region_of(self, kind: str, entity_id: str) -> Region | None:
        """The region of an offer or organisation: stated in its own data, else its operator's.

        An offer without a stated region takes its operator's (`driftsherre`); an organisation
        without one takes its parent's (`overordnet`). The one rule for regions on the site.
        """
        seen: set[tuple[str, str]] = set()
        current: tuple[str, str] | None = (kind, entity_id)
        while current and current not in seen and current[1] in self.entities.get(current[0], {}):
            seen.add(current)
            entity = self.get(*current)
            claim = getattr(entity, "region", None)
            if claim is not None:
                return claim.region
            if current[0] == "tilbud":
                parent = entity.driftsherre
                current = ("organisationer", parent) if parent else None
            else:
                parent = getattr(entity, "overordnet", None)
                current = ("organisationer", parent) if parent else None
        return None

    def covers(self, offer: Offer, municipality_id: str) -> bool:
        """Whether `offer` serves the municipality (model.entities.Coverage is the rule): a
        row names it, or names the region it lies in without excepting it."""
        region = self.region_of("organisationer", municipality_id)
        for row in offer.kommuner:
            if row.id == municipality_id:
                return True
            named = self.entities["organisationer"].get(row.id)
            if (named is not None and named.type.value == "region" and region is not None
                    and self.region_of("organisationer", row.id) == region
                    and municipality_id not in row.undtagen):
                return True
        return False

    def municipalities(self) -> list[Organisation]:
        """Every municipality in the data, by name."""
        return sorted((o for o in self.all("organisationer") if o.type.value == "kommune"),
                      key=lambda o: o.navn)

    def offers_serving(self, municipality_id: str) -> list[Offer]:
        """The offers whose coverage includes the municipality, by name."""
        return sorted((o for o in self.all("tilbud") if self.covers(o, municipality_id)),
                      key=lambda o: o.navn)

    def source_chain(self, source_id: str) -> list[Source]:
        """The source followed by the documents/meetings it is embedded in."""
        sources = self.entities["kilder"]
        return source_chain(sources[source_id], sources.get) if source_id in sources else []


def build_catalog(
    entities: Mapping[str, Mapping[str, BaseModel]],
    files: Mapping[Key, str],
    glossary: Iterable[GlossaryEntry] = (),
    links: Mapping[Key, Sequence[IdRef | Citation]] | None = None,
) -> Catalog:
    """Index `entities` (already validated and resolved) and compute reverse links.

    `links` holds each entity's walked references when the caller already has them.
    """
    backlinks: dict[Key, list[Backlink]] = defaultdict(list)
    citations: dict[str, list[CitingFact]] = defaultdict(list)
    for kind in KINDS:
        for entity_id, entity in sorted(entities.get(kind, {}).items()):
            found = links[(kind, entity_id)] if links is not None else walk(entity)
            for item in found:
                link = type(item)  # exactly: a CitedSource (an IdRef too) is no backlink
                if link is Citation:
                    ref = cast(Citation, item).reference
                    citations[ref.kilde].append(
                        CitingFact((kind, entity_id), item.path, ref.linjer, ref.punkt)
                    )
                elif link is IdRef:
                    # every other reference, e.g. indgaar_i: a document embedded in a meeting
                    ref_id = cast(IdRef, item)
                    backlinks[(ref_id.kind, ref_id.target)].append(
                        Backlink((kind, entity_id), item.path))
    frozen_entities = MappingProxyType(
        {kind: MappingProxyType(dict(sorted(entities.get(kind, {}).items()))) for kind in KINDS}
    )
    return Catalog(
        entities=frozen_entities,
        files=MappingProxyType(dict(files)),
        glossary=tuple(glossary),
        backlinks=MappingProxyType({k: tuple(v) for k, v in backlinks.items()}),
        citations=MappingProxyType({k: tuple(v) for k, v in citations.items()}),
    )
