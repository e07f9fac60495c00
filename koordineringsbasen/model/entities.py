"""Four of the entity kinds (målgrupper, tilbud, udmeldinger, organisationer) and their time
series; the fifth, the sources they cite, is in sources.py."""

from __future__ import annotations

import difflib
import re
from enum import Enum
from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, model_validator

from .common import (
    Disagreement,
    EntityId,
    Event,
    FigureKind,
    Flag,
    KeyFigure,
    Number,
    PartialDate,
    Reference,
    RegionClaim,
    Strict,
    TargetGroupLink,
    Text,
    WholeNumber,
    field_path,
    ref,
)
from .contact import ContactPoint
from .dates import newest
from .references import Citation, walk
from .sentences import MAX_PASSAGES_PER_CLAIM, find_sentence

CONTACT_DESCRIPTION = ("Hvordan man når enheden: hjemmeside, fælles postkasse og postadresse, hver "
                       "med kilde; aldrig en persons kontaktoplysninger")

MAX_PERCENT = 300


class Entity(Strict):
    """Fields every entity has. `kilder` backs the summary and description."""

    kind: ClassVar[str]
    id: EntityId
    navn: Text = Field(description="Navnet som det står i kilderne")
    aliaser: list[Text] = Field(
        default_factory=list,
        description="Andre navne, stavemåder og forkortelser; bruges af søgningen",
    )
    resume: Text = Field(description="Kort dansk sammenfatning med egne ord (1-3 sætninger)")
    beskrivelse: Text | None = Field(
        None, description="Længere dansk tekst med egne ord; en tom linje starter et nyt afsnit"
    )
    kilder: list[Reference] = Field(min_length=1, description="Kilder til resumé og beskrivelse")
    noegletal: list[KeyFigure] = Field(default_factory=list)
    haendelser: list[Event] = Field(default_factory=list)
    uenigheder: list[Disagreement] = Field(default_factory=list)

    @model_validator(mode="after")
    def _claims(self) -> Entity:
        """Each `saetning` names one sentence of resume/beskrivelse; no claim has more than
        MAX_PASSAGES_PER_CLAIM passages (sentences.py)."""
        texts = (self.resume, self.beskrivelse)
        claims: dict[tuple[int, int] | None, set[tuple[str, str, str | None]]] = {}
        for index, ref_ in enumerate(self.kilder):
            claim = None
            if ref_.saetning is not None:
                claim = find_sentence(texts, ref_.saetning)
                if claim is None:
                    raise ValueError(f"kilder[{index}].saetning: '{ref_.saetning}' står ikke i "
                                     "netop én sætning af resume eller beskrivelse")
            claims.setdefault(claim, set()).add((ref_.kilde, ref_.linjer, ref_.punkt))
        crowded = max((len(v) for v in claims.values()), default=0)
        if crowded > MAX_PASSAGES_PER_CLAIM:
            raise ValueError(f"kilder: {crowded} henvisninger støtter samme sætning eller resumeet "
                             f"som helhed (højst {MAX_PASSAGES_PER_CLAIM}); angiv med 'saetning', "
                             "hvilken sætning hver henvisning støtter")
        stray = [c.path for c in walk(self) if isinstance(c, Citation)
                 and c.path[0] != "kilder" and c.reference.saetning is not None]
        if stray:
            raise ValueError(f"{field_path(stray[0])}.saetning: kun henvisninger under 'kilder' "
                             "kan angive en sætning")
        return self


# --- Organisations -------------------------------------------------------------------


class OrganisationType(str, Enum):
    ministerium = "ministerium"
    styrelse = "styrelse"
    region = "region"
    kommune = "kommune"
    kommunalt_samarbejde = "kommunalt-samarbejde"
    raad = "raad"
    forum = "forum"
    sekretariat = "sekretariat"
    interesseorganisation = "interesseorganisation"
    uddannelsesinstitution = "uddannelsesinstitution"
    forskning = "forskning"
    sundhedsvaesen = "sundhedsvaesen"
    fond = "fond"
    virksomhed = "virksomhed"
    andet = "andet"


class Organisation(Entity):
    kind: ClassVar[str] = "organisationer"
    type: OrganisationType
    forkortelse: Text | None = None
    overordnet: EntityId | None = ref("organisationer", "Id på en overordnet organisation", None)
    region: RegionClaim | None = Field(
        None, description="Regionen organisationen hører til, med kilde (udelades for landsdækkende)"
    )
    kontakt: list[ContactPoint] = Field(default_factory=list, description=CONTACT_DESCRIPTION)


# --- Target groups ---------------------------------------------------------------------


