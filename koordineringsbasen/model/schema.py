"""JSON Schema for each data kind, generated from the model (and checked to be up to date)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from . import ENTITY_MODELS, Glossary

SCHEMA_DIR = "schemas"


def schemas() -> dict[str, dict]:
    """File name -> JSON Schema, for every kind and the glossary."""
    result = {}
    for kind, model in ENTITY_MODELS.items():
        schema = model.model_json_schema()
        schema["$id"] = f"{kind}.schema.json"
        result[f"{kind}.schema.json"] = schema
    glossary = Glossary.model_json_schema()
    glossary["$id"] = "ordliste.schema.json"
    result["ordliste.schema.json"] = glossary
    return result


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@cache
def rendered_schemas() -> dict[str, str]:
    """File name -> the schema file's text (made once per process: the models do not change)."""
    return {name: render(schema) for name, schema in schemas().items()}


def write_schemas(root: Path) -> list[Path]:
    target = root / SCHEMA_DIR
    target.mkdir(exist_ok=True)
    written = []
    for name, text in rendered_schemas().items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(root: Path) -> list[str]:
    """Names of committed schema files that differ from what the model produces."""
    stale = []
    for name, text in rendered_schemas().items():
        path = root / SCHEMA_DIR / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
