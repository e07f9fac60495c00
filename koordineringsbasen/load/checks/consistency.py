"""Cross-file consistency the per-file models cannot see: parent chains (`overordnet`) that
loop, NATKO numbers given to two target groups, citations of an offer's descriptive field
that is empty, one dated fact typed differently in two files, offers' municipalities that are
not municipalities or regions, and files in the data root nobody reads."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from ...model.common import PathKey
from ..problems import Problem

# The kinds whose entities may name a parent of the same kind.
PARENT_KINDS = ("organisationer", "maalgrupper", "tilbud")


class Located(Protocol):
    entity: Any
    rel: str

    def problem(self, path: PathKey, message: str) -> Problem: ...


def parent_cycles(kind: str, items: Mapping[str, Located]) -> list[Problem]:
    """A problem at `overordnet` of every entity whose parent chain leads back to itself."""
    problems = []
    for entity_id, item in items.items():
        chain = [entity_id]
        parent = getattr(item.entity, "overordnet", None)
        while parent is not None and parent in items and parent not in chain:
            chain.append(parent)
            parent = getattr(items[parent].entity, "overordnet", None)
        if parent == entity_id:
            if len(chain) == 1:
                message = "overordnet peger på enheden selv; fjern feltet eller peg på en anden"
            else:
                loop = " → ".join([*chain, entity_id])
                message = f"overordnet danner en ring: {loop}; ret en af dem"
            problems.append(item.problem(("overordnet",), message))
    return problems


def duplicate_natko_numbers(items: Mapping[str, Located]) -> list[Problem]:
    """A NATKO number names one target group: a second group with it is a mistake."""
    first: dict[int, str] = {}
    problems = []
    for entity_id in sorted(items):
        number = getattr(items[entity_id].entity, "natko_nr", None)
        if number is None:
            continue
        if number in first:
            other = items[first[number]].rel
            problems.append(items[entity_id].problem(
                ("natko_nr",), f"NATKO-nr. {number} har også målgruppen '{first[number]}' "
                               f"({other}); hvert nummer hører til én målgruppe"))
        first.setdefault(number, entity_id)
    return problems


def citations_of_empty_fields(items: Mapping[str, Located]) -> list[Problem]:
    """`kilder_felter` may cite only a field the offer fills: a citation of an empty field
    backs nothing (a field removed, or a typo in the other field)."""
    problems = []
    for item in items.values():
        for index, cited in enumerate(getattr(item.entity, "kilder_felter", [])):
            name = cited.felt.value
            if getattr(item.entity, name) in (None, [], ""):
                problems.append(item.problem(
                    ("kilder_felter", index, "felt"),
                    f"kilder_felter belægger '{name}', men tilbuddet har intet {name}; udfyld "
                    "feltet eller fjern kildehenvisningen"))
    return problems


def _typed(event: Any) -> str:
    return event.type.value + (" (planlagt)" if event.planlagt else "")


def event_types(loaded: Mapping[str, Mapping[str, Located]]) -> list[Problem]:
    """One dated fact, one type: events in different files with the same date citing the same
    lines of the same source are one fact, and a meeting in one file must not be a decision
    in another, nor planned in one and done in another (the site lists them by type)."""
    seen: dict[tuple[str, str, str], list[tuple[str, int, Located, str]]] = {}
    for kind in sorted(loaded):
        for entity_id in sorted(loaded[kind]):
            item = loaded[kind][entity_id]
            for index, event in enumerate(getattr(item.entity, "haendelser", None) or ()):
                key = (event.dato, event.kilde.kilde, event.kilde.linjer)
                seen.setdefault(key, []).append((item.rel, index, item, _typed(event)))
    problems = []
    for (dato, kilde, linjer), events in seen.items():
        if len({rel for rel, *_ in events}) < 2 or len({typ for *_, typ in events}) < 2:
            continue
        for rel, index, item, typ in events:
            others = "; ".join(f"'{t}' i {r} (haendelser[{i}])" for r, i, _, t in events
                               if r != rel and t != typ)
            if others:
                problems.append(item.problem(("haendelser", index, "type"), (
                    f"hændelsen {dato} ({kilde} linje {linjer}) har type '{typ}', men samme "
                    f"faktum har {others}; giv det samme type (og planlagt) i alle filer")))
    return problems


def _region(item: Located | None) -> str | None:
    claim = getattr(item.entity, "region", None) if item is not None else None
    return claim.region.value if claim is not None else None


def coverage_rows(offers: Mapping[str, Located],
                  organisations: Mapping[str, Located]) -> list[Problem]:
    """Every id in an offer's `kommuner` names a municipality or a region; `undtagen` only
    follows a region and names its municipalities (unknown ids are reported as such)."""
    problems = []
    for entity_id in sorted(offers):
        item = offers[entity_id]
        for index, row in enumerate(getattr(item.entity, "kommuner", None) or ()):
            named = organisations.get(row.id)
            kind = named.entity.type.value if named is not None else None
            if kind not in (None, "kommune", "region"):
                problems.append(item.problem(("kommuner", index, "id"), (
                    f"'{row.id}' er en organisation af typen '{kind}'; skriv en kommune eller en "
                    f"region (= alle regionens kommuner)")))
            if row.undtagen and kind == "kommune":
                problems.append(item.problem(("kommuner", index, "undtagen"), (
                    "undtagen kan kun stå ved en region; fjern feltet ved en kommune")))
                continue
            for number, excepted in enumerate(row.undtagen):
                other = organisations.get(excepted)
                if other is None:
                    continue
                if other.entity.type.value != "kommune":
                    problems.append(item.problem(("kommuner", index, "undtagen", number), (
                        f"'{excepted}' er ikke en kommune; undtagen nævner kun kommuner")))
                elif kind == "region" and _region(other) not in (None, _region(named)):
                    problems.append(item.problem(("kommuner", index, "undtagen", number), (
                        f"'{excepted}' ligger i region {_region(other)}, ikke i '{row.id}'")))
    return problems


def stray_root_files(data_dir: Path, known: set[str], rel: str) -> list[Problem]:
    """Files in the data root that no kind reads (`rel` names the folder in messages):
    a .yml there is silently ignored, which hides a misplaced entity."""
    problems = []
    for path in sorted(data_dir.iterdir()):
        if path.name in known or path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix in (".yml", ".yaml"):
            problems.append(Problem(f"{rel}/{path.name}", 1, 1, "", "filen læses ikke: data/ "
                                    "rummer kun ordliste.yml og mapperne for hver slags; flyt "
                                    "filen ind i den rette mappe"))
    return problems


def empty_kinds(loaded: Mapping[str, Mapping[str, Any]], invalid: Mapping[str, set[str]],
                rel: str) -> list[Problem]:
    """The rule against an empty or near-empty data folder: every kind holds at least one
    entity file (valid or not). A build of such a folder would replace the site with a
    nearly empty one, so the check refuses it."""
    return [Problem(f"{rel}/{kind}", 1, 1, "", f"ingen {kind} i data: hver slags skal have "
                                               "mindst én enhed; er det den rigtige datamappe?")
            for kind in loaded if not loaded[kind] and not invalid.get(kind)]


def check(loaded: Mapping[str, Mapping[str, Located]]) -> list[Problem]:
    problems = []
    for kind in PARENT_KINDS:
        problems.extend(parent_cycles(kind, loaded.get(kind, {})))
    problems.extend(duplicate_natko_numbers(loaded.get("maalgrupper", {})))
    problems.extend(citations_of_empty_fields(loaded.get("tilbud", {})))


    problems.extend(event_types(loaded))
    problems.extend(coverage_rows(loaded.get("tilbud", {}), loaded.get("organisationer", {})))
    return problems
