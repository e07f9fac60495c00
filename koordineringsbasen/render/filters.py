"""Filter controls for the overview tables: which values each row has, and the form to pick them.

Each overview row carries its filter values as data attributes on a hidden marker at the start of
its first cell (`data-f-<key>="slug slug"`); docs/assets/overview.js reads them, hides the rows
that do not match and keeps the choice in the URL query (`?region=nordjylland`). The form is
rendered here at build time, hidden until the script shows it, so without JavaScript the full
table shows. Values are ASCII slugs (URLs), labels are the Danish text a reader sees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..catalog import Catalog
from ..danish.legal import paragraph_order, paragraphs
from ..danish.slugs import slugify
from ..model.deadlines import OVERDUE, deadline_state, outcome_dates
from . import html_writer
from .environment import render_html
from .labels import (
    NOTIFICATION_STATE,
    OFFER_CATEGORY,
    OFFER_STATUS,
    ORG_TYPE,
    REFORM_TYPE,
    REGION,
    RISK,
    SCOPE,
    SOURCE_TYPE,
)

NONE = "ingen"  # the value of a row that has nothing for a filter
UNKNOWN_REGION = "ukendt"
Value = tuple[str, str]  # (slug, Danish label)


DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # the three characters after z


def danish_key(text: str) -> str:
    """Sort key in Danish alphabetical order (æ, ø, å after z)."""
    return text.lower().translate(DANISH_ORDER)


@dataclass(frozen=True)
class Filter:
    key: str  # URL parameter and data attribute (data-f-<key>)
    label: str
    values: Callable[[Catalog, Any], list[Value]]
    order: Callable[[Value], Any] = lambda value: danish_key(value[1])


def region_value(catalog: Catalog, kind: str, entity_id: str) -> Value:
    """The region filter value of an offer or organisation; no region is a value of its own."""
    region = catalog.region_of(kind, entity_id)
    if region is None:
        return (UNKNOWN_REGION, "Ingen region i data")
    return (region.value, REGION[region.value])


def _entity(kind: str, field: str, none_label: str) -> Callable[[Catalog, Any], list[Value]]:
    def values(catalog: Catalog, entity: Any) -> list[Value]:
        target = getattr(entity, field)
        return [(target, catalog.get(kind, target).navn)] if target else [(NONE, none_label)]
    return values


def _offer_groups(catalog: Catalog, offer: Any) -> list[Value]:
    return [(g.id, catalog.get("maalgrupper", g.id).navn) for g in offer.maalgrupper] \
        or [(NONE, "Ingen målgruppe i data")]


def _legal_basis(catalog: Catalog, entity: Any) -> list[Value]:
    # By paragraph: "SEL § 108, stk. 6", "§ 108" and "SEL §§ 107 og 108" all hold sel-108.
    found = [p for text in entity.lovgrundlag for p in paragraphs(text)]
    return [(slugify(p), p) for p in dict.fromkeys(found)] \
        or [(NONE, "Intet lovgrundlag i data")]


def _municipalities(catalog: Catalog, offer: Any) -> list[Value]:
    # Every municipality in the data the offer covers (Catalog.covers is the rule).
    if not offer.kommuner:
        return [(NONE, "Ingen kommuner i data")]
    return [(m.id, m.navn) for m in catalog.municipalities() if catalog.covers(offer, m.id)] \
        or [(NONE, "Ingen kommuner i data")]


def _legal_order(value: Value) -> Any:
    return (1, "", 0, "") if value[0] == NONE else (0, *paragraph_order(value[1]))


def _offer_status(catalog: Catalog, offer: Any) -> list[Value]:
    latest = offer.current_status
    if latest is None:
        return [(NONE, "Ingen opfølgning i data")]
    return [(latest.status.value, OFFER_STATUS[latest.status.value])]


def _latest_risk(catalog: Catalog, group: Any) -> list[Value]:
    latest = group.latest_risk
    if latest is None:
        return [(NONE, "Ikke vurderet")]
    level = latest.niveau.value
    return [(level, RISK[level])]


def _served(catalog: Catalog, group: Any) -> list[Value]:
    if catalog.linking_entities("maalgrupper", group.id, "tilbud"):
        return [("ja", "Har tilbud i data")]
    return [("nej", "Ingen tilbud i data")]


def _notification_state(catalog: Catalog, n: Any) -> list[Value]:
    if n.resultat is None:
        return [(NONE, "Ingen status i data")]
    return [(n.resultat.status.value, NOTIFICATION_STATE[n.resultat.status.value])]


def passed_deadline_filter(today: Any) -> Filter:
    def values(catalog: Catalog, n: Any) -> list[Value]:
        outcomes = outcome_dates(n)  # overdue: passed without an outcome (model/deadlines.py)
        overdue = any(e.is_deadline and deadline_state(e.dato, outcomes, today) == OVERDUE
                      for e in n.haendelser)
        return [("overskredet", "Har en overskredet frist")] if overdue \
            else [("ikke-overskredet", "Ingen overskredet frist")]
    return Filter("frist", "Frist", values)


def _enum(labels: dict[str, str], field: str) -> Callable[[Catalog, Any], list[Value]]:
    def values(catalog: Catalog, entity: Any) -> list[Value]:
        value = getattr(entity, field).value
        return [(value, labels[value])]
    return values


def _scope(catalog: Catalog, group: Any) -> list[Value]:
    return [(group.art.value, SCOPE[group.art.value].split(" (")[0])]


def _year(catalog: Catalog, source: Any) -> list[Value]:
    year = source.dato[:4]
    return [(year, year)]


def _region(kind: str) -> Callable[[Catalog, Any], list[Value]]:
    return lambda catalog, entity: [region_value(catalog, kind, entity.id)]


def _risk_order(value: Value) -> int:
    return ["roed", "gul", "groen", NONE].index(value[0])


def _scope_order(value: Value) -> int:
    return ["natko", "regional", "ad-hoc"].index(value[0])


def filters_for(kind: str, today: Any) -> list[Filter]:
    """The filters of one overview, in the order the controls show."""
    return {
        "tilbud": [
            Filter("kategori", "Kategori", _enum(OFFER_CATEGORY, "kategori")),
            Filter("region", "Region", _region("tilbud")),
            Filter("driftsherre", "Driftsherre",
                   _entity("organisationer", "driftsherre", "Ingen driftsherre i data")),
            Filter("maalgruppe", "Målgruppe", _offer_groups),
            Filter("lovgrundlag", "Lovgrundlag", _legal_basis, _legal_order),
            Filter("opfoelgning", "Opfølgning", _offer_status),
            Filter("kommune", "Dækker kommune", _municipalities),
        ],
        "maalgrupper": [
            Filter("type", "Type", _scope, _scope_order),
            Filter("risiko", "Seneste risiko", _latest_risk, _risk_order),
            Filter("tilbud", "Tilbud", _served),
        ],
        "udmeldinger": [
            Filter("status", "Status", _notification_state),
            passed_deadline_filter(today),
        ],
        "kilder": [
            Filter("type", "Type", _enum(SOURCE_TYPE, "type")),
            Filter("organ", "Organ", _entity("organisationer", "organ", "Intet organ i data")),
            Filter("aar", "År", _year, lambda value: value[0]),
        ],
        "organisationer": [
            Filter("type", "Type", _enum(ORG_TYPE, "type")),
            Filter("region", "Region", _region("organisationer")),
        ],
        "reformer": [
            Filter("type", "Type", _enum(REFORM_TYPE, "type")),
        ],
    }[kind]


def row_marker(catalog: Catalog, filters: list[Filter], entity: Any) -> Markup:
    """The hidden element at the start of a row's first cell that holds its filter values."""
    return html_writer.row_marker(entity.id, (
        (f.key, " ".join(dict.fromkeys(v for v, _ in f.values(catalog, entity))))
        for f in filters))


def _options(catalog: Catalog, f: Filter, entities: Iterable[Any]) -> list[Value]:
    found: dict[str, str] = {}
    for entity in entities:
        for value, label in f.values(catalog, entity):
            found.setdefault(value, label)
    return sorted(found.items(), key=f.order)


def filter_form(catalog: Catalog, kind: str, filters: list[Filter], entities: list[Any]) -> Markup:
    """The filter form, hidden until overview.js runs (without it the whole table shows)."""
    fields = [(f, f"kb-filter-{kind}-{f.key}", _options(catalog, f, entities)) for f in filters]
    return render_html("filter_form.html.j2", kind=kind, fields=fields)
