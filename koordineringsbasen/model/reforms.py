"""National reforms and programmes (the sixth kind, `reformer`): what they change, their
timeline of dated milestones, and the target groups, offers, organisations and central
notifications they concern, each link with its source (the pages link both ways)."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from pydantic import Field

from .common import EntityId, Flag, PartialDate, Reference, Strict, Text, ref
from .entities import Entity


class ReformType(str, Enum):
    reform = "reform"
    planlaegning = "planlaegning"
    aftale = "aftale"
    plan = "plan"


class Milestone(Strict):
    """A dated step on a reform's timeline: agreed, enacted, in force, money set aside, a
    target date. `planlagt` when the source speaks of it as expected or planned."""

    row_key = ("dato", "beskrivelse")
    row_value = "beskrivelse"

    dato: PartialDate
    dato_tekst: Text | None = Field(None, description="Kildens egen ordlyd, fx 'frem imod 2031'")
    planlagt: Flag = Field(False, description="true når kilden omtaler milepælen som planlagt "
                                              "eller forventet, ikke som sket")
    beskrivelse: Text
    kilde: Reference


class ConcernsGroup(Strict):
    row_key = ("id",)
    unique_rows = True

    id: EntityId = ref("maalgrupper", "Id på målgruppen, reformen angår")
    note: Text | None = None
    kilde: Reference


class ConcernsOffer(Strict):
    row_key = ("id",)
    unique_rows = True

    id: EntityId = ref("tilbud", "Id på tilbuddet, reformen angår")
    note: Text | None = None
    kilde: Reference


class ConcernsOrganisation(Strict):
    row_key = ("id",)
    unique_rows = True

    id: EntityId = ref("organisationer", "Id på organisationen, reformen angår")
    rolle: Text | None = Field(None, description="Organisationens rolle, fx 'aftalepart'")
    kilde: Reference


class ConcernsNotification(Strict):
    row_key = ("id",)
    unique_rows = True

    id: EntityId = ref("udmeldinger", "Id på den centrale udmelding, reformen angår")
    note: Text | None = None
    kilde: Reference


class Reform(Entity):
    kind: ClassVar[str] = "reformer"
    type: ReformType = Field(description="reform, planlaegning, aftale (fx en økonomiaftale) "
                                         "eller plan (fx en 10-årsplan)")
    milepaele: list[Milestone] = Field(default_factory=list,
                                       description="Tidslinjen: daterede milepæle med kilde")
    maalgrupper: list[ConcernsGroup] = Field(default_factory=list,
                                             description="Målgrupper, reformen angår, med kilde")
    tilbud: list[ConcernsOffer] = Field(default_factory=list,
                                        description="Tilbud, reformen angår, med kilde")
    organisationer: list[ConcernsOrganisation] = Field(
        default_factory=list, description="Organisationer med en rolle i reformen, med kilde")
    udmeldinger: list[ConcernsNotification] = Field(
        default_factory=list, description="Centrale udmeldinger, reformen angår, med kilde")
