"""Find every id reference and source citation inside a validated entity.

Reference fields are declared in the model with `ref(kind, ...)` (json_schema_extra x-ref), so
this walker needs no list of its own: a new reference field is checked as soon as it is declared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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
class Citation:
    path: PathKey
    reference: Reference


def _ref_kind(model: type[BaseModel], name: str) -> str | None:
    extra = model.model_fields[name].json_schema_extra
    return extra.get("x-ref") if isinstance(extra, dict) else None  # type: ignore[return-value]


def walk(value: Any, path: PathKey = ()) -> Iterator[IdRef | Citation]:
    """Yield every id reference and citation below `value`, with its path."""
    if isinstance(value, Reference):
        yield Citation(path, value)
        yield IdRef((*path, "kilde"), "kilder", value.kilde)
        return
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            kind = _ref_kind(type(value), name)
            if kind and isinstance(child, str):
                yield IdRef((*path, name), kind, child)
            elif kind and isinstance(child, list):
                for index, item in enumerate(child):
                    yield IdRef((*path, name, index), kind, item)
            else:
                yield from walk(child, (*path, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))
