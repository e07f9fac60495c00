"""The data model: the one definition of what a valid data file is."""

from .common import (
    Disagreement,
    Event,
    EventType,
    KeyFigure,
    Reference,
    Region,
    RegionClaim,
    TargetGroupLink,
)
from .entities import Entity, Notification, Offer, Organisation, RiskLevel, TargetGroup
from .glossary import Glossary, GlossaryEntry
from .kinds import ENTITY_MODELS, KINDS, Kind
from .reforms import Reform
from .sources import Source

__all__ = [
    "ENTITY_MODELS",
    "Disagreement",
    "Entity",
    "Event",
    "EventType",
    "Glossary",
    "GlossaryEntry",
    "KINDS",
    "Kind",
    "KeyFigure",
    "Notification",
    "Offer",
    "Organisation",
    "Reference",
    "Region",
    "Reform",
    "RegionClaim",
    "RiskLevel",
    "Source",
    "TargetGroup",
    "TargetGroupLink",
]
