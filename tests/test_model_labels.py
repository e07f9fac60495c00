"""Every enum value of the model has a Danish label, declared beside the model."""

from __future__ import annotations

import enum
import inspect

from koordineringsbasen import model
from koordineringsbasen.model import common, entities, reforms, sources
from koordineringsbasen.model.labels import ENUM_LABELS, enum_label

# Enums whose values are shown by other means (the evidence form and the relation are explained
# in words where they are shown).
UNLABELLED = {common.EvidenceForm, common.Relation}


def _enums() -> set[type[enum.Enum]]:
    found = set()
    for module in (common, entities, reforms, sources, model):
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, enum.Enum) and value.__module__.startswith("koordineringsbasen"):
                found.add(value)
    return found


def test_every_enum_of_the_model_has_labels() -> None:
    assert _enums() - UNLABELLED == set(ENUM_LABELS)


def test_every_value_has_a_label_and_no_label_is_stale() -> None:
    for kind, labels in ENUM_LABELS.items():
        assert set(labels) == {member.value for member in kind}, kind.__name__


def test_enum_label_reads_the_table() -> None:
    assert enum_label(entities.RiskLevel.roed) == "Rød"
    assert enum_label(common.Relation.udledt) == "udledt"  # no labels: the stored value


def _field_names() -> set[str]:
    """Every field name of every model reachable from the entity models and the glossary."""
    from pydantic import BaseModel

    from koordineringsbasen.model import ENTITY_MODELS, Glossary
    from koordineringsbasen.model.fields import field_specs

    names: set[str] = set()
    todo: list[type[BaseModel]] = [*ENTITY_MODELS.values(), Glossary]
    seen: set[type[BaseModel]] = set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for spec in field_specs(model):
            names.add(spec.name)
            if spec.model is not None:
                todo.append(spec.model)
    return names


def test_every_ascii_folded_field_name_has_its_danish_label() -> None:
    # 'ae', 'oe' and 'aa' stand for æ, ø and å in field names (the data keys are ASCII).
    import re

    from koordineringsbasen.model.labels import FIELD_LABELS, field_label

    names = _field_names()
    assert "belaegning_procent" in names and "naeste_skridt" in names  # the walk reaches rows
    folded = {n for n in names if re.search(r"ae|oe|aa", n)}
    assert {n for n in folded if n not in FIELD_LABELS} == set()
    assert not re.search(r"ae|oe|aa", "".join(field_label(n) for n in folded))
    assert set(FIELD_LABELS) <= names  # no label for a field that does not exist
