"""Checks of the data against the sources: cited lines and agenda items, and where each
source lies in its seed file (inside the file, inside the meeting it is part of, never part
of itself). Problems are located in the data file (load.record.LoadedFile.problem).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model import Source
from ...model.agenda import holding_item, resolve_item
from ...model.common import PathKey, Reference, line_bounds, line_range
from ...model.references import Citation
from ...model.sources import source_chain
from ...texts.relocate import (
    AMBIGUOUS,
    MISSING,
    MOVED,
    TextIndex,
    heading_matches,
    heading_words,
    locate,
)
from ...texts.seedtext import SeedTexts
from ..problems import Problem
from .agenda_items import ambiguous_item

if TYPE_CHECKING:
    from ..record import LoadedFile


Finding = tuple[str, str]  # (field of the reference: linjer, punkt or anker, message)
FILL = "kør 'python -m koordineringsbasen anker'"
REANCHOR = "kør 'python -m koordineringsbasen genanker'"


@dataclass(frozen=True)
class CitationContext:
    """What every citation is checked against, worked out once per load."""

    sources: dict[str, Source]
    chains: dict[str, list[Source]]  # each source followed by the meetings it is part of
    seed_lines: dict[str, int | None]  # line count of each cited seed file (None: missing)
    texts: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # their lines
    # Content hash of each seed file: anchors depend on what the texts say, not only on
    # their length, so cached findings are named by it (link_checks.link_context).
    seed_hashes: dict[str, str | None] = field(default_factory=dict)
    # Findings by (kilde, linjer, punkt, anchor): many facts cite the same passage.
    findings: dict[tuple[object, ...], tuple[Finding, ...]] = field(default_factory=dict)
    _indexes: dict[str, TextIndex] = field(default_factory=dict)

    def index(self, fil: str) -> TextIndex | None:
        """The seed file's anchor index, built once per load and only when a citation needs it."""
        lines = self.texts.get(fil)
        if lines is None:
            return None
        if fil not in self._indexes:
            self._indexes[fil] = TextIndex(lines)
        return self._indexes[fil]


def citation_context(sources: dict[str, LoadedFile], texts: SeedTexts) -> CitationContext:
    entities: dict[str, Source] = {k: v.entity for k, v in sources.items()}  # type: ignore[misc]
    files = sorted({source.fil for source in entities.values()})
    lines = {fil: texts.raw_lines(fil) for fil in files}
    return CitationContext(
        entities, {k: _chain(source, sources) for k, source in entities.items()},
        {fil: None if text is None else len(text) for fil, text in lines.items()}, lines,
        {fil: None if text is None else _content_hash(text) for fil, text in lines.items()})


