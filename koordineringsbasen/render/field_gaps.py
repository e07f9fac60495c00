"""What the data do not yet say about figures, target groups and offers' descriptive fields,
counted per field for the data-quality page: key figures and capacity rows with no kind
(faktisk, budget, prognose, mål), key figures with no period (nor date) or area, target groups with no
ages, criteria or legal basis, and offers' filled descriptive fields without a source."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model.entities import OfferField
from ..model.labels import OFFER_FIELD

ENTITY_KINDS = ("maalgrupper", "tilbud", "udmeldinger", "organisationer")


@dataclass(frozen=True)
class Gap:
    what: str  # the field as a reader names it
    missing: int  # records that lack it
    total: int  # records it applies to


def _gap(what: str, items: Iterable[Any], lacks: Any) -> Gap:
    items = list(items)
    return Gap(what, sum(1 for i in items if lacks(i)), len(items))


def field_gaps(catalog: Any) -> list[Gap]:
    """One Gap per new field, in the order the page lists them."""
    figures = [f for kind in ENTITY_KINDS for e in catalog.all(kind) for f in e.noegletal]
    capacity = [r for o in catalog.all("tilbud") for r in o.kapacitet]
    groups = list(catalog.all("maalgrupper"))
    offers = list(catalog.all("tilbud"))
    gaps = [
        _gap("Nøgletal: art ikke angivet", figures, lambda f: f.art is None),
        _gap("Nøgletal: ingen periode eller dato", figures, lambda f: not (f.periode or f.dato)),
        _gap("Nøgletal: ingen geografi", figures, lambda f: not (f.geografi or f.hele_landet)),
        _gap("Kapacitetsrækker: art ikke angivet", capacity, lambda r: r.art is None),
        _gap("Målgrupper: ingen alder", groups, lambda g: g.alder is None),
        _gap("Målgrupper: ingen kriterier", groups, lambda g: not g.kriterier),
        _gap("Målgrupper: intet lovgrundlag", groups, lambda g: not g.hjemmel),
    ]
    for field in OfferField:
        name = field.value
        filled = [o for o in offers if getattr(o, name) not in (None, [], "")]
        gaps.append(_gap(f"Tilbud: {OFFER_FIELD[name].lower()} uden egen kilde", filled,
                         lambda o, name=name: not o.field_citations(name)))
    return gaps
