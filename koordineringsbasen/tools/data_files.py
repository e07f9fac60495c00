"""The data files as the editing tools need them: text, validated entity, citations, sources.

The tools run on data the check rejects (a missing anchor, moved lines), so they read each
file on their own (the loader's reader and model) instead of loading the whole catalog.
A file that does not parse or validate is reported and left alone.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from ..catalog import KINDS
from ..load.checks.validation import validate_document
from ..load.loader import GLOSSARY_FILE
from ..load.yamlsource import YamlProblem, read_yaml
from ..model import ENTITY_MODELS, Glossary, Source
from ..model.common import PathKey, field_path
from ..model.references import Citation, walk
from ..texts.seedtext import raw_lines


@dataclass
class DataFile:
    path: Path
    rel: str  # as shown in messages: relative to the data folder's parent
    text: str
    entity: BaseModel
    prefix: PathKey = ()  # the glossary's model paths start with 'root'

    @property
    def citations(self) -> list[Citation]:
        return [link for link in walk(self.entity) if isinstance(link, Citation)]

    def yaml_path(self, path: PathKey) -> PathKey:
        """A model path as the file's YAML path (the glossary's 'root' left out)."""
        return path[len(self.prefix):]


def shown(path: PathKey) -> str:
    return field_path(path)


def read_data(data_dir: Path) -> tuple[list[DataFile], list[str]]:
    """Every data file that validates, and a message for each that does not."""
    files: list[DataFile] = []
    problems: list[str] = []
    base = data_dir.resolve().parent
    entries = [(kind, path) for kind in KINDS if (data_dir / kind).is_dir()
               for path in sorted((data_dir / kind).glob("*.y*ml"))]
    if (data_dir / GLOSSARY_FILE).is_file():
        entries.append(("ordliste", data_dir / GLOSSARY_FILE))
    for kind, path in entries:
        rel = path.resolve().relative_to(base).as_posix() if path.resolve().is_relative_to(
            base) else path.as_posix()
        try:
            doc = read_yaml(path, rel)
        except YamlProblem as exc:
            problems.append(str(exc.problem))
            continue
        model = Glossary if kind == "ordliste" else ENTITY_MODELS[kind]
        entity, errors = validate_document(model, doc, rel)
        if entity is None:
            problems.extend(str(error) for error in errors)
            continue
        files.append(DataFile(path, rel, doc.text, entity,
                              ("root",) if kind == "ordliste" else ()))
    return files, problems


def sources_of(files: list[DataFile]) -> dict[str, Source]:
    return {f.entity.id: f.entity for f in files if isinstance(f.entity, Source)}


def read_for_source(data_dir: Path, source_id: str | None
                    ) -> tuple[list[DataFile], dict[str, Source], list[str]]:
    """The data files, their sources and the problems, for a tool that works on the citations
    of one source (`source_id`) or of all; an unknown source is a problem of its own."""
    files, problems = read_data(data_dir)
    sources = sources_of(files)
    if source_id is not None and source_id not in sources:
        problems.append(f"kilden '{source_id}' findes ikke i {data_dir}/kilder")
    return files, sources, problems


def source_lines(seeds: Path, source: Source) -> tuple[str, ...] | None:
    return raw_lines(seeds / source.fil)


def write_text(path: Path, text: str) -> None:
    """Replace the file's text atomically (a half-written data file is never left)."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=path.parent,
                                     delete=False, suffix=".tmp") as handle:
        handle.write(text)
    os.chmod(handle.name, path.stat().st_mode & 0o777)
    os.replace(handle.name, path)
