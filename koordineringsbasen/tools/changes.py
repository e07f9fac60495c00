"""`diff REV1 REV2`: what changed in the data between two git revisions, in plain Danish.

Both revisions' data/ are extracted with `git archive`, validated with load_catalog and compared
field by field. Time series are matched by what identifies a row (each row model's `row_key`:
year and ydelse, assessment round, date and type, ...), so a line reads "Tilbud X: pladser 2025 81 → 84", not "kapacitet[2]".
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..catalog import KINDS, Catalog, build_catalog
from ..danish.writing import number
from ..load.loader import load_catalog
from ..model import Reference
from ..model.common import Strict
from ..model.fields import FieldSpec, field_specs
from ..model.labels import enum_label
from ..model.labels import field_label as label
from ..render.labels import KIND_SINGULAR, date_da
from ..texts.seedtext import SeedTexts

LONG_TEXT = 60

# A diff compares data, not citations: it reads no source text.
NO_TEXTS = SeedTexts(None)


def fmt(value: Any) -> str:
    """A value as a person reads it: Danish numbers, labels for levels, dates in words."""
    if value is None or value == [] or value == "":
        return "–"
    if isinstance(value, Enum):
        text = enum_label(value)
        return text[:1].lower() + text[1:]
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, Reference):
        place = f", punkt {value.punkt}" if value.punkt else ""
        return f"{value.kilde} linje {value.linjer}{place}"
    return str(value)


def _is_long(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > LONG_TEXT or "\n" in value)


def _key(row: BaseModel, fields: tuple[str, ...]) -> str:
    parts = []
    for name in fields:
        value = getattr(row, name, None)
        if isinstance(value, int) and not isinstance(value, bool):
            parts.append(str(value))  # a year: 2025, not 2.025
        elif value is not None:
            parts.append(date_da(value) if name == "dato" and isinstance(value, str) else fmt(value))
    return " ".join(parts)


def _summary(row: BaseModel, key_fields: tuple[str, ...], main: str | None) -> str:
    if main is not None:
        value = getattr(row, main)
        return "" if _is_long(value) else _show(value, field_kind(type(row), main))
    shown = [f"{label(s.name)} {fmt(getattr(row, s.name))}" for s in field_specs(type(row))
             if s.value_type in ("heltal", "tal", "valg") and s.name not in key_fields
             and getattr(row, s.name) is not None]
    return ", ".join(shown)


def _compare_rows(name: str, key: str, old: BaseModel, new: BaseModel,
                  main: str | None) -> Iterator[str]:
    for spec in field_specs(type(old)):
        before, after = getattr(old, spec.name), getattr(new, spec.name)
        if before == after:
            continue
        if spec.name == main:
            where = f"{label(name)} {key}"
        elif main is None and spec.value_type in ("heltal", "tal", "sandhed"):
            where = f"{label(spec.name)} {key}"  # "pladser 2025"
        else:
            where = f"{label(name)} {key}: {label(spec.name)}"
        yield _change(where, before, after, spec.value_type)


def field_kind(model: type[BaseModel], name: str) -> str:
    return next(s.value_type for s in field_specs(model) if s.name == name)


def _show(value: Any, kind: str) -> str:
    """Free text in «», everything else as it is."""
    return f"«{value}»" if kind == "tekst" and value is not None else fmt(value)


def _change(where: str, before: Any, after: Any, kind: str = "") -> str:
    if _is_long(before) or _is_long(after) or isinstance(before, list):
        return f"{where} ændret"
    return f"{where} {_show(before, kind)} → {_show(after, kind)}"


def _rows(spec: FieldSpec, before: list[Any], after: list[Any]) -> Iterator[str]:
    row_model = spec.model if spec.model is not None and issubclass(spec.model, Strict) else None
    fields = row_model.row_key if row_model else ()
    main = row_model.row_value if row_model else None
    old = {_key(r, fields): r for r in before} if fields else {}
    new = {_key(r, fields): r for r in after} if fields else {}
    if not fields or len(old) != len(before) or len(new) != len(after):
        # No key, or keys not unique: compare whole rows.
        old = {r.model_dump_json(): r for r in before}
        new = {r.model_dump_json(): r for r in after}
        main = None
        keyed = False
    else:
        keyed = True
    for key, row in old.items():
        if key not in new:
            yield f"{label(spec.name)} {_row_name(row, key, keyed)} fjernet"
    for key, row in new.items():
        if key not in old:
            summary = _summary(row, fields, main) if keyed else ""
            yield (f"{label(spec.name)} {_row_name(row, key, keyed)} tilføjet"
                   + (f": {summary}" if summary else ""))
        elif keyed and old[key] != row:
            yield from _compare_rows(spec.name, key, old[key], row, main)


def _row_name(row: BaseModel, key: str, keyed: bool) -> str:
    if keyed:
        return key
    for name in ("tekst", "resume", "beskrivelse", "betegnelse", "felt", "titel"):
        value = getattr(row, name, None)
        if isinstance(value, str):
            return f"«{value if len(value) <= 40 else value[:39] + '…'}»"
    if isinstance(row, Reference):
        return fmt(row)
    return "(række)"


def _names(catalog: Catalog, kind: str | None, ids: list[Any]) -> list[str]:
    if not kind:
        return [fmt(i) for i in ids]
    known = catalog.entities.get(kind, {})
    return [known[i].navn if i in known else str(i) for i in ids]


def compare_entities(old: BaseModel, new: BaseModel, catalog: Catalog) -> list[str]:
    """Plain Danish lines for every difference between two versions of one entity."""
    lines: list[str] = []
    for spec in field_specs(type(new)):
        before, after = getattr(old, spec.name), getattr(new, spec.name)
        if before == after:
            continue
        if spec.many and spec.model is not None:
            lines.extend(_rows(spec, before, after))
        elif spec.many:
            for value in _names(catalog, spec.ref, [v for v in after if v not in before]):
                lines.append(f"{label(spec.name)} tilføjet: {value}")
            for value in _names(catalog, spec.ref, [v for v in before if v not in after]):
                lines.append(f"{label(spec.name)} fjernet: {value}")
        elif spec.model is not None and not spec.is_reference and before and after:
            lines.extend(f"{label(spec.name)} {line}"
                         for line in compare_entities(before, after, catalog))
        elif spec.ref:
            old_name, new_name = (_names(catalog, spec.ref, [v])[0] if v else None
                                  for v in (before, after))
            lines.append(_change(label(spec.name), old_name, new_name))
        else:
            lines.append(_change(label(spec.name), before, after, spec.value_type))
    return lines


def _title(kind: str, entity: Any) -> str:
    return f"{KIND_SINGULAR[kind].capitalize()} {entity.navn}"


def summarize(old: Catalog, new: Catalog) -> list[str]:
    """Every change from `old` to `new`, kind by kind: new, changed, removed."""
    lines: list[str] = []
    for kind in KINDS:
        before, after = old.entities.get(kind, {}), new.entities.get(kind, {})
        for entity_id in sorted(set(after) - set(before)):
            prefix = KINDS[kind].new
            lines.append(f"{prefix}: {after[entity_id].navn}")
        for entity_id in sorted(set(after) & set(before)):
            if before[entity_id] != after[entity_id]:
                title = _title(kind, after[entity_id])
                lines.extend(f"{title}: {line}"
                             for line in compare_entities(before[entity_id], after[entity_id], new))
        for entity_id in sorted(set(before) - set(after)):
            lines.append(f"Fjernet: {_title(kind, before[entity_id])}")
    lines.extend(_glossary(old, new))
    return lines


def _glossary(old: Catalog, new: Catalog) -> list[str]:
    before = {e.ord: e for e in old.glossary}
    after = {e.ord: e for e in new.glossary}
    lines = [f"Ordliste: {k} tilføjet ({after[k].betydning})" for k in after if k not in before]
    lines += [f"Ordliste: {k} ændret" for k in after if k in before and after[k] != before[k]]
    lines += [f"Ordliste: {k} fjernet" for k in before if k not in after]
    return lines


# --- reading a revision ----------------------------------------------------------------------


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False)


def extract(repo: Path, rev: str, folder: str, target: Path) -> Path | None:
    """Extract `folder` at `rev` into `target`; None when the revision has no such folder."""
    if _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise ValueError(f"ukendt revision '{rev}'")
    if _git(repo, "cat-file", "-e", f"{rev}:{folder}").returncode != 0:
        return None
    archive = _git(repo, "archive", "--format=tar", rev, "--", folder)
    if archive.returncode != 0:
        raise ValueError(archive.stderr.decode("utf-8", "replace").strip())
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / folder


def load_revision(repo: Path, rev: str | None, folder: str = "data") -> Catalog:
    """The validated catalog of `folder` at `rev` (None: the working tree, with what is not yet
    committed); raises DataError. The source texts are not needed: a diff compares data, and
    an older revision's citations need not fit today's texts."""
    if rev is None:
        return load_catalog(repo / folder, texts=NO_TEXTS)
    with tempfile.TemporaryDirectory(prefix="kb-diff-") as tmp:
        data = extract(repo, rev, folder, Path(tmp))
        if data is None:
            return build_catalog({}, {})
        return load_catalog(data, texts=NO_TEXTS)

