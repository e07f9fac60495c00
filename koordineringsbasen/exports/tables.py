"""Flat tables for the CSV export: one per kind, plus one per list of blocks (e.g. kapacitet).

Columns are derived from the model, so every row of a table has the same columns whatever the
data hold. Nested blocks become prefixed columns (`resultat_status`); a source reference becomes
three (`kilde`, `kilde_linjer`, `kilde_punkt`); a list of plain values is joined with " | ".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ..catalog import KINDS, Catalog
from ..danish.writing import excel_number
from ..model import ENTITY_MODELS, GlossaryEntry
from ..model.fields import FieldSpec, child_tables, field_specs
from ..render.labels import KIND_PLURAL
from ..urls import SiteInfo
from .guards import csv_cell

LIST_SEPARATOR = " | "
SINGULAR = {folder: kind.ascii_singular for folder, kind in KINDS.items()}
ROW_COLUMN = "raekke"


@dataclass(frozen=True)
class Column:
    name: str
    value_type: str  # a FieldSpec value type, or "liste" (joined values), "json", "url"
    description: str
    get: Callable[[Any], Any]
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # the kind whose id this column holds


@dataclass(frozen=True)
class Table:
    name: str  # resource name, also the file stem: api/<name>.csv
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    parent: str | None = None  # for child tables: the kind whose rows they extend
    key: tuple[str, ...] = ("id",)

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def primary_key(self) -> list[str]:
        return [parent_column(self.parent), ROW_COLUMN] if self.parent else list(self.key)


def parent_column(kind: str) -> str:
    """The column of a child table that holds the parent's id, e.g. tilbud_id."""
    return f"{SINGULAR[kind]}_id"


def _attr(name: str, inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def get(obj: Any) -> Any:
        value = inner(obj)
        return None if value is None else getattr(value, name)
    return get


def _identity(obj: Any) -> Any:
    return obj


def columns_for(model: type[BaseModel], *, nested_lists: bool, prefix: str = "",
                get: Callable[[Any], Any] = _identity, required: bool = True) -> list[Column]:
    """Columns for `model`; `nested_lists` keeps lists of blocks as JSON text columns."""
    result: list[Column] = []
    for spec in field_specs(model):
        name, getter = prefix + spec.name, _attr(spec.name, get)
        needed = required and spec.required
        if spec.value_type == "blok" and spec.many:
            if nested_lists:
                result.append(Column(name, "json", spec.description, getter))
        elif spec.value_type == "blok":
            assert spec.model is not None
            inner = columns_for(spec.model, nested_lists=True, prefix=name + "_", get=getter,
                                required=needed)
            if spec.is_reference:  # kilde_kilde -> kilde: the source id carries the field's name
                inner[0] = Column(name, "id", spec.description or "Kildens id", inner[0].get,
                                  needed, ref="kilder")
            result.extend(inner)
        elif spec.many:
            result.append(Column(name, "liste", spec.description, getter, ref=spec.ref))
        else:
            result.append(Column(name, spec.value_type, spec.description, getter, needed,
                                 spec.choices, spec.ref))
    return result


def cell(column: Column, value: Any) -> str:
    """The CSV cell of `value`; every cell that is not a number is guarded against formula
    injection, whatever its column (text, lists, JSON, ids, dates, addresses)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and column.value_type not in ("json", "liste"):
        return excel_number(value)
    if column.value_type == "json":
        text = json.dumps([v.model_dump(mode="json") for v in value], ensure_ascii=False) \
            if value else ""
    elif column.value_type == "liste":
        text = LIST_SEPARATOR.join(str(v.value if isinstance(v, Enum) else v) for v in value)
    elif isinstance(value, Enum):
        text = str(value.value)
    else:
        text = str(value)
    return csv_cell(text)


def _rows(columns: list[Column], items: list[Any]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cell(c, c.get(item)) for c in columns) for item in items)


def entity_table(catalog: Catalog, site: SiteInfo, kind: str) -> Table:
    columns = columns_for(ENTITY_MODELS[kind], nested_lists=False)
    columns.append(Column("url", "url", "Enhedens side på Koordineringsbasen",
                          lambda e: site.page_url(kind, e.id), True))
    return Table(kind, KIND_PLURAL[kind], tuple(columns), _rows(columns, catalog.all(kind)))


def child_table(catalog: Catalog, kind: str, spec: FieldSpec) -> Table:
    """One row per element of the list `spec` (e.g. kapacitet) of every entity of `kind`."""
    assert spec.model is not None
    inner = columns_for(spec.model, nested_lists=True)
    columns = (Column(parent_column(kind), "id", f"Id i {kind}", _identity, True, ref=kind),
               Column(ROW_COLUMN, "heltal", "Rækkens nummer i listen (1, 2, ...)", _identity,
                      True),
               *inner)
    rows = tuple((entity.id, str(index), *(cell(c, c.get(item)) for c in inner))
                 for entity in catalog.all(kind)
                 for index, item in enumerate(getattr(entity, spec.name), start=1))
    return Table(f"{kind}-{spec.name.replace('_', '-')}", f"{KIND_PLURAL[kind]}: {spec.name}",
                 columns, rows, parent=kind)


def glossary_table(catalog: Catalog) -> Table:
    columns = columns_for(GlossaryEntry, nested_lists=True)
    # An entry is an abbreviation or a term; the headword column is the key either way.
    columns.insert(0, Column("ord", "tekst", "Forkortelsen eller begrebet (opslagsordet)",
                             lambda e: e.ord, True))
    return Table("ordliste", "Ordliste", tuple(columns), _rows(columns, list(catalog.glossary)),
                 key=("ord",))


def all_tables(catalog: Catalog, site: SiteInfo) -> list[Table]:
    tables = []
    for kind in KINDS:
        tables.append(entity_table(catalog, site, kind))
        tables.extend(child_table(catalog, kind, spec)
                      for spec in child_tables(ENTITY_MODELS[kind]))
    tables.append(glossary_table(catalog))
    return tables
