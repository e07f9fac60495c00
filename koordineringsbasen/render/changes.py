"""What changed between two versions of an entity, in plain Danish, one `Change` a line.

Time series are matched by what identifies a row (each row model's `row_key`: year and ydelse,
assessment round, date and type, ...), so a line reads "pladser 2025 81 → 84", not
"kapacitet[2]". Each change also says what it is: new information (a new row, a new year or
round, a value where there was none) or a correction (a value fixed or removed), and which
citation backs the new value, where the changed row has one. A citation's anchor is no data:
a change of anchors alone is no change. Used by `diff` (tools/changes.py) and the pages'
change history (site/history.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ..catalog import KINDS, Catalog
from ..danish.writing import number
from ..model import Reference
from ..model.common import Strict
from ..model.fields import FieldSpec, field_specs
from ..model.labels import enum_label
from ..model.labels import field_label as label
from .labels import KIND_SINGULAR, date_da

LONG_TEXT = 60
NEW, CORRECTED = "ny", "rettelse"  # what a change is: new information, or a fix
CiteKey = tuple[str, str, str | None]  # a citation as (kilde, linjer, punkt): plain to keep


def cite_key(ref: Reference) -> CiteKey:
    return (ref.kilde, ref.linjer, ref.punkt)


@dataclass(frozen=True)
class Change:
    text: str  # plain Danish, e.g. "pladser 2025 12 → 14"
    nature: str = CORRECTED  # NEW or CORRECTED
    ref: CiteKey | None = None  # the citation of the new value (the changed row's), if any


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
    if isinstance(value, BaseModel):  # a block (e.g. a decision): its text, never its repr
        for name in ("tekst", "handling", "beskrivelse", "resume", "titel", "navn"):
            found = getattr(value, name, None)
            if isinstance(found, str):
                return f"«{found if len(found) <= 60 else found[:59] + '…'}»"
        return "en ny blok"
    return str(value)


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == ""


def _is_long(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > LONG_TEXT or "\n" in value)


def _unanchored(value: Any) -> Any:
    """`value` with its citations' anchors left out: they record where lines sit, no data."""
    if isinstance(value, Reference):
        return (value.kilde, value.linjer, value.punkt, value.belaeg)
    if isinstance(value, BaseModel):
        return (type(value), tuple(_unanchored(v) for v in value.__dict__.values()))
    if isinstance(value, (list, tuple)):
        return tuple(_unanchored(v) for v in value)
    return value


def same(before: Any, after: Any) -> bool:
    """Equal but for citation anchors."""
    return before is after or before == after or _unanchored(before) == _unanchored(after)


def _key(row: BaseModel, fields: tuple[str, ...]) -> str:
    parts = []
    for name in fields:
        value = getattr(row, name, None)
        if isinstance(value, int) and not isinstance(value, bool):
            parts.append(str(value))  # a year: 2025, not 2.025
        elif value is not None:
            parts.append(date_da(value) if name == "dato" and isinstance(value, str) else fmt(value))
    return " ".join(parts)


def _row_ref(row: BaseModel) -> CiteKey | None:
    value = getattr(row, "kilde", None)
    return cite_key(value) if isinstance(value, Reference) else None


def _summary(row: BaseModel, key_fields: tuple[str, ...], main: str | None) -> str:
    if main is not None:
        value = getattr(row, main)
        return "" if _is_long(value) else _show(value, field_kind(type(row), main))
    shown = [f"{label(s.name)} {fmt(getattr(row, s.name))}" for s in field_specs(type(row))
             if s.value_type in ("heltal", "tal", "valg") and s.name not in key_fields
             and getattr(row, s.name) is not None]
    return ", ".join(shown)


def _cite_text(ref: Reference, catalog: Catalog) -> str:
    """A citation as a reader knows it: the source's name, not its id."""
    source = catalog.entities.get("kilder", {}).get(ref.kilde)
    place = f", punkt {ref.punkt}" if ref.punkt else ""
    return f"«{source.navn if source else ref.kilde}» linje {ref.linjer}{place}"