def _content_hash(lines: tuple[str, ...]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8", "replace")).hexdigest()


def check_citation(cite: Citation, context: CitationContext,
                   own_item: bool = False) -> list[tuple[PathKey, str]]:
    """(path, message) for each problem of one citation: its lines inside the source and the
    seed file, its `punkt` on the agenda and covering those lines (and naming the document's
    item rather than a meeting's with the same number, unless `own_item`: a source's agenda
    item citing its own lines, which can only mean that item)."""
    reference = cite.reference
    anchor = reference.anker
    key = (reference.kilde, reference.linjer, reference.punkt,
           anchor and (anchor.foer, anchor.tekst, anchor.efter, anchor.kontrol), own_item)
    found = context.findings.get(key)
    if found is None:
        found = context.findings[key] = _findings(reference, context, own_item)
    return [((*cite.path, name), message) for name, message in found]


def _findings(reference: Reference, context: CitationContext,
              own_item: bool = False) -> tuple[Finding, ...]:
    source = context.sources.get(reference.kilde)
    if source is None:
        return ()  # reported as an unknown id
    first, last = line_bounds(reference.linjer)
    span_first, span_last = line_bounds(source.linjer)
    found: list[Finding] = []
    if first < span_first or last > span_last:
        found.append(("linjer", f"linje {reference.linjer} ligger uden for kilden "
                                f"'{source.id}' (linje {source.linjer} i {source.fil})"))
    total = context.seed_lines[source.fil]
    if total is not None and last > total:
        found.append(("linjer", f"linje {last} findes ikke; {source.fil} har {total} linjer"))
    punkt = reference.punkt
    chain = context.chains[source.id]
    if not own_item:
        found.extend(ambiguous_item(chain, reference.linjer, punkt))
    if punkt is not None:
        numbered = [(s, a) for s in chain for a in s.punkter if a.nr == punkt]
        if not numbered:
            found.append(("punkt", f"punkt '{punkt}' findes ikke på dagsordenen for "
                                   f"'{source.id}'"))
        elif resolve_item(chain, punkt, reference.linjer) is None:
            where = "; ".join(f"'{s.id}' linje {a.linjer}" for s, a in numbered)
            holding = holding_item(chain, reference.linjer)
            there = (f"; linjerne står i punkt '{holding[1].nr}' ({holding[1].titel}, "
                     f"linje {holding[1].linjer})" if holding else
                     "; ingen af dagsordenens punkter omfatter linjerne")
            found.append(("punkt", f"punkt '{punkt}' omfatter ikke linje {reference.linjer} "
                                   f"(punkt {punkt}: {where}){there}"))
    found.extend(_anchor_findings(reference, source, context))
    return tuple(found)


def _anchor_findings(reference: Reference, source: Source,
                     context: CitationContext) -> list[Finding]:
    """Whether the cited lines still say what the citation's anchor recorded."""
    index = context.index(source.fil)
    if index is None:
        return []  # no text to compare with (a missing file is reported elsewhere)
    anchor = reference.anker
    if anchor is None:
        if line_bounds(reference.linjer)[1] > len(index.lines):
            return []  # lines the text does not have: reported as such
        return [("anker", f"henvisningen har intet anker (hvad linjerne siger); {FILL}")]
    first, last = line_bounds(reference.linjer)
    if last > len(index.lines):
        return []  # lines the text does not have: reported as such, not twice
    verdict = locate(anchor, first, last, index)
    if verdict.status == MOVED:
        return [("linjer", f"teksten er flyttet til linje {verdict.linjer} i {source.fil}; "
                           f"{REANCHOR}")]
    if verdict.status == MISSING:
        return [("linjer", f"teksten findes ikke længere i {source.fil} (hverken i linje "
                           f"{reference.linjer} eller andre steder): '{_short(anchor.tekst)}'; "
                           f"ret henvisningen, og kør 'python -m koordineringsbasen anker --forny'")]
    if verdict.status == AMBIGUOUS:
        places = ", ".join(line_range(a, b) for a, b in verdict.places)
        return [("linjer", f"linje {reference.linjer} siger ikke længere det, ankeret husker, "
                           f"og teksten står flere steder i {source.fil} (linje {places}); "
                           f"ret linjer i hånden")]
    return []


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _heading_problem(lines: tuple[str, ...], first: int, last: int, nr: str,
                     titel: str) -> str | None:
    """A message when the item's first non-blank lines do not hold its number and title."""
    if heading_matches(heading_words(lines, first, last), nr, titel):
        return None
    shown = next((line.strip() for line in lines[first - 1:last] if line.strip()), "")
    return (f"linje {line_range(first, last)} begynder ikke med punktets overskrift "
            f"'{nr} {_short(titel, 60)}', men med '{_short(shown, 60)}'; {REANCHOR}, eller ret "
            f"linjer")


def _chain(source: Source, sources: dict[str, LoadedFile]) -> list[Source]:
    def find(source_id: str) -> Source | None:
        loaded = sources.get(source_id)
        return loaded.entity if loaded else None  # type: ignore[return-value]
    return source_chain(source, find)


def check_source_spans(sources: dict[str, LoadedFile], texts: SeedTexts) -> list[Problem]:
    problems = []
    seeds = texts.folder
    for item in sources.values():
        source: Source = item.entity  # type: ignore[assignment]
        first, last = line_bounds(source.linjer)
        if seeds is not None:
            lines = texts.raw_lines(source.fil)
            if lines is None and not (seeds / source.fil).exists():
                problems.append(item.problem(("fil",), f"kildefilen {source.fil} findes ikke i "
                                                       f"{seeds}"))
            elif last > len(lines or ()):
                problems.append(item.problem(("linjer",), f"linje {last} findes ikke; {source.fil}"
                                                          f" har {len(lines or ())} linjer"))
        chain = _chain(source, sources)
        if chain[-1].indgaar_i and any(s.id == chain[-1].indgaar_i for s in chain):
            problems.append(item.problem(("indgaar_i",), "kilden indgår i sig selv: "
                                         + " → ".join(s.id for s in [*chain, chain[0]])))
        parent = sources.get(source.indgaar_i or "")
        if parent is not None:
            p_source: Source = parent.entity  # type: ignore[assignment]
            p_first, p_last = line_bounds(p_source.linjer)
            if p_source.fil != source.fil or first < p_first or last > p_last:
                problems.append(item.problem(("indgaar_i",), f"kilden ligger ikke inden for "
                                             f"'{p_source.id}' ({p_source.fil} {p_source.linjer})"))
        lines = texts.raw_lines(source.fil) if seeds is not None else None
        for index, agenda in enumerate(source.punkter):
            a_first, a_last = line_bounds(agenda.linjer)
            if a_first < first or a_last > last:
                problems.append(item.problem(("punkter", index, "linjer"), f"punktet ligger uden "
                                             f"for kildens linjer {source.linjer}"))
            elif lines is not None and a_last <= len(lines):
                found = _heading_problem(lines, a_first, a_last, agenda.nr, agenda.titel)
                if found:
                    problems.append(item.problem(("punkter", index, "linjer"), found))
        for index, document in enumerate(source.henvisninger):
            d_first, d_last = line_bounds(document.linjer)
            if d_first < first or d_last > last:
                problems.append(item.problem(("henvisninger", index, "linjer"), f"linjen ligger "
                                             f"uden for kildens linjer {source.linjer}"))
    return problems
