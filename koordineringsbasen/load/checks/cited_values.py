"""Check that every cited number and date occurs in the lines its citation points to.

A fact is a block with its own `kilde` (a capacity row, a price, a key figure, a dated event
...). Its cited values are listed in CITED: the numbers a reader takes from the source, and the
dates of things that happened, in any Danish notation (danish_numbers). Not checked: years of
table rows (`aar`) and the period of a figure, which in tables stand in a column header far from
the cited row; a key figure's as-of date unless it is given to the day; and a date that is only
the cited source's own date (or that of the meeting it is part of), also as its year or month.

A value the source writes in words, or that is derived from its figures, carries
`belaeg: {form: ord|udledt, forklaring: ...}` on its reference. A marker on values that stand
there in digits, or on a citation that backs no number or date, is reported, so markers stay
honest. Public addresses a source gives (`adresse`, `henvisninger`) must stand in its text verbatim,
and so must a contact point's website, mailbox and postal address in its cited lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from ...danish.reading import states_date, states_number
from ...danish.writing import number
from ...model.common import Event, KeyFigure, PathKey, Reference
from ...model.contact import ContactPoint
from ...model.entities import (
    AgeRange,
    Answer,
    CapacityYear,
    DataRating,
    Outcome,
    Price,
    RiskRating,
    SizeFigure,
    StatusEntry,
)
from ...model.references import Citation, walk
from ...model.reforms import Milestone
from ...model.sources import Source
from ...texts.seedtext import SeedTexts

# Fact model -> (number fields, date fields) whose values must stand in the cited lines.
CITED: dict[type[BaseModel], tuple[tuple[str, ...], tuple[str, ...]]] = {
    CapacityYear: (("pladser", "forbrug", "belaegning_procent"), ()),
    Price: (("beloeb",), ()),
    KeyFigure: (("vaerdi",), ("dato",)),
    SizeFigure: (("antal", "antal_til"), ()),
    AgeRange: (("fra", "til"), ()),
    Event: ((), ("dato",)),
    Answer: ((), ("dato",)),
    Outcome: ((), ("dato",)),
    StatusEntry: ((), ("dato",)),
    RiskRating: ((), ("dato",)),
    DataRating: ((), ("dato",)),
    Milestone: ((), ("dato",)),
}

# The as-of date of a key figure is checked only when given to the day: a year or a month says
# which period a figure covers, and in tables that stands in a column header.
AS_OF_DATES = {(KeyFigure, "dato")}

Found = tuple[PathKey, str]


def _parent(entity: BaseModel, path: PathKey) -> Any:
    value: Any = entity
    for part in path:
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def _own_dates(source: Source, sources: Mapping[str, Source]) -> set[str]:
    """The dates of the source and of the meetings it is part of."""
    dates, seen = set(), set()
    current: Source | None = source
    while current is not None and current.id not in seen:
        seen.add(current.id)
        dates.add(current.dato)
        current = sources.get(current.indgaar_i or "")
    return dates


def source_keys(sources: Mapping[str, Source]) -> dict[str, str]:
    """What `check_entity` reads of each source: its seed file and its own dates."""
    return {source_id: repr((source_id, source.fil, sorted(_own_dates(source, sources))))
            for source_id, source in sources.items()}


def dependencies(citations: Iterable[Citation], keys: Mapping[str, str]) -> str:
    """What `check_entity` reads besides the entity and the seed texts, as one string (`keys`
    is `source_keys(sources)`). A cached result is valid while this is unchanged."""
    cited = sorted({c.reference.kilde for c in citations})
    return "\n".join(keys[source_id] if source_id in keys else repr((source_id, None))
                     for source_id in cited)


def _is_own_date(date: str, own: set[str]) -> bool:
    # A year or month that holds the meeting's day is still only the meeting's date.
    return any(d.startswith(date) for d in own)


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else number(value)


def check_entity(entity: BaseModel, citations: Iterable[Citation], sources: Mapping[str, Source],
                 texts: SeedTexts) -> list[Found]:
    """(path, message) for every cited value of `entity` that its cited lines do not state.

    `citations` are the entity's citations as `references.walk` found them."""
    problems: list[Found] = []
    for citation in citations:
        reference, path = citation.reference, citation.path[:-1]
        fact = _parent(entity, path) if citation.path[-1:] == ("kilde",) else None
        if isinstance(fact, ContactPoint):
            source = sources.get(reference.kilde)
            text = texts.passage(source.fil, reference.linjer) if source else None
            if text is not None:
                problems.extend(check_contact(path, fact, text,
                                              f"linje {reference.linjer} i '{reference.kilde}'"))
            continue
        if not isinstance(fact, BaseModel) or type(fact) not in CITED:
            if reference.belaeg is not None:
                problems.append(((*citation.path, "belaeg"), "'belaeg' hører kun til kilden for "
                                 "et tal eller en dato (kapacitet, pris, nøgletal, hændelse …)"))
            continue
        source = sources.get(reference.kilde)
        text = texts.passage(source.fil, reference.linjer) if source else None
        if source is None or text is None:
            continue  # an unknown source or a missing seed file is reported elsewhere
        numbers, dates = CITED[type(fact)]
        own = _own_dates(source, sources)
        checked: list[str] = []
        missing: list[str] = []
        for name in (*numbers, *dates):
            value = getattr(fact, name)
            if value is None or (name in dates and _exempt(type(fact), name, value, own)):
                continue
            checked.append(name)
            stated = states_date(text, value) if name in dates else states_number(text, value)
            if not stated:
                missing.append(name)
        problems.extend(_judge(path, fact, reference, checked, missing))
    return problems


