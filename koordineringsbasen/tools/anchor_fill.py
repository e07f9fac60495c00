"""`anker`: record on every citation what its lines say (texts/anchors.make_anchor).

Each citation the reference walker finds (kilder lists, the source of a time-series row, of an
event, of a disagreement …) gets an `anker` block as its last field, written into the YAML file
by position (tools/yaml_edit): every other byte of the file stays as it was. Citations that
already have one are left alone unless `renew` is asked for. Run it only while the cited lines
are right: it records what they say now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model.common import line_bounds
from ..texts.anchors import EmptyPassage, anchor_fields, make_anchor
from .data_files import read_for_source, shown, source_lines, write_text
from .yaml_edit import EditError, Editor


@dataclass
class FillReport:
    written: int = 0  # anchors written
    files: list[str] = field(default_factory=list)  # files changed
    problems: list[str] = field(default_factory=list)
    skipped: int = 0  # citations that had an anchor already


def fill(data_dir: Path, seeds: Path, source_id: str | None = None,
         renew: bool = False) -> FillReport:
    """Write the anchor of every citation (of `source_id`, when given) that lacks one."""
    report = FillReport()
    files, sources, report.problems = read_for_source(data_dir, source_id)
    if source_id is not None and source_id not in sources:
        return report
    for data_file in files:
        editor = Editor(data_file.text, data_file.rel)
        for cite in data_file.citations:
            reference = cite.reference
            if source_id is not None and reference.kilde != source_id:
                continue
            if reference.anker is not None and not renew:
                report.skipped += 1
                continue
            where = f"{data_file.rel}: {shown(cite.path)}"
            source = sources.get(reference.kilde)
            if source is None:
                report.problems.append(f"{where}: kilden '{reference.kilde}' findes ikke")
                continue
            lines = source_lines(seeds, source)
            first, last = line_bounds(reference.linjer)
            if lines is None:
                report.problems.append(f"{where}: kildeteksten {source.fil} findes ikke i "
                                       f"{seeds}")
                continue
            if last > len(lines):
                report.problems.append(f"{where}: linje {last} findes ikke; {source.fil} har "
                                       f"{len(lines)} linjer")
                continue
            try:
                anchor = make_anchor(lines, first, last)
                editor.set_mapping(data_file.yaml_path(cite.path), "anker",
                                   anchor_fields(anchor))
            except EmptyPassage:
                report.problems.append(f"{where}: linje {reference.linjer} i {source.fil} er "
                                       f"tomme")
                continue
            except EditError as exc:
                report.problems.append(str(exc))
                continue
            report.written += 1
        if editor.changed:
            write_text(data_file.path, editor.result())
            report.files.append(data_file.rel)
    return report
