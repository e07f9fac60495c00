"""Checks of the data against the sources: cited lines and agenda items, and where each
source lies in its seed file (inside the file, inside the meeting it is part of, never part
of itself). Problems are located in the data file (load.record.LoadedFile.problem).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model import Source
from ...model.agenda import resolve_item
from ...model.common import PathKey, Reference, line_bounds
from ...model.references import Citation
from ...model.sources import source_chain
from ...texts.seedtext import SeedTexts
from ..problems import Problem

if TYPE_CHECKING:
    from ..record import LoadedFile


def _seed_lines(texts: SeedTexts, name: str) -> int | None:
    """Line count of seed file `name`, or None when it is missing (reported elsewhere)."""
    lines = texts.raw_lines(name)
    return None if lines is None else len(lines)


Finding = tuple[str, str]  # (field of the reference: linjer or punkt, message)


@dataclass(frozen=True)
class CitationContext:
    """What every citation is checked against, worked out once per load."""

    sources: dict[str, Source]
    chains: dict[str, list[Source]]  # each source followed by the meetings it is part of
    seed_lines: dict[str, int | None]  # line count of each cited seed file (None: missing)
    # Findings by (kilde, linjer, punkt): many facts cite the same passage.
    findings: dict[tuple[str, str, str | None], tuple[Finding, ...]] = field(default_factory=dict)


def citation_context(sources: dict[str, LoadedFile], texts: SeedTexts) -> CitationContext:
    entities: dict[str, Source] = {k: v.entity for k, v in sources.items()}  # type: ignore[misc]
    files = {source.fil for source in entities.values()}
    return CitationContext(
        entities, {k: _chain(source, sources) for k, source in entities.items()},
        {fil: _seed_lines(texts, fil) for fil in files})


def check_citation(cite: Citation, context: CitationContext) -> list[tuple[PathKey, str]]:
    """(path, message) for each problem of one citation: its lines inside the source and the
    seed file, its `punkt` on the agenda and covering those lines."""
    reference = cite.reference
    key = (reference.kilde, reference.linjer, reference.punkt)
    found = context.findings.get(key)
    if found is None:
        found = context.findings[key] = _findings(reference, context)
    return [((*cite.path, name), message) for name, message in found]


def _findings(reference: Reference, context: CitationContext) -> tuple[Finding, ...]:
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
    if punkt is not None:
        chain = context.chains[source.id]
        numbered = [(s, a) for s in chain for a in s.punkter if a.nr == punkt]
        if not numbered:
            found.append(("punkt", f"punkt '{punkt}' findes ikke på dagsordenen for "
                                   f"'{source.id}'"))
        elif resolve_item(chain, punkt, reference.linjer) is None:
            where = "; ".join(f"'{s.id}' linje {a.linjer}" for s, a in numbered)
            found.append(("punkt", f"punkt '{punkt}' omfatter ikke linje {reference.linjer} "
                                   f"(punkt {punkt}: {where})"))
    return tuple(found)


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
        for index, agenda in enumerate(source.punkter):
            a_first, a_last = line_bounds(agenda.linjer)
            if a_first < first or a_last > last:
                problems.append(item.problem(("punkter", index, "linjer"), f"punktet ligger uden "
                                             f"for kildens linjer {source.linjer}"))
        for index, document in enumerate(source.henvisninger):
            d_first, d_last = line_bounds(document.linjer)
            if d_first < first or d_last > last:
                problems.append(item.problem(("henvisninger", index, "linjer"), f"linjen ligger "
                                             f"uden for kildens linjer {source.linjer}"))
    return problems
