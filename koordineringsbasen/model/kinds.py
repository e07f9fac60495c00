"""The six kinds of entity: the one table of their models, folders and Danish names.

The key is the kind's data folder, URL section and id prefix everywhere (`maalgrupper`,
`/tilbud/egely/`); every other table of kinds in the code is derived from this one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .entities import Entity, Notification, Offer, Organisation, TargetGroup
from .reforms import Reform
from .sources import Source


@dataclass(frozen=True)
class Kind:
    folder: str  # data/<folder>/, the URL section and the key of every table below
    model: type[Entity] | type[Source]
    singular: str  # "central udmelding": in running text
    plural: str  # "Centrale udmeldinger": headings, navigation, export titles
    ascii_singular: str  # "udmelding": CSV column names (udmelding_id)
    names: tuple[str, ...]  # what `make ny TYPE=...` accepts besides the folder name
    new: str  # "Ny målgruppe", "Nyt tilbud": the change summary's line for an added entity

    @property
    def plural_in_text(self) -> str:
        """"centrale udmeldinger": the plural inside a sentence."""
        return self.plural.lower()


KINDS: Mapping[str, Kind] = MappingProxyType({kind.folder: kind for kind in (
    Kind("maalgrupper", TargetGroup, "målgruppe", "Målgrupper", "maalgruppe",
         ("maalgruppe", "målgruppe", "målgrupper"), "Ny målgruppe"),
    Kind("tilbud", Offer, "tilbud", "Tilbud", "tilbud", (), "Nyt tilbud"),
    Kind("udmeldinger", Notification, "central udmelding", "Centrale udmeldinger", "udmelding",
         ("udmelding", "central-udmelding"), "Ny central udmelding"),
    Kind("kilder", Source, "kilde", "Kilder", "kilde", ("kilde",), "Ny kilde"),
    Kind("organisationer", Organisation, "organisation", "Organisationer", "organisation",
         ("organisation",), "Ny organisation"),
    Kind("reformer", Reform, "reform eller program", "Reformer og programmer", "reform",
         ("reform", "program"), "Ny reform eller nyt program"),
)})
assert all(kind.model.kind == folder for folder, kind in KINDS.items())

ENTITY_MODELS: Mapping[str, type[Entity] | type[Source]] = MappingProxyType(
    {folder: kind.model for folder, kind in KINDS.items()})
