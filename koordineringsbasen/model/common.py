"""Building blocks shared by every entity model: ids, dates, source references, links."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from .dates import YEARS, period, when

# A value's place in a document: mapping keys and list indexes from the root.
PathKey = tuple[str | int, ...]


def field_path(loc: PathKey | tuple[Any, ...]) -> str:
    """Render a pydantic location as `belaegning[1].procent`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LINE_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DANISH_DATE = re.compile(r"^\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}$")
# The years a date may fall in: the data's history starts well after 1900, and a year like
# 9999 is a "no deadline" placeholder, not a date (the build's date arithmetic stops at 9999).
FIRST_YEAR, LAST_YEAR = 1900, 2100


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    # A row of a list (a time series, a history): the fields that identify it, so two versions
    # of a file are compared row by row ("pladser 2025 81 → 84", not "kapacitet[2]"); its main
    # value, if it has one; and whether two rows of one list may share an identity.
    row_key: ClassVar[tuple[str, ...]] = ()
    row_value: ClassVar[str | None] = None
    unique_rows: ClassVar[bool] = False


@dataclass(frozen=True)
class Declared:
    """What a field holds, declared in its type (model/fields.py reads it for the exports,
    the "Om data" tables and the scaffold): "dato", "linjer" or "id"."""

    value_type: str


def _partial_date(value: Any) -> str:
    # ruamel turns unquoted ISO dates into date objects; keep everything as ISO text.
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("skal være en dato som ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ")
    text = value.strip()
    if DANISH_DATE.match(text):
        raise ValueError(f"'{text}' er dansk datoformat; skriv datoen som ÅÅÅÅ-MM-DD")
    match = PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(f"'{text}' er ikke en dato; brug ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ")
    year = int(match.group(1))
    month, day = (int(g) if g else None for g in match.groups()[1:])
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"'{text}' findes ikke i kalenderen") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"'{text}' ligger uden for årene {FIRST_YEAR}-{LAST_YEAR}; skriv en "
                         "rigtig dato, eller udelad feltet når der ikke er nogen")
    return text


PartialDate = Annotated[
    str,
    Declared("dato"),
    BeforeValidator(_partial_date),
    Field(
        description="Dato som ÅÅÅÅ-MM-DD; kendes kun måned eller år: ÅÅÅÅ-MM eller ÅÅÅÅ",
        json_schema_extra={"pattern": PARTIAL_DATE.pattern},
    ),
]


DANISH_NUMBER = re.compile(r"^-?\d{1,3}(?:\.\d{3})*,\d+$|^-?\d+,\d+$")


def _number(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("skal være et tal, ikke true/false")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str) and DANISH_NUMBER.match(value.strip()):
        fixed = value.strip().replace(".", "").replace(",", ".")
        raise ValueError(f"'{value}' har dansk decimalkomma; skriv tallet som {fixed}")
    if isinstance(value, str):
        raise ValueError(f"'{value}' er tekst, ikke et tal; skriv kun tallet uden anførselstegn")
    raise ValueError("skal være et tal")


def _whole(value: Any) -> Any:
    value = _number(value)
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"{value} skal være et helt tal")
    return int(value)


Number = Annotated[float, BeforeValidator(_number)]
WholeNumber = Annotated[int, BeforeValidator(_whole)]
Flag = Annotated[bool, Field(strict=True)]