class TargetGroupScope(str, Enum):
    natko = "natko"
    regional = "regional"
    ad_hoc = "ad-hoc"


class RiskLevel(str, Enum):
    roed = "roed"
    gul = "gul"
    groen = "groen"


# The risk-assessment rounds a rating can belong to (NATKO assesses by season: "Forår 2025",
# "Efterår 2025"). The one list: the model checks every rating against it and `risikorunde`
# writes only these, so a misspelt round is an error, never a new column on the risk matrix.
RISK_ROUNDS: tuple[str, ...] = tuple(f"{season} {year}" for year in range(2020, 2036)
                                     for season in ("Forår", "Efterår"))


def known_round(value: str) -> str:
    """`value` when it is a known round; else a Danish error with the closest known round."""
    if value in RISK_ROUNDS:
        return value
    close = difflib.get_close_matches(value, RISK_ROUNDS, n=1, cutoff=0.6)
    hint = f"; mente du '{close[0]}'?" if close else ""
    raise ValueError(f"'{value}' er ikke en kendt vurderingsrunde (årstid og år: "
                     f"'{RISK_ROUNDS[0]}' … '{RISK_ROUNDS[-1]}'){hint}")


RoundName = Annotated[str, AfterValidator(known_round)]  # a name from the list, not free text


class RiskRating(Strict):
    row_key = ("runde",)
    row_value = "niveau"
    unique_rows = True

    runde: RoundName = Field(description="Vurderingsrunde, fx 'Efterår 2024'")
    dato: PartialDate
    niveau: RiskLevel
    begrundelse: Text
    naeste_skridt: Text | None = None
    kilde: Reference


class DataRating(Strict):
    """The resonance survey's colour for how well data cover a group (not a risk rating)."""

    row_key = ("undersoegelse",)
    row_value = "niveau"


    undersoegelse: Text
    dato: PartialDate
    niveau: RiskLevel
    begrundelse: Text
    kilde: Reference


class SizeFigure(Strict):
    row_key = ("betydning", "periode", "geografi")
    row_value = "antal"

    antal: Number = Field(ge=0, description="Tallet, eller nedre grænse for et interval")
    antal_til: Number | None = Field(None, ge=0, description="Øvre grænse for et interval")
    cirka: Flag = False
    enhed: Text = Field(description="fx 'kvinder pr. år'")
    betydning: Text = Field(description="Hvad tallet måler")
    geografi: Text | None = None
    periode: Text | None = Field(None, description="fx '2020' eller '2017-2019'")
    kilde: Reference

    @model_validator(mode="after")
    def _ordered(self) -> SizeFigure:
        if self.antal_til is not None and self.antal_til < self.antal:
            raise ValueError("antal_til er mindre end antal")
        return self


MAX_AGE = 120


class AgeRange(Strict):
    """The ages a target group covers, as a source states them."""

    fra: WholeNumber | None = Field(None, ge=0, le=MAX_AGE, description="Laveste alder i år")
    til: WholeNumber | None = Field(None, ge=0, le=MAX_AGE, description="Højeste alder i år")
    note: Text | None = Field(None, description="Kort bemærkning, fx 'og derover'")
    kilde: Reference

    @model_validator(mode="after")
    def _range(self) -> AgeRange:
        if self.fra is None and self.til is None:
            raise ValueError("alder skal have fra, til eller begge")
        if self.fra is not None and self.til is not None and self.til < self.fra:
            raise ValueError(f"alder: til ({self.til}) er mindre end fra ({self.fra})")
        return self


class CriterionKind(str, Enum):
    inklusion = "inklusion"
    eksklusion = "eksklusion"


class Criterion(Strict):
    """Who belongs to a target group (inklusion) or does not (eksklusion), in our own words."""

    row_key = ("type", "tekst")

    type: CriterionKind = Field(description="inklusion: hører til målgruppen; eksklusion: "
                                            "hører ikke til")
    tekst: Text = Field(description="Kriteriet med egne ord")
    kilde: Reference


class LegalBasis(Strict):
    """A law a target group is defined by or served under, with its source."""

    row_key = ("tekst",)

    tekst: Text = Field(description="Lovhjemmel, fx 'SEL § 108'")
    note: Text | None = None
    kilde: Reference


