"""One loaded data file: its validated entity, where it came from, and what it links to.

The loader makes these; the checks locate their problems through them (`problem`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from ..model.common import PathKey, field_path
from ..model.references import Citation, IdRef
from .problems import Problem
from .yamlsource import YamlDocument, locate


@dataclass
class LoadedFile:
    entity: BaseModel
    rel: str
    doc: YamlDocument
    prefix: PathKey = ()  # the glossary's model path starts with 'root'
    links: tuple[IdRef | Citation, ...] = ()
    local: tuple[tuple[PathKey, str], ...] = ()  # file-local findings: (path, message)
    cache_key: str | None = None  # the file's key in the data cache, when it has one

    def problem(self, path: PathKey, message: str) -> Problem:
        line, col = locate(self.doc.positions, path[len(self.prefix):])
        return Problem(self.rel, line, col, field_path(path), message)