def _reference_change(where: str, before: Any, after: Any, catalog: Catalog) -> Change:
    """A citation that changed: where it now points, by the source's name."""
    if not isinstance(after, Reference):
        return Change(f"{where}kildehenvisning fjernet", CORRECTED)
    new = _cite_text(after, catalog)
    if isinstance(before, Reference) and _cite_text(before, catalog) == new:
        return Change(f"{where}kildehenvisning rettet", CORRECTED, cite_key(after))
    nature = CORRECTED if isinstance(before, Reference) else NEW
    return Change(f"{where}kildehenvisning {'rettet til' if before else 'tilføjet:'} {new}",
                  nature, cite_key(after))


def _compare_rows(name: str, key: str, old: BaseModel, new: BaseModel,
                  main: str | None, catalog: Catalog) -> Iterator[Change]:
    ref = _row_ref(new)
    for spec in field_specs(type(old)):
        before, after = getattr(old, spec.name), getattr(new, spec.name)
        if same(before, after):
            continue
        if isinstance(before, Reference) or isinstance(after, Reference):
            yield _reference_change(f"{label(name)} {key}: ", before, after, catalog)
            continue
        if spec.name == main:
            where = f"{label(name)} {key}"
        elif main is None and spec.value_type in ("heltal", "tal", "sandhed"):
            where = f"{label(spec.name)} {key}"  # "pladser 2025"
        else:
            where = f"{label(name)} {key}: {label(spec.name)}"
        yield _change(where, before, after, spec.value_type, ref)


def field_kind(model: type[BaseModel], name: str) -> str:
    return next(s.value_type for s in field_specs(model) if s.name == name)


def _show(value: Any, kind: str) -> str:
    """Free text in «», dates in words, everything else as it is."""
    if kind == "dato" and isinstance(value, str):
        return date_da(value)
    return f"«{value}»" if kind == "tekst" and value is not None else fmt(value)


def _change(where: str, before: Any, after: Any, kind: str = "",
            ref: CiteKey | None = None) -> Change:
    nature = NEW if _empty(before) else CORRECTED
    if isinstance(before, BaseModel) or isinstance(after, BaseModel):
        own = getattr(after, "kilde", None)
        ref = cite_key(own) if isinstance(own, Reference) else ref
        if _empty(before):
            return Change(f"{where} tilføjet: {fmt(after)}", NEW, ref)
        return Change(f"{where} {'fjernet' if _empty(after) else 'ændret'}", CORRECTED, ref)
    if _is_long(before) or _is_long(after) or isinstance(before, list):
        return Change(f"{where} {'tilføjet' if _empty(before) else 'ændret'}", nature, ref)
    if _empty(before):  # "kortnavn tilføjet: «…»", not "kortnavn – → «…»"
        return Change(f"{where} tilføjet: {_show(after, kind)}", nature, ref)
    return Change(f"{where} {_show(before, kind)} → {_show(after, kind)}", nature, ref)


def _rows(spec: FieldSpec, before: list[Any], after: list[Any],
          catalog: Catalog) -> Iterator[Change]:
    row_model = spec.model if spec.model is not None and issubclass(spec.model, Strict) else None
    fields = row_model.row_key if row_model else ()
    main = row_model.row_value if row_model else None
    old = {_key(r, fields): r for r in before} if fields else {}
    new = {_key(r, fields): r for r in after} if fields else {}
    if not fields or len(old) != len(before) or len(new) != len(after):
        # No key, or keys not unique: compare whole rows (anchors left out).
        old = {repr(_unanchored(r)): r for r in before}
        new = {repr(_unanchored(r)): r for r in after}
        main = None
        keyed = False
    else:
        keyed = True
    # Without a key, a row removed and one added under the same name is that row corrected.
    gone = {_row_name(row, key, keyed, catalog): row for key, row in old.items() if key not in new}
    came = {_row_name(row, key, keyed, catalog): row for key, row in new.items() if key not in old}
    fixed = {name for name in gone.keys() & came.keys() if not keyed and name != UNNAMED}
    for name in gone:
        if name not in fixed:
            yield Change(f"{label(spec.name)} {name} fjernet", CORRECTED)
    for key, row in new.items():
        name = _row_name(row, key, keyed, catalog)
        if name in fixed:
            yield Change(f"{label(spec.name)} {name} rettet", CORRECTED, _row_ref(row))
        elif key not in old:
            summary = _summary(row, fields, main) if keyed else ""
            yield Change(f"{label(spec.name)} {name} tilføjet"
                         + (f": {summary}" if summary else ""), NEW, _row_ref(row))
        elif keyed and not same(old[key], row):
            yield from _compare_rows(spec.name, key, old[key], row, main, catalog)


