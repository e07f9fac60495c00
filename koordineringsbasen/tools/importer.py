"""`importer FIL`: a new document in one step: its text into the seeds folder, its source file
(`data/kilder/<id>.yml`) with every agenda item, the guesses marked for review.

A document that is an appendix of a registered source (`--indgaar-i`) must lie in that source's
text, because the data check requires an `indgaar_i` source to lie in its parent's file and lines
(a meeting pack holds its appendices). So no new text is written then: the document's text is
looked for inside the parent's lines, and the new source gets the parent's file and the lines
where it stands. An appendix that is not in the pack is imported as a source of its own.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..model.common import ID_PATTERN, line_bounds
from ..model.schema import SCHEMA_DIR
from ..model.sources import AgendaItem, SourceType
from ..settings import ROOT
from ..texts.convert import convert, normalise
from ..texts.headings import Item, agenda_items
from ..texts.seedname import content_hash, seed_name
from ..texts.seedtext import split_lines
from . import guess
from .scaffold import MARK, optional_note


class ImportRefused(Exception):
    """The answer is no (exit 1): a Danish message for the person importing."""


class ImportFailed(Exception):
    """The import could not be done (exit 2): a missing folder or file."""


@dataclass(frozen=True)
class Options:
    document: Path
    data: Path
    seeds: Path
    id: str | None = None
    dato: str | None = None
    organ: str | None = None
    type: str | None = None
    indgaar_i: str | None = None


@dataclass(frozen=True)
class Registered:
    id: str
    organ: str | None
    dato: str
    fil: str
    linjer: str


@dataclass
class Result:
    source_file: Path
    seed_file: Path | None  # None: the text lies in the parent's file (--indgaar-i)
    items: list[Item]
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _registered(data: Path) -> list[Registered]:
    yaml = YAML(typ="safe")
    found = []
    for path in sorted((data / "kilder").glob("*.yml")):
        try:
            doc = yaml.load(path.read_bytes())
        except YAMLError:
            continue  # the data check reports it
        if isinstance(doc, dict) and doc.get("id") and doc.get("fil"):
            found.append(Registered(str(doc["id"]), doc.get("organ"), str(doc.get("dato", "")),
                                    str(doc["fil"]), str(doc.get("linjer", "1"))))
    return found


def _organ_names(data: Path) -> dict[str, list[str]]:
    yaml = YAML(typ="safe")
    names: dict[str, list[str]] = {}
    for path in sorted((data / "organisationer").glob("*.yml")):
        try:
            doc = yaml.load(path.read_bytes())
        except YAMLError:
            continue
        if isinstance(doc, dict) and doc.get("id"):
            spelled = [doc.get("navn"), doc.get("forkortelse"), *(doc.get("aliaser") or [])]
            names[str(doc["id"])] = [str(s) for s in spelled if s]
    return names


def _already_registered(text: str, seeds: Path, sources: list[Registered]) -> list[str]:
    """Ids of the sources whose seed file has this content."""
    digest, same = content_hash(text), []
    hashes: dict[str, str | None] = {}
    for source in sources:
        if source.fil not in hashes:
            path = seeds / source.fil
            hashes[source.fil] = (content_hash(normalise(path.read_text("utf-8", "replace")))
                                  if path.is_file() else None)
        if hashes[source.fil] == digest:
            same.append(source.id)
    return same


def _key(line: str) -> str:
    return " ".join(line.split())


def locate(block: Sequence[str], lines: Sequence[str], first: int, last: int) -> tuple[int, int]:
    """Where the text `block` stands in `lines` between line `first` and `last` (1-based): its
    first and last non-blank lines found there, in order, whitespace folded. (0, 0): not found."""
    wanted = [_key(line) for line in block if line.strip()]
    if not wanted:
        return 0, 0
    head, tail = wanted[:3], wanted[-3:]
    inside = [(n, _key(lines[n - 1])) for n in range(first, last + 1) if lines[n - 1].strip()]
    keys = [k for _, k in inside]
    starts = [i for i in range(len(keys)) if keys[i:i + len(head)] == head]
    for start in starts:
        for end in range(start, len(keys)):
            if keys[end - len(tail) + 1:end + 1] == tail:
                return inside[start][0], inside[end][0]
    return 0, 0


def _source_id(options: Options, dato: str | None, organ: str | None,
               sources: list[Registered]) -> str:
    if options.id:
        return options.id
    if not organ or not dato or len(dato) != 10:
        raise ImportRefused("id'et kan ikke dannes: organ og dato blev ikke fundet i teksten; "
                            "angiv --organ og --dato, eller --id")
    prefix = guess.id_prefix(organ, [(s.id, s.organ, s.dato) for s in sources])
    return f"{prefix}-{dato}"


def _check_arguments(options: Options) -> None:
    if options.id is not None and not re.match(ID_PATTERN, options.id):
        raise ImportRefused(f"--id '{options.id}' er ikke et gyldigt id: små bogstaver a-z, "
                            f"cifre og bindestreg (æ→ae, ø→oe, å→aa)")
    if options.dato is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", options.dato):
        raise ImportRefused(f"--dato '{options.dato}' skal skrives ÅÅÅÅ-MM-DD, fx 2025-03-17")
    if options.type is not None and options.type not in SourceType.__members__:
        raise ImportRefused(f"--type '{options.type}' er ikke en kildetype; vælg en af: "
                            f"{', '.join(SourceType.__members__)}")
    if options.organ is not None and not (options.data / "organisationer"
                                          / f"{options.organ}.yml").is_file():
        raise ImportRefused(f"--organ '{options.organ}' findes ikke i "
                            f"{options.data / 'organisationer'}; opret den først med 'make ny'")


def import_document(options: Options) -> Result:
    """Convert, name, register. Raises ImportRefused / ImportFailed / ConversionError."""
    if not options.seeds.is_dir():
        raise ImportFailed(f"seeds-mappen {options.seeds} findes ikke (KOORDINERINGSBASEN_SEEDS)")
    if not (options.data / "kilder").is_dir():
        raise ImportFailed(f"datamappen {options.data / 'kilder'} findes ikke")
    if not options.document.is_file():
        raise ImportFailed(f"{options.document} findes ikke")
    _check_arguments(options)
    converted = convert(options.document)
    text, lines = converted.text, split_lines(converted.text)
    sources = _registered(options.data)
    by_id = {s.id: s for s in sources}

    parent = by_id.get(options.indgaar_i or "")
    if options.indgaar_i and parent is None:
        raise ImportRefused(f"--indgaar-i '{options.indgaar_i}' er ikke en kilde i "
                            f"{options.data / 'kilder'}")
    if parent is None:
        same = _already_registered(text, options.seeds, sources)
        if same:
            raise ImportRefused(f"teksten er allerede registreret: samme indhold som kildefilen "
                                f"til {', '.join(same)}")

    offset = 0
    if parent is not None:
        parent_seed = options.seeds / parent.fil
        if not parent_seed.is_file():
            raise ImportFailed(f"kildefilen {parent.fil} til '{parent.id}' findes ikke i "
                               f"{options.seeds}")
        parent_lines = split_lines(parent_seed.read_text("utf-8", "replace"))
        p_first, p_last = line_bounds(parent.linjer)
        first, last = locate(lines, parent_lines, p_first, min(p_last, len(parent_lines)))
        if not first:
            raise ImportRefused(
                f"teksten står ikke i '{parent.id}' ({parent.fil} linje {parent.linjer}); en "
                f"kilde med indgaar_i skal stå i sin overordnede kildes tekst. Importér "
                f"dokumentet uden --indgaar-i som en selvstændig kilde")
        # From here on the text is read as it stands in the parent's file.
        fil, offset, lines = parent.fil, first - 1, parent_lines[first - 1:last]
    else:
        fil, first, last = seed_name(text, os.listdir(options.seeds)), 1, len(lines)

    title_guess = guess.title(lines)
    dato_guess = None if options.dato else guess.date(lines)
    dato = options.dato or (dato_guess.value if dato_guess else None)
    organ_guess = None if options.organ else guess.organ(lines, _organ_names(options.data),
                                                         title_guess)
    organ = options.organ or (organ_guess.value if organ_guess else None)
    source_id = _source_id(options, dato, organ, sources)
    target = options.data / "kilder" / f"{source_id}.yml"
    if source_id in by_id or target.exists():
        raise ImportRefused(f"kilden '{source_id}' findes allerede ({target}); angiv et andet "
                            f"id med --id, eller ret den eksisterende fil")

    result = Result(target, None, [], notices=list(converted.notices))
    items = [Item(i.nr, i.titel, i.first + offset, i.last + offset) for i in agenda_items(lines)]
    result.items = items

    for other in sources:
        if organ and dato and other.organ == organ and other.dato == dato:
            result.warnings.append(f"kilden '{other.id}' har samme organ ({organ}) og dato "
                                   f"({dato}); er det det samme møde?")
    if parent is None:
        seed = options.seeds / fil
        if seed.exists():
            result.notices.append(f"teksten lå allerede i seeds-mappen som {fil}")
        else:
            seed.write_text(text, encoding="utf-8", newline="\n")
        result.seed_file = seed
    guesses = {"navn": title_guess, "dato": dato_guess, "organ": organ_guess,
               "type": None if options.type else guess.source_type(title_guess),
               "sted": guess.place(lines)}
    values = {"navn": title_guess.value if title_guess else None, "dato": dato, "organ": organ,
              "type": options.type or (guesses["type"].value if guesses["type"] else None),
              "sted": guesses["sted"].value if guesses["sted"] else None}
    schema = Path(os.path.relpath(ROOT / SCHEMA_DIR / "kilder.schema.json", target.parent))
    target.write_text(source_yaml(source_id, values, guesses, fil, f"{first}-{last}",
                                  options.indgaar_i, items, options.document.name, offset,
                                  schema.as_posix()), encoding="utf-8")
    return result


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def source_yaml(source_id: str, values: dict[str, str | None],
                guesses: dict[str, guess.Guess | None], fil: str, linjer: str,
                indgaar_i: str | None, items: list[Item], document: str, offset: int,
                schema_ref: str) -> str:
    """The text of the new source file: guessed values marked MARK with the line they came
    from; what could not be guessed left empty (""), so the data check fails until filled."""
    hints = {"navn": "kildens titel", "dato": "ÅÅÅÅ-MM-DD", "organ": "id på en fil i "
             "data/organisationer/", "type": f"vælg én af: {', '.join(SourceType.__members__)}"}
    lines = [f"# yaml-language-server: $schema={schema_ref}",
             f"# Lavet med 'importer' fra {_quoted(document)}. Felter markeret {MARK} er gættet "
             f"fra teksten:",
             "# kontrollér dem, udfyld resume, slet markeringerne, og kør 'make check'.",
             f"id: {source_id}"]
    for name in ("navn", "type", "organ", "dato", "sted"):
        value, found = values[name], guesses.get(name)
        where = f"{MARK}: gættet fra linje {found.line + offset}; kontrollér" if found else None
        if value is None:
            if name in hints:  # required (organ too: every source has one)
                lines.append(f'{name}: ""  # {MARK}: {hints[name]}')
            continue
        shown = value if name in ("dato", "type", "organ") else _quoted(value)
        lines.append(f"{name}: {shown}" + (f"  # {where}" if where else ""))
    lines += [f"fil: {fil}", f'linjer: "{linjer}"']
    if indgaar_i:
        lines.append(f"indgaar_i: {indgaar_i}")
    lines.append(f'resume: ""  # {MARK}: et kort dansk resumé af kilden')
    if items:
        lines.append(f"# {MARK}: punkterne er fundet fra overskrifterne i teksten; kontrollér "
                     f"numre, titler og linjer.")
        lines.append("punkter:")
        lines += [f"  # Pr. punkt {optional_note(AgendaItem)} (se 'Om data'), hver med sin "
                  "kilde, fx", "  #   opfoelgning: [{handling: …, ansvarlig: <organisations id> "
                  "(eller rolle: sekretariatet), frist: ÅÅÅÅ-MM-DD, status: aftalt, kilde: {…}}]"]
        for item in items:
            lines += [f"  - nr: {_quoted(item.nr)}", f"    titel: {_quoted(item.titel)}",
                      f'    linjer: "{item.linjer}"']
    return "\n".join(lines) + "\n"
