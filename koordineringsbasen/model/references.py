"""Find every id reference and source citation inside a validated entity.

Reference fields are declared in the model with `ref(kind, ...)` (json_schema_extra x-ref), so
this walker needs no list of its own: a new reference field is checked as soon as it is declared.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel

from .common import PathKey, Reference


class IdRef(NamedTuple):  # tuples: every load makes one per link of every file
    path: PathKey
    kind: str
    target: str


class CitedSource(IdRef):
    """The source id inside a citation: checked like any id, but a citation, not a backlink."""

    __slots__ = ()


class Citation(NamedTuple):
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


def walk(value: Any, path: PathKey = ()) -> list[IdRef | Citation]:
    """Every id reference and citation below `value`, with its path, in field order."""
    found: list[IdRef | Citation] = []
    _walk(value, path, found)
    return found


def _walk(value: Any, path: PathKey, found: list[IdRef | Citation]) -> None:
    # A plain recursion appending to one list, entered only where links can be: this visits
    # every value of every file.
    if isinstance(value, Reference):
        found.append(Citation(path, value))
        found.append(CitedSource((*path, "kilde"), "kilder", value.kilde))
    elif isinstance(value, BaseModel):
        for name, kind in _fields(type(value)):
            child = getattr(value, name)
            if kind and isinstance(child, str):
                found.append(IdRef((*path, name), kind, child))
            elif kind and isinstance(child, list):
                for index, item in enumerate(child):
                    found.append(IdRef((*path, name, index), kind, item))
            elif isinstance(child, (BaseModel, list, tuple)):
                _walk(child, (*path, name), found)
    elif isinstance(value, (list, tuple)) and value and isinstance(value[0], BaseModel):
        for index, item in enumerate(value):
            _walk(item, (*path, index), found)
