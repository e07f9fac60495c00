"""A citation as a contributor pastes it: kilde, linjer, punkt and the anchor, as YAML.

One format for every tool that writes a citation (`find`, `risikorunde`, `ny --kilde`) and for
the source-text page's "Kopiér henvisning" (docs/assets/henvisning.js builds the same text):
ids and line ranges plain, `punkt` in single quotes as the data write it, and the anchor's
texts as JSON strings (valid YAML double-quoted scalars, the same in Python and JavaScript).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ..load.yamlsource import YamlProblem, read_yaml
from ..model.agenda import holding_item
from ..model.common import LineRange, line_bounds, line_range
from ..model.sources import AgendaItem, Source, source_chain
from ..texts.anchors import EmptyPassage, anchor_fields, make_anchor
from ..texts.seedtext import raw_lines


@dataclass(frozen=True)
class Cited:
    """A citation ready to write: where it points and the anchor's fields."""

    kilde: str
    linjer: str
    punkt: str | None
    anker: dict[str, str]


class CitationError(Exception):
    """A Danish message: the citation cannot be made (unknown source, no text)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message + (f" {hint}" if hint else ""))


def read_sources(data_dir: Path) -> dict[str, Source]:
    """The valid sources in data/kilder/ by id (a tool reads only these; `make check` reports
    the rest)."""
    found: dict[str, Source] = {}
    for path in sorted((data_dir / "kilder").glob("*.yml")):
        try:
            source = Source.model_validate(read_yaml(path, path.name).data)
        except (YamlProblem, ValidationError):
            continue
        found[source.id] = source
    return found


def source_and_text(sources: dict[str, Source], source_id: str,
                    seeds: Path) -> tuple[list[Source], tuple[str, ...]]:
    """The source's chain (it, then the meetings it is part of) and its text's lines."""
    if source_id not in sources:
        close = difflib.get_close_matches(source_id, sources, n=1)
        raise CitationError(f"ukendt kilde '{source_id}'.",
                            f"Mente du '{close[0]}'?" if close else
                            "Kilderne står i data/kilder/ (filnavnet er id'et).")
    source = sources[source_id]
    # Read as the data check reads it (raw_lines: a changed file is read again, Symbol-font
    # bullets as bullets), so the anchor written is the one the check compares with.
    lines = raw_lines(seeds / source.fil)
    if lines is None:
        raise CitationError(f"kildeteksten {source.fil} til '{source_id}' findes ikke i {seeds}.",
                            "Sæt KOORDINERINGSBASEN_SEEDS til mappen med kildeteksterne.")
    return source_chain(source, sources.get), lines


def item_for(chain: Sequence[Source], first: int, last: int) -> tuple[Source, AgendaItem] | None:
    """The agenda item of lines first..last (agenda.holding_item)."""
    return holding_item(chain, line_range(first, last))


def cite(chain: Sequence[Source], lines: Sequence[str], first: int, last: int) -> Cited:
    """The citation of lines first..last of chain[0] (its text's lines, numbered as
    everywhere). Raises texts.anchors.EmptyPassage when the lines hold no text."""
    found = item_for(chain, first, last)
    return Cited(chain[0].id, line_range(first, last), found[1].nr if found else None,
                 anchor_fields(make_anchor(lines, first, last)))


def cite_lines(sources: dict[str, Source], source_id: str, linjer: str, seeds: Path) -> Cited:
    """The citation of `linjer` (as typed: "120-134") of a source, or CitationError."""
    chain, lines = source_and_text(sources, source_id, seeds)
    try:
        first, last = line_bounds(TypeAdapter(LineRange).validate_python(linjer))
    except ValidationError as exc:
        raise CitationError(str(exc.errors()[0]["msg"]).split(", ", 1)[-1]) from None
    span_first, span_last = line_bounds(chain[0].linjer)
    if first < span_first or last > min(span_last, len(lines)):
        raise CitationError(f"linje {linjer} ligger uden for kilden '{source_id}' "
                            f"(linje {chain[0].linjer})")
    try:
        return cite(chain, lines, first, last)
    except EmptyPassage:
        raise CitationError(f"linje {linjer} er tomme i {chain[0].fil}") from None


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def reference_lines(cited: Cited) -> list[str]:
    """The fields of a reference (no indentation): kilde, linjer, punkt, anker."""
    out = [f"kilde: {cited.kilde}", f"linjer: {cited.linjer}"]
    if cited.punkt is not None:
        out.append("punkt: '" + cited.punkt.replace("'", "''") + "'")
    out.append("anker:")
    out += [f"  {key}: {_quoted(value)}" for key, value in cited.anker.items()]
    return out


def block(cited: Cited) -> str:
    """The citation as a `kilde:` block to paste into a fact."""
    return "\n".join(["kilde:", *("  " + line for line in reference_lines(cited))]) + "\n"
