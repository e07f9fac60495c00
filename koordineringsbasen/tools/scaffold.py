"""`ny TYPE NAVN`: write a new data file with every required field, ready to fill in.

Required values are left as empty text (""), each with a comment saying what belongs there, so
the data check fails (with file and line) until every one is filled: a half-filled file cannot
slip into the site. Empty text rather than YAML null, because a null has no position of its own
and the check would point at the next line. Optional fields are listed in a comment at the end.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from ..danish.slugs import slugify
from ..model import ENTITY_MODELS, KINDS
from ..model.common import Reference
from ..model.fields import FieldSpec, field_specs
from ..model.schema import SCHEMA_DIR
from ..settings import ROOT

MARK = "UDFYLD"
KIND_NAMES = {name: folder for folder, kind in KINDS.items() for name in (folder, *kind.names)}


class ScaffoldError(Exception):
    """A Danish message for the person who ran `make ny`."""


def resolve_kind_or_none(name: str) -> str | None:
    """The kind folder `name` means (any of its names), or None."""
    return KIND_NAMES.get(name.strip().lower())


def resolve_kind(name: str) -> str:
    kind = resolve_kind_or_none(name)
    if kind is None:
        raise ScaffoldError(f"ukendt type '{name}'; brug en af: {', '.join(ENTITY_MODELS)}")
    return kind


def _hint(spec: FieldSpec) -> str:
    if spec.choices:
        text = f"vælg én af: {', '.join(spec.choices)}"
    elif spec.value_type == "id" and spec.ref:
        text = f"id på en fil i data/{spec.ref}/"
    else:
        text = spec.description or spec.type_label()
    if spec.value_type == "dato" and spec.description and "ÅÅÅÅ" not in text:
        text += " (ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ)"
    return text


def optional_note(model: type[BaseModel]) -> str:
    names = [s.name for s in field_specs(model) if not s.required]
    return f"valgfri: {', '.join(names)}" if names else ""


def _block(model: type[BaseModel], indent: str, first_prefix: str,
           citation: Sequence[str] = ()) -> list[str]:
    """Lines for the required fields of `model`; the first line starts with `first_prefix`.
    A citation block (Reference) is `citation`'s lines when given (`ny --kilde --linjer`)."""
    if model is Reference and citation:
        return [first_prefix + citation[0], *(indent + line for line in citation[1:])]
    lines: list[str] = []
    for spec in (s for s in field_specs(model) if s.required):
        prefix = first_prefix if not lines else indent
        lines.extend(_field(spec, prefix, indent, citation))
    note = optional_note(model)
    if note:
        lines.append(f"{indent}# {note}")
    return lines


def _field(spec: FieldSpec, prefix: str, indent: str, citation: Sequence[str] = ()) -> list[str]:
    if spec.value_type == "blok" and spec.model is not None:
        filled = spec.model is Reference and citation
        head = f"{prefix}{spec.name}:" + ("" if filled else
                                         f"  # {MARK}: {spec.description or spec.type_label()}")
        if spec.many:
            return [head, *_block(spec.model, indent + "    ", indent + "  - ", citation)]
        return [head, *_block(spec.model, indent + "  ", indent + "  ", citation)]
    if spec.many:
        return [f"{prefix}{spec.name}:  # {MARK}: {_hint(spec)}", f'{indent}  - ""']
    return [f'{prefix}{spec.name}: ""  # {MARK}: {_hint(spec)}']


def scaffold_text(kind: str, entity_id: str, name: str, schema_ref: str,
                  citation: Sequence[str] = ()) -> str:
    """The text of a new data file for `kind`; its required citations are `citation` (the
    lines of tools.citation_block.reference_lines) when given."""
    model = ENTITY_MODELS[kind]
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# Ny fil lavet med 'make ny'. Udfyld alle felter markeret {MARK}, slet kommentarerne,",
        "# og kør 'make check'. Hver kildehenvisning skal have kilde (id), linjer og evt. punkt.",
        f"id: {entity_id}",
        f"navn: {json.dumps(name, ensure_ascii=False)}",
    ]
    for spec in field_specs(model):
        if spec.required and spec.name not in ("id", "navn"):
            lines.extend(_field(spec, "", "", citation))
    optional = [s for s in field_specs(model) if not s.required]
    if optional:
        lines.append("# Valgfrie felter (se feltlisten på siden 'Om data'):")
        lines.extend(f"#   {s.name}: {s.description or s.type_label()}{_subfields(s)}"
                     for s in optional)
    return "\n".join(lines) + "\n"


def _subfields(spec: FieldSpec) -> str:
    """' (felter: a, b, c)' for a block that is no citation: what to write inside it."""
    if spec.model is None or spec.is_reference:
        return ""
    return f" (felter: {', '.join(s.name for s in field_specs(spec.model))})"


def cites(kind: str) -> bool:
    """Whether a new file of `kind` has a required citation to fill."""
    return any(line.lstrip(" -").startswith("kilde: ") for line in
               scaffold_text(kind, "x", "x", "x", ["kilde: MARK"]).splitlines())


def create(data_dir: Path, kind_name: str, name: str, citation: Sequence[str] = ()) -> Path:
    """Write data/<kind>/<slug>.yml; refuse to overwrite an existing file."""
    kind = resolve_kind(kind_name)
    if citation and not cites(kind):
        raise ScaffoldError(f"en ny {kind_name} har ingen påkrævet kildehenvisning; udelad "
                            f"--kilde og --linjer")
    entity_id = slugify(name)
    if not entity_id:
        raise ScaffoldError(f"navnet '{name}' giver ikke et gyldigt id; brug bogstaver eller tal")
    target = data_dir / kind / f"{entity_id}.yml"
    if target.exists():
        raise ScaffoldError(f"{target} findes allerede; ret den fil i stedet")
    schema = Path(os.path.relpath(ROOT / SCHEMA_DIR / f"{kind}.schema.json", target.parent))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold_text(kind, entity_id, name, schema.as_posix(), citation),
                      encoding="utf-8")
    return target