def _exempt(model: type[BaseModel], name: str, date: str, own: set[str]) -> bool:
    return _is_own_date(date, own) or ((model, name) in AS_OF_DATES and len(date) < len("2025-01-01"))


def _judge(path: PathKey, fact: BaseModel, reference: Reference, checked: list[str],
           missing: list[str]) -> list[Found]:
    evidence = reference.belaeg
    where = f"linje {reference.linjer} i kilden '{reference.kilde}'"
    if evidence is None:
        return [((*path, name), f"{_noun(fact, name)} {_shown(getattr(fact, name))} står ikke i "
                                f"{where}; ret linjerne eller værdien, eller forklar den med "
                                f"'belaeg' (ord eller udledt) på kildehenvisningen")
                for name in missing]
    problems: list[Found] = []
    covered = list(evidence.felter) or checked
    for index, name in enumerate(evidence.felter):
        if name not in checked:
            problems.append(((*path, "kilde", "belaeg", "felter", index), f"'{name}' er ikke et citeret "
                             f"tal eller en dato her; vælg blandt: {', '.join(checked) or 'ingen'}"))
    for name in missing:
        if name not in covered:
            problems.append(((*path, name), f"{_noun(fact, name)} {_shown(getattr(fact, name))} "
                             f"står ikke i {where}, og 'belaeg' på kildehenvisningen nævner "
                             f"ikke feltet '{name}' under 'felter'"))
    if not any(name in missing for name in covered):
        problems.append(((*path, "kilde", "belaeg"), f"overflødig: værdierne står med cifre i "
                         f"{where}; fjern 'belaeg'"))
    return problems


def _noun(fact: BaseModel, name: str) -> str:
    return "datoen" if name in CITED[type(fact)][1] else "tallet"


# What may follow a whole address in running text: its end, a space, a closing bracket or
# quote, or a sentence's punctuation that is itself followed by a space or the end.
_ADDRESS_END = re.compile(r"$|[\s)\]>\"'»”’]|[.,;:!?](?:$|[\s)\]>\"'»”’])")


def gives_address(text: str, address: str) -> bool:
    """Whether `text` gives `address` whole: not merely a prefix of a longer address
    ('…/2014/76' inside '…/2014/760')."""
    start = text.find(address)
    while start != -1:
        if _ADDRESS_END.match(text, start + len(address)):
            return True
        start = text.find(address, start + 1)
    return False


def check_contact(path: PathKey, point: ContactPoint, text: str, where: str) -> list[Found]:
    """(path, message) for every value of a contact point its cited lines do not give: the
    mailbox (in any case), the website (a source may leave out http:// or https://), the
    street, and postcode with town."""
    flat = " ".join(text.split())
    given = {
        "hjemmeside": point.hjemmeside is None or gives_address(flat, point.hjemmeside)
        or gives_address(flat, point.hjemmeside.split("://", 1)[1]),
        "postkasse": point.postkasse is None
        or gives_address(flat.lower(), point.postkasse.lower()),
        "adresse": point.adresse is None or " ".join(point.adresse.split()) in flat,
        "postnummer": point.postnummer is None or f"{point.postnummer} {point.by}" in flat,
    }
    shown = {"postnummer": f"{point.postnummer} {point.by}"}
    return [((*path, name), f"'{shown.get(name, getattr(point, name))}' står ikke i {where}; "
                            "skriv det præcis som i kilden")
            for name, ok in given.items() if not ok]


def check_source(source: Source, texts: SeedTexts) -> list[Found]:
    """(path, message) for every public address of `source` that its seed text does not give
    character for character: an address is copied from the source, never made up."""
    problems: list[Found] = []
    if source.adresse and (text := texts.passage(source.fil, source.linjer)) is not None \
            and not gives_address(text, source.adresse):
        problems.append((("adresse",), f"adressen står ikke i kildeteksten (linje {source.linjer} i "
                                   f"{source.fil}); skriv den præcis som i kilden"))
    for index, document in enumerate(source.henvisninger):
        text = texts.passage(source.fil, document.linjer)
        if text is not None and not gives_address(text, document.adresse):
            problems.append((("henvisninger", index, "adresse"), f"adressen står ikke i linje "
                             f"{document.linjer} i {source.fil}; skriv den præcis som i kilden"))
    return problems


def marker_counts(entities: Iterable[BaseModel]) -> Counter[str]:
    """How many citations carry a `belaeg` marker, by form (ord, udledt)."""
    return Counter(found.reference.belaeg.form.value for entity in entities
                   for found in walk(entity)
                   if isinstance(found, Citation) and found.reference.belaeg is not None)
