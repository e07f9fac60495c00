"""Find every id reference and source citation inside a validated entity.

Reference fields are declared in the model with `ref(kind, ...)` (json_schema_extra x-ref), so
this walker needs no list of its own: a new reference field is checked as soon as it is declared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from .model.common import Reference
from .yamlsource import PathKey


@dataclass(frozen=True)
class IdRef:
    path: PathKey
    kind: str
    target: str


@dataclass(frozen=True)
class CitedSource(IdRef):
    """The source id inside a citation: checked like any id, but a citation, not a backlink."""


@dataclass(frozen=True)
class Citation:
    path: PathKey
    reference: Reference


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    """(field name, referenced kind or None) for every field of `model`, computed once."""
    plan = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra
        plan.append((name, extra.get("x-ref") if isinstance(extra, dict) else None))
    return tuple(plan)  # type: ignore[arg-type]


def walk(value: Any, path: PathKey = ()) -> Iterator[IdRef | Citation]:
    """Yield every id reference and citation below `value`, with its path."""
    if isinstance(value, Reference):
        yield Citation(path, value)
        yield CitedSource((*path, "kilde"), "kilder", value.kilde)
        return
    if isinstance(value, BaseModel):
        for name, kind in _fields(type(value)):
            child = getattr(value, name)
            if kind and isinstance(child, str):
                yield IdRef((*path, name), kind, child)
            elif kind and isinstance(child, list):
                for index, item in enumerate(child):
                    yield IdRef((*path, name, index), kind, item)
            else:
                yield from walk(child, (*path, name))
    elif isinstance(value, (list, tuple)) and value and isinstance(value[0], BaseModel):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))