def _line_range(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("skal være et linjenummer eller et interval som 120-134")
    match = LINE_RANGE.match(value.strip())
    if not match:
        raise ValueError(f"'{value}' er ikke et linjeinterval; skriv fx 120-134")
    start, end = int(match.group(1)), int(match.group(2) or match.group(1))
    if start < 1 or end < start:
        raise ValueError(f"linjeintervallet '{value}' er tomt eller baglæns")
    return line_range(start, end)


def line_range(first: int, last: int) -> str:
    """Lines first..last as the data write them: '120-134', or '120' for one line."""
    return str(first) if first == last else f"{first}-{last}"


LineRange = Annotated[
    str,
    Declared("linjer"),
    BeforeValidator(_line_range),
    Field(
        description="Linje eller linjeinterval i kildefilen, fx 120-134",
        json_schema_extra={"pattern": LINE_RANGE.pattern},
    ),
]

EntityId = Annotated[
    str,
    Declared("id"),
    Field(
        pattern=ID_PATTERN,
        description="Id: små bogstaver a-z, cifre og bindestreg (æ→ae, ø→oe, å→aa)",
    ),
]


def ref(kind: str, description: str, default: Any = ..., **kwargs: Any) -> Any:
    """A field holding the id (or ids) of an entity of `kind`; the loader resolves it."""
    return Field(default, description=description, json_schema_extra={"x-ref": kind}, **kwargs)


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("må ikke være tom")
    return value


Text = Annotated[str, AfterValidator(_text)]


# http or https, a host with a dot, an optional port and path; nothing that could run
# (javascript:, data:) or break out of an attribute. Plain http is allowed: some public bodies'
# addresses are still written so in the sources (http://www.nordjysksocialaftale.dk/).
WEB_URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:/[^\s<>\"'`\\]*)?$")


def _web_url(value: Any) -> str:
    if not isinstance(value, str) or not WEB_URL.match(value.strip()):
        raise ValueError(f"'{value}' er ikke en webadresse; skriv den som https://… eller "
                         "http://…, præcis som i kilden (står der kun www.…, så skriv https:// "
                         "foran)")
    return value.strip()


WebUrl = Annotated[
    str,
    BeforeValidator(_web_url),
    Field(description="Offentlig webadresse (http eller https), præcis som den står i kilden",
          # A plain prefix pattern: the full one would read as an address to another host.
          json_schema_extra={"pattern": "^https?:\\/\\/\\S+$"}),
]


@cache
def line_bounds(line_range: str) -> tuple[int, int]:
    """Return (first, last) for a validated line range (kept: the checks ask 100,000s of times)."""
    match = LINE_RANGE.match(line_range)
    assert match, line_range
    start = int(match.group(1))
    return start, int(match.group(2) or start)


class EvidenceForm(str, Enum):
    ord = "ord"
    udledt = "udledt"


class Evidence(Strict):
    """Why a cited value is not written with digits in the cited lines (checked by
    cited_values): the source writes it in words, or it is derived from the source's figures."""

    form: EvidenceForm = Field(
        description="ord: kilden skriver tallet med bogstaver; udledt: tallet er beregnet ud fra "
                    "kildens andre tal"
    )
    forklaring: Text = Field(
        description="Kort dansk forklaring til læseren, fx 'Kilden skriver \"ni tilbud\"' eller "
                    "'Beregnet: 82,3 årspladser af 81 pladser'"
    )
    felter: list[Annotated[str, Field(pattern=r"^[a-z_]+$")]] = Field(
        default_factory=list,
        description="Hvilke af faktummets tal eller datoer forklaringen gælder, fx [forbrug]; "
                    "udelades når den gælder dem alle",
    )


class Anchor(Strict):
    """What the cited lines say, so a citation can be found again when its source text is
    extracted anew (after the W3C Web Annotation TextQuoteSelector: exact text with a little
    context before and after). Written by texts/anchors.make_anchor; never typed by hand."""

    foer: str | None = Field(None, description="Lidt af teksten lige før linjerne")
    tekst: Text = Field(description="Linjernes tekst (lange passager: begyndelsen … slutningen)")
    efter: str | None = Field(None, description="Lidt af teksten lige efter linjerne")
    kontrol: str | None = Field(
        None, pattern=r"^[0-9a-f]{12}$",
        description="Kontrolsum af hele passagen, når 'tekst' er forkortet")


class Reference(Strict):
    """Where a fact comes from: a source id, the lines in its seed file, the agenda item, and
    what those lines say (the anchor that re-finds them in a new extraction)."""

    kilde: EntityId = ref("kilder", "Id på kilden (fil i data/kilder/)")
    linjer: LineRange
    punkt: str | None = Field(None, description="Dagsordenspunkt, fx '7' eller '9.3'")
    belaeg: Evidence | None = Field(
        None,
        description="Kun når et citeret tal eller en dato ikke står med cifre i linjerne: kilden "
                    "skriver det med ord, eller det er udledt af kildens tal",
    )
    anker: Anchor | None = Field(
        None,
        description="Hvad linjerne siger, så henvisningen kan findes igen i en ny udgave af "
                    "kildeteksten; skrives af 'find', 'importer' og 'anker'",
    )
    saetning: Text | None = Field(
        None,
        description="Kun i en enheds 'kilder': nogle ord fra den sætning i resume eller "
                    "beskrivelse, som henvisningen støtter; fodnoten sættes efter den sætning",
    )


class Region(str, Enum):
    """The five Danish regions; also the landsdele the coordination speaks of."""

    nordjylland = "nordjylland"
    midtjylland = "midtjylland"
    syddanmark = "syddanmark"
    hovedstaden = "hovedstaden"
    sjaelland = "sjaelland"


class RegionClaim(Strict):
    """Where an entity lies, as a source states it directly."""

    region: Region = Field(description="Regionen: nordjylland, midtjylland, syddanmark, hovedstaden eller sjaelland")
    kilde: Reference


class Relation(str, Enum):
    eksplicit = "eksplicit"
    udledt = "udledt"


class TargetGroupLink(Strict):
    """A link to a target group, saying whether the source states it or we inferred it."""

    row_key = ("id",)
    unique_rows = True


    id: EntityId = ref("maalgrupper", "Id på målgruppen")
    relation: Relation = Field(
        Relation.eksplicit,
        description="eksplicit: kilden siger det; udledt: vores egen sammenkobling",
    )
    note: Text | None = None
    kilde: Reference


class DisagreeingValue(Strict):
    vaerdi: Text = Field(description="Værdien som kilden angiver den")
    kilde: Reference


class Disagreement(Strict):
    """Two or more sources that state the same fact differently; every value is kept."""

    row_key = ("felt",)


    felt: Text = Field(description="Hvilken oplysning det drejer sig om, fx 'pladser 2023'")
    note: Text = Field(description="Kort forklaring på dansk")
    vaerdier: list[DisagreeingValue] = Field(min_length=2)


class FigureKind(str, Enum):
    """What a figure is: what happened, what was budgeted, what is expected, or what is aimed at."""

    faktisk = "faktisk"
    budget = "budget"
    prognose = "prognose"
    maal = "maal"


def _figure_period(value: Any) -> str:
    """'ÅÅÅÅ', 'ÅÅÅÅ-ÅÅÅÅ' or 'fra/til' with partial ISO dates; the end not before the start."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("skal være et år, to år som 2017-2019, eller to datoer som "
                         "2022-01-01/2024-10-25")
    text = value.strip()
    years = YEARS.match(text)
    ends = list(years.groups()) if years else text.split("/")
    if len(ends) > 2 or not all(ends):
        raise ValueError(f"'{text}' er ikke en periode; skriv et år (2024), to år (2017-2019) "
                         "eller to datoer adskilt af / (2022-01-01/2024-10-25)")
    first, last = (_partial_date(end) for end in (ends * 2)[:2])
    if period(last).last < period(first).first:
        raise ValueError(f"perioden '{text}' slutter før den begynder")
    return text


FigurePeriod = Annotated[
    str,
    BeforeValidator(_figure_period),
    Field(description="Perioden tallet gælder: et år (2024), to år (2017-2019) eller to datoer "
                      "adskilt af / (2022-01-01/2024-10-25)",
          json_schema_extra={"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?((/\d{4}(-\d{2}(-\d{2})?)?)|-\d{4})?$"}),
]


class KeyFigure(Strict):
    """A single figure that fits no time series: a budget, a count, a grant, with what kind of
    figure it is, the period and the area it covers."""

    row_key = ("betegnelse", "dato")
    row_value = "vaerdi"


    betegnelse: Text = Field(description="Kort navn på tallet; periode, sted og forbehold står "
                                         "i deres egne felter")
    vaerdi: Number
    enhed: Text | None = Field(None, description="fx 'kr.', 'personer', 'pladser'")
    cirka: Flag = False
    art: FigureKind | None = Field(
        None, description="faktisk, budget, prognose eller maal (mål); udelades kun når kilden "
                          "ikke siger det, og tælles da på siden Datakvalitet")
    periode: FigurePeriod | None = Field(
        None, description="Perioden tallet gælder: et år (2024), to år (2017-2019) eller to "
                          "datoer adskilt af / (2022-01-01/2024-10-25)")
    geografi: EntityId | None = ref(
        "organisationer", "Regionen eller kommunen tallet gælder for (id i organisationer)", None)
    hele_landet: Flag = Field(False, description="true når tallet gælder hele landet")
    note: Text | None = Field(None, description="Forbehold eller forklaring til tallet")
    dato: PartialDate | None = Field(None, description="Hvornår tallet er opgjort eller gælder")
    kilde: Reference

    @model_validator(mode="after")
    def _one_geography(self) -> KeyFigure:
        if self.hele_landet and self.geografi:
            raise ValueError("angiv enten geografi eller hele_landet: true, ikke begge")
        return self


class EventType(str, Enum):
    udsendt = "udsendt"
    anmodning = "anmodning"
    fornyet_behandling = "fornyet-behandling"
    frist = "frist"
    fristforlaengelse = "fristforlaengelse"
    afrapportering = "afrapportering"
    svar = "svar"
    hoering = "hoering"
    moede = "moede"
    beslutning = "beslutning"
    afgoerelse = "afgoerelse"
    etablering = "etablering"
    lukning = "lukning"
    andet = "andet"


# A deadline extension is a deadline of its own: it is listed, counted and can pass like the
# deadline it extends (which stays in the data as it was).
DEADLINE_TYPES = frozenset({EventType.frist, EventType.fristforlaengelse})


class Event(Strict):
    """A dated event in an entity's history; 'frist' and 'fristforlaengelse' are deadlines."""

    row_key = ("dato", "type")
    row_value = "beskrivelse"


    dato: PartialDate
    dato_tekst: Text | None = Field(None, description="Kildens egen ordlyd, fx 'ultimo 2023'")
    type: EventType
    planlagt: Flag = Field(
        False, description="true når kilden omtaler hændelsen som planlagt eller forventet, "
                           "ikke som sket")
    beskrivelse: Text
    kilde: Reference

    @model_validator(mode="after")
    def _planned_is_typed(self) -> Event:
        # A planned item written as a plain fact reads as if it happened (issue 26).
        if not self.planlagt and self.beskrivelse.lower().startswith("planlagt"):
            raise ValueError("beskrivelsen siger, at hændelsen er planlagt; skriv planlagt: true")
        return self

    @property
    def is_deadline(self) -> bool:
        return self.type in DEADLINE_TYPES

    @property
    def order(self) -> tuple[dt.date, dt.date]:
        """Sort key: the first (then last) day the date means, as refined by the source's
        wording ('2024' said as "efterår 2024" comes after 5 March 2024)."""
        found = when(self.dato, self.dato_tekst)
        return found.first, found.last
