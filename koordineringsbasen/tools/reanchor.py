"""`genanker`: move line ranges to where their text now stands, after a new extraction.

- A citation moves to where its anchor's passage is found (texts/relocate.locate), only when
  that place is certain; a passage found nowhere, or at places that cannot be told apart, is
  reported and left as it is.
- An agenda item moves to where its heading (number and title) now stands. Its last line
  keeps its distance to the next item's heading; the last item's last line moves as the last
  citation in it did (else as its heading) and reaches over the citations it held.
- A `henvisninger` line moves to the one line that now holds its address.
- A source's own span moves with the first and last of all the above in it (a span starting at
  line 1 stays there), and always covers its agenda items.

Edits are written by position (tools/yaml_edit): every other byte stays as it was.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Source
from ..model.common import PathKey, line_bounds, line_range
from ..texts.relocate import (
    AMBIGUOUS,
    MISSING,
    MOVED,
    OK,
    TextIndex,
    Verdict,
    find_heading,
    locate,
)
from .data_files import DataFile, read_for_source, shown, source_lines, write_text
from .yaml_edit import EditError, Editor


@dataclass
class Move:
    rel: str
    line: int  # of the value in the data file
    path: PathKey
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.rel}:{self.line}: {shown(self.path)}: {self.old} → {self.new}"


@dataclass
class ReanchorReport:
    moved: list[Move] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)  # not moved: not found or not certain
    problems: list[str] = field(default_factory=list)  # files or texts that could not be read
    files: list[str] = field(default_factory=list)
    ok: int = 0

    @property
    def remaining(self) -> bool:
        return bool(self.unsure or self.problems)


@dataclass
class _Shift:
    """Old line → new line of everything found in one source text (its landmarks)."""

    marks: list[tuple[int, int]] = field(default_factory=list)  # (old first, new first)
    ends: list[tuple[int, int]] = field(default_factory=list)  # (old last, new last)


def _unsure(where: str, verdict: Verdict, old: str, what: str) -> str:
    if verdict.status == AMBIGUOUS:
        places = ", ".join(line_range(a, b) for a, b in verdict.places)
        return f"{where}: {old}: {what} står flere steder (linje {places}); ikke flyttet"
    return f"{where}: {old}: {what} findes ikke længere i kildeteksten; ikke flyttet"


def reanchor(data_dir: Path, seeds: Path, source_id: str | None = None) -> ReanchorReport:
    """Move every line range (of `source_id`'s text, when given) to where its text stands."""
    report = ReanchorReport()
    files, sources, report.problems = read_for_source(data_dir, source_id)
    if source_id is not None and source_id not in sources:
        return report
    # A text holds a meeting and its appendices: all of them move with it.
    wanted = {s.id for s in sources.values()
              if source_id is None or s.fil == sources[source_id].fil}
    indexes: dict[str, TextIndex | None] = {}

    def index_of(source: Source) -> TextIndex | None:
        if source.fil not in indexes:
            lines = source_lines(seeds, source)
            indexes[source.fil] = None if lines is None else TextIndex(lines)
            if lines is None:
                report.problems.append(f"kildeteksten {source.fil} findes ikke i {seeds}")
        return indexes[source.fil]

    editors = {f.rel: Editor(f.text, f.rel) for f in files}
    shifts: dict[str, _Shift] = defaultdict(_Shift)  # by source id
    held: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # source: (old, new first, last)
    for data_file in files:
        for cite in data_file.citations:
            reference = cite.reference
            source = sources.get(reference.kilde)
            if source is None or source.id not in wanted or (index := index_of(source)) is None:
                continue
            where = f"{data_file.rel}: {shown((*cite.path, 'linjer'))}"
            if reference.anker is None:
                report.unsure.append(f"{where}: {reference.linjer}: intet anker; kør "
                                     f"'python -m koordineringsbasen anker' først")
                continue
            first, last = line_bounds(reference.linjer)
            verdict = locate(reference.anker, first, last, index)
            if verdict.status in (MISSING, AMBIGUOUS):
                report.unsure.append(_unsure(where, verdict, reference.linjer, "teksten"))
                continue
            shifts[source.id].marks.append((first, verdict.first))
            shifts[source.id].ends.append((last, verdict.last))
            held[source.id].append((first, verdict.first, verdict.last))
            if verdict.status == OK:
                report.ok += 1
                continue
            _move(report, editors[data_file.rel], data_file, (*cite.path, "linjer"),
                  reference.linjer, verdict.linjer)
    for data_file in files:
        entity = data_file.entity
        if isinstance(entity, Source) and entity.id in wanted and (
                index := index_of(entity)) is not None:
            _reanchor_source(report, editors[data_file.rel], data_file, entity, index,
                             shifts[entity.id], held[entity.id])
    for data_file in files:
        editor = editors[data_file.rel]
        if editor.changed:
            write_text(data_file.path, editor.result())
            report.files.append(data_file.rel)
    return report


def _move(report: ReanchorReport, editor: Editor, data_file: DataFile, path: PathKey,
          old: str, new: str) -> None:
    where = data_file.yaml_path(path)
    try:
        editor.set_scalar(where, new)
    except EditError as exc:
        report.problems.append(str(exc))
        return
    report.moved.append(Move(data_file.rel, editor.nodes[where].line + 1, path, old, new))


def _reanchor_source(report: ReanchorReport, editor: Editor, data_file: DataFile,
                     source: Source, index: TextIndex, shift: _Shift,
                     held: list[tuple[int, int, int]]) -> None:
    total = len(index.lines)
    starts: dict[int, int] = {}  # item index: new first line
    for number, item in enumerate(source.punkter):
        first, _ = line_bounds(item.linjer)
        verdict = find_heading(index, item.nr, item.titel, first)
        if verdict.status in (OK, MOVED):
            starts[number] = verdict.first
            shift.marks.append((first, verdict.first))
        else:
            where = f"{data_file.rel}: {shown(('punkter', number, 'linjer'))}"
            report.unsure.append(_unsure(where, verdict, item.linjer,
                                         f"overskriften '{item.nr} {item.titel}'"))
    old_items = [line_bounds(item.linjer) for item in source.punkter]
    lasts: dict[int, int] = {}
    for number, new_first in starts.items():
        old_first, old_last = old_items[number]
        following = [(old_items[j][0], j) for j in starts if old_items[j][0] > old_last]
        if following:  # it ends where it ended before the next heading
            next_old, j = min(following)
            lasts[number] = starts[j] - (next_old - old_last)
        else:  # the last item: moved as the last citation in it, and over those it held
            inside = sorted(end for end in shift.ends if old_first <= end[0] <= old_last)
            moved_by = inside[-1][1] - inside[-1][0] if inside else new_first - old_first
            lasts[number] = max([old_last + moved_by,
                                 *(last for old, _, last in held if old_first <= old <= old_last)])
    news: dict[int, tuple[int, int]] = {}
    for number, new_last in lasts.items():
        old_first, old_last = old_items[number]
        # An item holding sub-items (9 over 9.1-9.8) reaches at least over them.
        new_last = max([new_last, *(lasts[k] for k in lasts
                                    if k != number and old_first <= old_items[k][0] <= old_last)])
        if not starts[number] <= new_last <= total:
            where = f"{data_file.rel}: {shown(('punkter', number, 'linjer'))}"
            report.unsure.append(f"{where}: {source.punkter[number].linjer}: punktets sidste "
                                 f"linje kan ikke findes sikkert; ikke flyttet")
            continue
        news[number] = (starts[number], new_last)
        shift.ends.append((old_last, new_last))
    for number, (new_first, new_last) in sorted(news.items()):
        old = source.punkter[number].linjer
        new = line_range(new_first, new_last)
        if new != old:
            _move(report, editor, data_file, ("punkter", number, "linjer"), old, new)
    for number, document in enumerate(source.henvisninger):
        first, last = line_bounds(document.linjer)
        holding = _lines_with_address(index.lines, document.adresse)
        where = f"{data_file.rel}: {shown(('henvisninger', number, 'linjer'))}"
        if any(first <= n <= last for n in holding):
            continue
        if not holding:
            report.unsure.append(_unsure(where, Verdict(MISSING), document.linjer, "adressen"))
            continue
        # The same address on several lines: any of them is right; the nearest is taken.
        nearest = min(holding, key=lambda n: (abs(n - first), n))
        shift.marks.append((first, nearest))
        _move(report, editor, data_file, ("henvisninger", number, "linjer"), document.linjer,
              str(nearest))
    _reanchor_span(report, editor, data_file, source, total, shift, list(news.values()))


def _lines_with_address(lines: Sequence[str], address: str) -> list[int]:
    """The lines holding `address` as a whole address (not the start of a longer one)."""
    whole = re.compile(re.escape(address) + r"(?![\w/#?=&%~+-])")
    return [n for n, line in enumerate(lines, start=1) if address in line and whole.search(line)]


def _reanchor_span(report: ReanchorReport, editor: Editor, data_file: DataFile,
                   source: Source, total: int, shift: _Shift,
                   items: list[tuple[int, int]]) -> None:
    """The source's own span, moved with the first and last landmark found in it."""
    first, last = line_bounds(source.linjer)
    inside = sorted(m for m in shift.marks if first <= m[0] <= last)
    ends = sorted(m for m in shift.ends if first <= m[0] <= last)
    if not inside or not ends:
        return  # nothing in it was found: the span is left as it is
    new_first = first if first == 1 else max(1, first + inside[0][1] - inside[0][0])
    new_last = min(total, last + ends[-1][1] - ends[-1][0])
    new_first = min([new_first, *(a for a, _ in items)])
    new_last = max([new_last, *(b for _, b in items)])
    new = line_range(new_first, new_last)
    if new != source.linjer:
        _move(report, editor, data_file, ("linjer",), source.linjer, new)