UNNAMED = "(række)"


def _row_name(row: BaseModel, key: str, keyed: bool, catalog: Catalog) -> str:
    if keyed:
        return key
    for name in ("tekst", "resume", "beskrivelse", "betegnelse", "felt", "titel"):
        value = getattr(row, name, None)
        if isinstance(value, str):
            return f"«{value if len(value) <= 40 else value[:39] + '…'}»"
    if isinstance(row, Reference):
        return _cite_text(row, catalog)
    return UNNAMED


def _names(catalog: Catalog, kind: str | None, ids: list[Any]) -> list[str]:
    if not kind:
        return [fmt(i) for i in ids]
    known = catalog.entities.get(kind, {})
    return [known[i].navn if i in known else str(i) for i in ids]


def entity_changes(old: BaseModel, new: BaseModel, catalog: Catalog) -> list[Change]:
    """Every difference between two versions of one entity (names of linked entities from
    `catalog`)."""
    changes: list[Change] = []
    for spec in field_specs(type(new)):
        before, after = getattr(old, spec.name), getattr(new, spec.name)
        if same(before, after):
            continue
        if spec.many and spec.model is not None:
            changes.extend(_rows(spec, before, after, catalog))
        elif spec.many:
            for value in _names(catalog, spec.ref, [v for v in after if v not in before]):
                changes.append(Change(f"{label(spec.name)} tilføjet: {value}", NEW))
            for value in _names(catalog, spec.ref, [v for v in before if v not in after]):
                changes.append(Change(f"{label(spec.name)} fjernet: {value}", CORRECTED))
        elif isinstance(before, Reference) or isinstance(after, Reference):
            changes.append(_reference_change("", before, after, catalog))
        elif spec.model is not None and not spec.is_reference and before and after:
            changes.extend(Change(f"{label(spec.name)} {c.text}", c.nature, c.ref)
                           for c in entity_changes(before, after, catalog))
        elif spec.ref:
            old_name, new_name = (_names(catalog, spec.ref, [v])[0] if v else None
                                  for v in (before, after))
            changes.append(_change(label(spec.name), old_name, new_name))
        else:
            changes.append(_change(label(spec.name), before, after, spec.value_type))
    return changes


def compare_entities(old: BaseModel, new: BaseModel, catalog: Catalog) -> list[str]:
    """Plain Danish lines for every difference between two versions of one entity."""
    return [change.text for change in entity_changes(old, new, catalog)]


def title(kind: str, entity: Any) -> str:
    """"Tilbud Kofoedsminde": the kind and the name, as a change line starts."""
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
            if not same(before[entity_id], after[entity_id]):
                heading = title(kind, after[entity_id])
                lines.extend(f"{heading}: {line}"
                             for line in compare_entities(before[entity_id], after[entity_id], new))
        for entity_id in sorted(set(before) - set(after)):
            lines.append(f"Fjernet: {title(kind, before[entity_id])}")
    lines.extend(_glossary(old, new))
    return lines


def _glossary(old: Catalog, new: Catalog) -> list[str]:
    before = {e.ord: e for e in old.glossary}
    after = {e.ord: e for e in new.glossary}
    lines = [f"Ordliste: {k} tilføjet ({after[k].betydning})" for k in after if k not in before]
    lines += [f"Ordliste: {k} ændret" for k in after
              if k in before and not same(after[k], before[k])]
    lines += [f"Ordliste: {k} fjernet" for k in before if k not in after]
    return lines
