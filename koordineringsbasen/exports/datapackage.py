"""The Frictionless Data Package descriptor (api/datapackage.json) for the CSV and JSON files."""

from __future__ import annotations

from typing import Any

from ..model.common import PARTIAL_DATE
from ..urls import SiteInfo
from .licence import LICENCE
from .tables import Column, Table

CSV_DIALECT = {"delimiter": ";", "quoteChar": '"', "doubleQuote": True, "header": True}
CSV_ENCODING = "utf-8-sig"  # UTF-8 with BOM, so Danish Excel reads æøå


def field_descriptor(column: Column) -> dict[str, Any]:
    descriptor: dict[str, Any] = {"name": column.name, "description": column.description}
    constraints: dict[str, Any] = {}
    if column.value_type == "heltal":
        descriptor["type"] = "integer"
    elif column.value_type == "tal":
        descriptor.update(type="number", decimalChar=",")
    elif column.value_type == "sandhed":
        descriptor.update(type="boolean", trueValues=["true"], falseValues=["false"])
    elif column.value_type == "url":
        descriptor.update(type="string", format="uri")
    else:
        descriptor["type"] = "string"
    if column.value_type == "dato":
        constraints["pattern"] = PARTIAL_DATE.pattern.strip("^$")
    if column.choices:
        constraints["enum"] = list(column.choices)
    if column.required:
        constraints["required"] = True
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def _foreign_keys(table: Table) -> list[dict[str, Any]]:
    keys = []
    for column in table.columns:
        target = column.ref
        if not target or column.value_type == "liste":
            continue
        resource = "" if target == table.name else target  # "" is the table itself
        keys.append({"fields": [column.name],
                     "reference": {"resource": resource, "fields": ["id"]}})
    return keys


def table_resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [field_descriptor(c) for c in table.columns],
        "missingValues": [""],
        "primaryKey": table.primary_key,
    }
    foreign = _foreign_keys(table)
    if foreign:
        schema["foreignKeys"] = foreign
    return {
        "name": table.name,
        "title": table.title,
        "path": table.path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": CSV_ENCODING,
        "dialect": CSV_DIALECT,
        "schema": schema,
    }


def descriptor(tables: list[Table], site: SiteInfo) -> dict[str, Any]:
    """Describe every CSV table (with field types and keys) and the JSON file with everything."""
    resources = [table_resource(t) for t in tables]
    resources.append({
        "name": "alt",
        "title": "Alle enheder og ordlisten i én JSON-fil",
        "path": "alt.json",
        "profile": "data-resource",
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
    })
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": "koordineringsbasen",
        "title": "Koordineringsbasen",
        "description": ("Målgrupper, tilbud, centrale udmeldinger, kilder og organisationer i den "
                        "nationale koordination af det specialiserede socialområde. Hvert faktum "
                        "har en kildehenvisning (kilde, linjer, punkt)."),
        "created": f"{site.today.isoformat()}T00:00:00Z",
        "licenses": [{"name": LICENCE.spdx, "title": LICENCE.title, "path": LICENCE.url}],
        "resources": resources,
    }
    if site.base:
        package["homepage"] = site.base
    return package
