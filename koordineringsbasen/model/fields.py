"""What each field of the model is: its type, whether it is required, and a Danish description.

One introspection of the pydantic models serves the CSV columns, the datapackage field types,
the field tables on the "Om data" page and the scaffold of new data files.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .common import Declared, Reference
from .kinds import KINDS

# Danish descriptions for fields whose model declares none. The model's own description wins;
# tests/test_exports.py checks that every field ends up with one.
FALLBACK: dict[str, str] = {
    "aar": "Årstal",
    "af": "Organisation bag status",
    "antal": "Tallet, eller nedre grænse for et interval",
    "aliaser": "Andre navne, stavemåder og forkortelser",
    "alder": "Aldersgrænser for målgruppen, med kilde",
    "art": "natko: national målgruppe; regional: regional målgruppe; ad-hoc: øvrig",
    "begrundelse": "Kildens begrundelse for vurderingen",
    "beliggenhed": "Hvor tilbuddet ligger",
    "beloeb": "Prisen",
    "beskrivelse": "Beskrivelse med egne ord",
    "beslutning": "Hvad der blev besluttet under punktet",
    "betegnelse": "Hvad tallet er, fx 'Budget 2024'",
    "cirka": "true når tallet er et skøn eller en afrunding",
    "datatilgaengelighed": "Hvor godt data dækker målgruppen (resonansundersøgelsens farve)",
    "dato": "Dato som ÅÅÅÅ-MM-DD; kendes kun måned eller år: ÅÅÅÅ-MM eller ÅÅÅÅ",
    "belaegning_procent": "Belægning i procent af pladserne",
    "finansiering": "Hvordan tilbuddet er finansieret",
    "forkortelse": "Organisationens forkortelse, fx 'KL'",
    "geografi": "Hvilket område tallet gælder, fx 'landsplan' eller 'Nordjylland'",
    "haendelser": "Daterede hændelser; type frist og fristforlaengelse er frister",
    "kapacitet": "Pladser, forbrug og belægning pr. år (og ydelse)",
    "kategori": "Hvilken slags tilbud det er",
    "kilde": "Kildehenvisning: kilde (id), linjer og evt. punkt",
    "lovgrundlag": "Lovhjemmel, fx 'SEL § 108'",
    "maalgrupper": "Målgrupper som enheden angår, hver med kildehenvisning",
    "naeste_skridt": "Næste skridt ifølge kilden",
    "navn": "Navnet som det står i kilderne",
    "niveau": "roed, gul eller groen",
    "noegletal": "Enkeltstående tal med art, periode, geografi og kilde",
    "note": "Kort bemærkning",
    "pladser": "Antal pladser",
    "priser": "Takster pr. år (og ydelse)",
    "punkter": "Dagsordenspunkter med linjer i kildefilen",
    "resultat": "Hvor udmeldingen står nu",
    "resume": "Kort sammenfatning med egne ord",
    "risiko": "Risikovurderinger pr. vurderingsrunde",
    "sagsnr": "Sagsnummer",
    "spoergsmaal": "Spørgsmål som udmeldingen stiller",
    "status": "Status med dato",
    "sted": "Hvor mødet blev holdt",
    "stoerrelse": "Målgruppens størrelse ifølge kilderne",
    "svar": "Svar på udmeldingen",
    "tekst": "Spørgsmålet med egne ord",
    "tidspunkt": "Klokkeslæt for mødet",
    "titel": "Punktets titel",
    "type": "Hvilken slags",
    "uenigheder": "Oplysninger som kilderne angiver forskelligt; alle værdier gemmes",
    "undersoegelse": "Hvilken undersøgelse farven kommer fra",
    "vaerdi": "Tallet",
    "vaerdier": "Værdierne, hver med sin kilde",
    "ydelse": "Paragraf eller ydelse, fx 'SEL § 108'",
}

TYPE_LABELS = {
    "tekst": "tekst", "heltal": "heltal", "tal": "tal", "sandhed": "true/false",
    "dato": "dato", "linjer": "linjer", "id": "id", "valg": "valg", "blok": "blok",
}


@dataclass(frozen=True)
class FieldSpec:
    """One field of a model, as far as exports and scaffolds need to know it."""

    name: str
    value_type: str  # tekst | heltal | tal | sandhed | dato | linjer | id | valg | blok
    required: bool
    many: bool  # a list of `value_type`
    min_items: int
    description: str
    choices: tuple[str, ...] = ()
    model: type[BaseModel] | None = None  # for value_type == "blok"
    ref: str | None = None  # the entity kind an id points at

    @property
    def is_reference(self) -> bool:
        return self.model is Reference

    def type_label(self) -> str:
        if self.is_reference:
            label = "kildehenvisning"
        elif self.value_type == "id" and self.ref:
            label = f"id i {KINDS[self.ref].plural_in_text}"
        else:
            label = TYPE_LABELS[self.value_type]
        return f"liste af {label}" if self.many else label


def _strip(annotation: Any) -> tuple[Any, bool, bool, list[Any]]:
    """(base type, optional, many, metadata) with Optional, list and Annotated removed."""
    optional = many = False
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation, metadata = args[0], [*metadata, *args[1:]]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not type(None)]
            optional, annotation = True, rest[0]
        elif origin is list:
            many, annotation = True, args[0]
        else:
            return annotation, optional, many, metadata


def _declared(metadata: list[Any]) -> str | None:
    """The value type a field's type declares (model.common.Declared), if any."""
    for item in metadata:
        if isinstance(item, Declared):
            return item.value_type
        if isinstance(item, FieldInfo) and (inner := _declared(list(item.metadata))):
            return inner
    return None


def _value_type(base: Any, declared: str | None) -> str:
    if isinstance(base, type) and issubclass(base, BaseModel):
        return "blok"
    if isinstance(base, type) and issubclass(base, Enum):
        return "valg"
    if declared:
        return declared
    return {bool: "sandhed", int: "heltal", float: "tal"}.get(base, "tekst")


@cache
def field_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """Every field of `model` in declaration order."""
    specs = []
    for name, info in model.model_fields.items():
        base, _, many, metadata = _strip(info.annotation)
        value_type = _value_type(base, _declared([*metadata, *info.metadata]))
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        ref = extra.get("x-ref")
        if ref and value_type == "tekst":
            value_type = "id"
        min_items = next((m.min_length for m in info.metadata if hasattr(m, "min_length")), 0)
        specs.append(FieldSpec(
            name=name,
            value_type=value_type,
            required=info.is_required(),
            many=many,
            min_items=min_items if many else 0,
            description=info.description or FALLBACK.get(name, ""),
            choices=tuple(e.value for e in base) if value_type == "valg" else (),
            model=base if value_type == "blok" else None,
            ref=str(ref) if ref else None,
        ))
    return tuple(specs)


def child_tables(model: type[BaseModel]) -> list[FieldSpec]:
    """Top-level list-of-block fields: each becomes a table of its own in the CSV export."""
    return [f for f in field_specs(model) if f.value_type == "blok" and f.many]
