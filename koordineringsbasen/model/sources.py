"""Sources: the meetings and documents in the seed files that every fact cites."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, model_validator

from .common import EntityId, LineRange, PartialDate, Reference, Strict, Text, WebUrl, ref

# The name of a source text (koordineringsbasen/texts/seedname.py gives it): serial, content hash.
SEED_FILE = re.compile(r"^[0-9]{3}_[0-9a-f]{16}\.txt$")
SEED_FILE_EXAMPLE = "005_3f2a9c0d41b7e865.txt"
SHORT_NAME_LENGTH = 45  # a footnote names its source in a few words


def _seed_file(value: Any) -> Any:
    if isinstance(value, str) and SEED_FILE.match(value):
        return value
    raise ValueError(f"'{value}' er ikke et kildefilnavn; formatet er NNN_<16 hex>.txt: tre "
                     f"cifre (filens løbenummer), understregning, de første 16 tegn (0-9, a-f) "
                     f"af SHA-256 af teksten og .txt, fx {SEED_FILE_EXAMPLE}; 'importer' giver "
                     f"navnet")


SeedFile = Annotated[str, BeforeValidator(_seed_file),
                     Field(description="Kildefil i seeds/",
                           json_schema_extra={"pattern": SEED_FILE.pattern})]


class SourceType(str, Enum):
    referat = "referat"
    dagsorden = "dagsorden"
    rapport = "rapport"
    notat = "notat"
    skrivelse = "skrivelse"
    aftale = "aftale"
    praesentation = "praesentation"
    andet = "andet"


class CitedText(Strict):
    """A statement in our own Danish words, with the lines of the source that say it."""

    tekst: Text = Field(description="Sammenfatning med egne ord")
    kilde: Reference


class ResponsibleRole(str, Enum):
    """Who is to act, when the source names a role rather than an organisation (never a
    person: a follow-up names an organisation id or one of these roles)."""

    sekretariatet = "sekretariatet"
    formandskabet = "formandskabet"
    medlemmerne = "medlemmerne"
    driftsherren = "driftsherren"
    kommunerne = "kommunerne"
    arbejdsgruppen = "arbejdsgruppen"


class FollowUpStatus(str, Enum):
    aftalt = "aftalt"  # agreed at the meeting; no later status in the sources
    i_gang = "i-gang"
    udfoert = "udfoert"
    opgivet = "opgivet"


class FollowUp(Strict):
    """An action agreed under an agenda item: what, who (organisation or role), by when."""

    row_key = ("handling",)
    row_value = "frist"

    handling: Text = Field(description="Hvad der skal gøres, med egne ord")
    ansvarlig: EntityId | None = ref(
        "organisationer", "Organisation der skal handle (id); ellers 'rolle'", None)
    rolle: ResponsibleRole | None = Field(
        None, description="Rolle der skal handle, når kilden ikke nævner en organisation; "
                          "aldrig en persons navn")
    frist: PartialDate | None = Field(None, description="Hvornår handlingen skal være gjort")
    frist_tekst: Text | None = Field(None, description="Kildens egen ordlyd, fx 'inden sommer'")
    status: FollowUpStatus = Field(
        FollowUpStatus.aftalt,
        description="aftalt: besluttet på mødet; i-gang; udfoert; opgivet")
    kilde: Reference

    @model_validator(mode="after")
    def _someone_responsible(self) -> FollowUp:
        if (self.ansvarlig is None) == (self.rolle is None):
            raise ValueError("angiv enten 'ansvarlig' (en organisations id) eller 'rolle' "
                             "(fx sekretariatet), ikke begge og ikke ingen")
        return self


class AgendaItem(Strict):
    row_key = ("nr",)
    row_value = "titel"

    nr: Text = Field(description="Punktets nummer, fx '7' eller '9.3'")
    titel: Text
    linjer: LineRange
    resume: Text | None = None
    indstilling: CitedText | None = Field(
        None, description="Hvad mødet blev bedt om at beslutte (indstillingen), med kilde")
    beslutning: CitedText | None = Field(
        None, description="Hvad mødet besluttede under punktet, med kilde")
    opfoelgning: list[FollowUp] = Field(
        default_factory=list,
        description="Aftalte handlinger: hvad, hvem (organisation eller rolle), frist, status")

    def __hash__(self) -> int:
        # Items key cached layouts (render/textlayout.py); the follow-ups are a list, which
        # cannot be hashed, and number, title and lines already tell items apart.
        return hash((self.nr, self.titel, self.linjer))


class PublicDocument(Strict):
    """A document with a public address that the source refers to (a law, a regional report)."""

    titel: Text = Field(description="Dokumentets titel eller en kort dansk beskrivelse")
    adresse: WebUrl
    linjer: LineRange = Field(description="Linjen i kildefilen, hvor adressen står")


class Source(Strict):
    """A meeting or document in a seed file; facts cite it by id and line range."""

    kind: ClassVar[str] = "kilder"
    id: EntityId
    navn: Text
    kortnavn: Text | None = Field(
        None, max_length=SHORT_NAME_LENGTH,
        description="Kort navn med dato til fodnoter, fx 'NATKO-rådsmøde 11.3.2025'; den fulde "
                    "titel står på kildens side")
    aliaser: list[Text] = Field(default_factory=list)
    type: SourceType
    organ: EntityId | None = ref("organisationer", "Organisation der holdt mødet / udgav", None)
    dato: PartialDate
    tidspunkt: Text | None = None
    sted: Text | None = None
    sagsnr: Text | None = None
    fil: SeedFile
    linjer: LineRange = Field(description="Hvor i filen kilden står")
    indgaar_i: EntityId | None = ref("kilder", "Kilde (møde) som dokumentet er bilag til", None)
    # Named 'adresse', not 'url': the exported tables already have a 'url' column (the page).
    adresse: WebUrl | None = Field(None, description="Kildens egen offentlige adresse, hvis "
                                                       "kildeteksten oplyser den")
    resume: Text
    punkter: list[AgendaItem] = Field(default_factory=list)
    henvisninger: list[PublicDocument] = Field(
        default_factory=list,
        description="Offentlige dokumenter, som kilden henviser til med adresse",
    )


def source_chain(source: Source, find: Callable[[str], Source | None]) -> list[Source]:
    """The source, then the meeting it is an appendix of, and so on (`find` looks a source up
    by id; an unknown id ends the chain). A loop in the data ends at the first repeated
    source, so the loader can report it instead of hanging."""
    chain: list[Source] = []
    current: Source | None = source
    while current is not None and all(current.id != s.id for s in chain):
        chain.append(current)
        current = find(current.indgaar_i) if current.indgaar_i else None
    return chain
