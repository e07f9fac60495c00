"""Every enum value of the model has a Danish label, declared beside the model."""

from __future__ import annotations

import enum
import inspect

from koordineringsbasen import model
from koordineringsbasen.model import common, entities, sources
from koordineringsbasen.model.labels import ENUM_LABELS, enum_label

# Enums whose values are shown by other means (the evidence form and the relation are explained
# in words where they are shown).
UNLABELLED = {common.EvidenceForm, common.Relation}


def _enums() -> set[type[enum.Enum]]:
    found = set()
    for module in (common, entities, sources, model):
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