class TargetGroup(Entity):
    kind: ClassVar[str] = "maalgrupper"
    natko_nr: WholeNumber | None = Field(None, ge=1, le=99, description="Nummer i NATKOs liste")
    art: TargetGroupScope
    overordnet: EntityId | None = ref("maalgrupper", "Id på en bredere målgruppe", None)
    alder: AgeRange | None = Field(None, description="Aldersgrænser for målgruppen, med kilde")
    kriterier: list[Criterion] = Field(
        default_factory=list, description="Hvem der hører til målgruppen, og hvem der ikke gør")
    hjemmel: list[LegalBasis] = Field(
        default_factory=list, description="Lovgrundlag for målgruppen, hvert med kilde")
    risiko: list[RiskRating] = Field(default_factory=list)
    datatilgaengelighed: list[DataRating] = Field(default_factory=list)
    stoerrelse: list[SizeFigure] = Field(default_factory=list)

    @model_validator(mode="after")
    def _natko_has_number(self) -> TargetGroup:
        if (self.art == TargetGroupScope.natko) != (self.natko_nr is not None):
            raise ValueError("natko_nr skal angives for NATKO-målgrupper og kun for dem")
        return self

    @property
    def latest_risk(self) -> RiskRating | None:
        """The newest risk rating (dates.newest), or None when the group was never rated."""
        return newest(self.risiko)


# --- Offers ----------------------------------------------------------------------------


class OfferCategory(str, Enum):
    landsdaekkende_undervisning = "landsdaekkende-undervisning"
    landsdelsdaekkende_undervisning = "landsdelsdaekkende-undervisning"
    landsdaekkende_socialt = "landsdaekkende-socialt"
    oevrigt_landsdaekkende = "oevrigt-landsdaekkende"
    sikret_afdeling = "sikret-afdeling"
    saerlige_pladser = "saerlige-pladser"
    specialiseret_regionalt = "specialiseret-regionalt"
    kommunalt = "kommunalt"
    sundhedsvaesen = "sundhedsvaesen"
    projekt = "projekt"


class OfferStatus(str, Enum):
    foelges_skaerpet = "foelges-skaerpet"
    foelges_lokalt = "foelges-lokalt"
    ikke_laengere_skaerpet = "ikke-laengere-skaerpet"
    planlagt = "planlagt"
    under_etablering = "under-etablering"
    i_drift = "i-drift"
    noedspor = "noedspor"
    lukket = "lukket"


class CapacityYear(Strict):
    row_key = ("aar", "ydelse")
    unique_rows = True

    aar: WholeNumber = Field(ge=1990, le=2100)
    ydelse: Text | None = Field(None, description="Paragraf eller ydelse, fx 'SEL § 108'")
    pladser: Number | None = Field(None, ge=0)
    forbrug: Number | None = Field(None, ge=0, description="Pladsforbrug (årspladser)")
    belaegning_procent: Number | None = Field(None, ge=0, le=MAX_PERCENT)
    over_kapacitet: Flag = Field(
        False, description="Sæt til true når kilden viser belægning over 100 %"
    )
    art: FigureKind | None = Field(
        None, description="faktisk, budget, prognose eller maal (mål) for rækkens tal; udelades "
                          "kun når kilden ikke siger det")
    note: Text | None = None
    kilde: Reference

    @model_validator(mode="after")
    def _capacity(self) -> CapacityYear:
        over = (self.belaegning_procent or 0) > 100 or (
            self.forbrug is not None and self.pladser is not None and self.forbrug > self.pladser
        )
        if over and not self.over_kapacitet:
            raise ValueError(
                "belægning over kapacitet; bekræft med 'over_kapacitet: true' hvis kilden siger det"
            )
        return self


class PriceChange(str, Enum):
    stigning = "stigning"
    fald = "fald"


# A unit that says the amount is a change of the tariff, not the tariff: use `aendring`.
CHANGE_WORDS = re.compile(r"\b(stigning|fald|forhøjelse|nedsættelse|mere|mindre|ændring)\b", re.I)


class Price(Strict):
    row_key = ("aar", "ydelse")
    row_value = "beloeb"
    unique_rows = True

    aar: WholeNumber = Field(ge=1990, le=2100)
    ydelse: Text | None = None
    beloeb: Number = Field(ge=0)
    enhed: Text = Field(description="fx 'kr. pr. døgn'")
    aendring: PriceChange | None = Field(
        None, description="Kun når kilden oplyser en ændring af taksten (stigning eller fald) "
                          "og ikke selve taksten; beløbet er da ændringens størrelse")
    note: Text | None = None
    kilde: Reference

    @model_validator(mode="after")
    def _unit_is_a_unit(self) -> Price:
        if CHANGE_WORDS.search(self.enhed):
            raise ValueError(f"enhed: '{self.enhed}' beskriver en ændring; skriv kun enheden "
                             "(fx 'kr. pr. døgn') og angiv 'aendring: stigning' eller 'fald'")
        return self


class StatusEntry(Strict):
    row_key = ("dato", "status")
    row_value = "beskrivelse"

    dato: PartialDate
    status: OfferStatus
    af: EntityId | None = ref("organisationer", "Organisation bag status", None)
    beskrivelse: Text
    kilde: Reference


class OfferField(str, Enum):
    """The descriptive fields of an offer that carry citations of their own (kilder_felter)."""

    kategori = "kategori"
    lovgrundlag = "lovgrundlag"
    finansiering = "finansiering"
    beliggenhed = "beliggenhed"
    driftsherre = "driftsherre"


class FieldCitation(Strict):
    """The source of one descriptive field of an offer."""

    row_key = ("felt",)

    felt: OfferField = Field(description="Feltet kilden belægger: kategori, lovgrundlag, "
                                         "finansiering, beliggenhed eller driftsherre")
    kilde: Reference


class Coverage(Strict):
    """Municipalities an offer's agreement covers, as a source states it. The one rule
    (Catalog.covers): a municipality's id means that municipality; a region's id means every
    municipality in that region (by the municipalities' own regions in the data) except those
    listed under `undtagen`."""

    row_key = ("id",)
    unique_rows = True

    id: EntityId = ref("organisationer", "Id på en kommune, eller på en region: så gælder det "
                                         "alle regionens kommuner")
    undtagen: list[EntityId] = ref(
        "organisationer", "Kun ved en region: kommuner i regionen, som aftalen ikke dækker",
        default_factory=list)
    kilde: Reference


class Offer(Entity):
    kind: ClassVar[str] = "tilbud"
    kategori: OfferCategory
    driftsherre: EntityId | None = ref("organisationer", "Organisation der driver tilbuddet", None)
    paa_vegne_af: EntityId | None = ref("organisationer", "Driver tilbuddet på vegne af", None)
    overordnet: EntityId | None = ref("tilbud", "Tilbud som dette er en del af", None)
    beliggenhed: Text | None = None
    region: RegionClaim | None = Field(
        None,
        description="Region når kilden siger det direkte; ellers udledes den af driftsherren",
    )
    kontakt: list[ContactPoint] = Field(default_factory=list, description=CONTACT_DESCRIPTION)
    lovgrundlag: list[Text] = Field(default_factory=list)
    finansiering: Text | None = None
    maalgrupper: list[TargetGroupLink] = Field(default_factory=list)
    kapacitet: list[CapacityYear] = Field(default_factory=list)
    priser: list[Price] = Field(default_factory=list)
    status: list[StatusEntry] = Field(default_factory=list)
    kilder_felter: list[FieldCitation] = Field(
        default_factory=list,
        description="Kilder til kategori, lovgrundlag, finansiering, beliggenhed og driftsherre; "
                    "én række pr. felt og kilde")

    def field_citations(self, name: str) -> list[Reference]:
        """The citations of descriptive field `name` (an OfferField value)."""
        return [c.kilde for c in self.kilder_felter if c.felt.value == name]

    kommuner: list[Coverage] = Field(
        default_factory=list,
        description="Kommuner tilbuddet dækker (fx efter aftalen i rapportens bilag): kommuner "
                    "eller regioner (= alle regionens kommuner, evt. undtagen nogle)")

    @property
    def current_status(self) -> StatusEntry | None:
        """The newest follow-up status (dates.newest), or None without follow-up in the data."""
        return newest(self.status)


# --- Central notifications -------------------------------------------------------------


class NotificationState(str, Enum):
    aaben = "aaben"
    afventer_afgoerelse = "afventer-afgoerelse"
    # The board has assessed the reports as sufficient, but no closure is recorded.
    vurderet = "vurderet"
    afsluttet = "afsluttet"


class Question(Strict):
    tekst: Text
    kilde: Reference


class Answer(Strict):
    row_key = ("fra", "dato")
    row_value = "resume"

    fra: EntityId | None = ref("organisationer", "Organisation der svarede", None)
    dato: PartialDate
    resume: Text
    kilde: Reference


class Outcome(Strict):
    status: NotificationState
    dato: PartialDate | None = Field(None, description="Hvornår status gælder fra")
    beskrivelse: Text
    kilde: Reference


class Notification(Entity):
    kind: ClassVar[str] = "udmeldinger"
    udsteder: EntityId = ref("organisationer", "Organisation der udsendte udmeldingen")
    lovgrundlag: list[Text] = Field(default_factory=list)
    maalgrupper: list[TargetGroupLink] = Field(min_length=1)
    tilbud: list[EntityId] = ref(
        "tilbud", "Tilbud som udmeldingen angår", default_factory=list
    )
    spoergsmaal: list[Question] = Field(default_factory=list)
    svar: list[Answer] = Field(default_factory=list)
    resultat: Outcome | None = None


