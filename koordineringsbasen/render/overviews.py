"""Overview tables, one per section, with the key facts of every entity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from ..danish.writing import number
from ..model import KINDS
from ..model.dates import date_order
from ..urls import API_DIR
from .context import RenderContext
from .environment import environment
from .filters import filter_form, filters_for, region_value, row_marker
from .helpers import Helpers, deadline_passed, risk_badge
from .html_writer import sortable
from .labels import (
    NOTIFICATION_STATE,
    OFFER_CATEGORY,
    OFFER_STATUS,
    ORG_TYPE,
    REFORM_TYPE,
    SCOPE,
    SOURCE_TYPE,
    date_da,
)
from .links import overview_uri
from .text import attr

Row = list[Any]
Built = tuple[list[str], list[Row], list[Any]]  # headers, rows, the entity of each row


def _target_groups(ctx: RenderContext, h: Helpers) -> Built:
    rows, items = [], sorted(ctx.catalog.all("maalgrupper"), key=lambda g: (g.natko_nr or 999, g.navn))
    for g in items:
        risk = g.latest_risk
        rows.append([
            g.natko_nr or "–", h.entity("maalgrupper", g.id), SCOPE[g.art.value].split(" (")[0],
            risk_badge(risk.niveau) if risk else "–",
            len(ctx.catalog.linking_entities("maalgrupper", g.id, "tilbud")),
            len(ctx.catalog.linking_entities("maalgrupper", g.id, "udmeldinger")),
        ])
    return ["Nr.", "Målgruppe", "Type", "Seneste risiko", "Tilbud", "Udmeldinger"], rows, items


def _offers(ctx: RenderContext, h: Helpers) -> Built:
    rows, items = [], sorted(ctx.catalog.all("tilbud"), key=lambda o: o.navn)
    for o in items:
        measured = [r for r in o.kapacitet if r.belaegning_procent is not None]
        latest = max(measured, key=lambda r: r.aar) if measured else None
        places = max((r for r in o.kapacitet if r.pladser is not None), key=lambda r: r.aar,
                     default=None)
        status = o.current_status
        rows.append([
            h.entity("tilbud", o.id), OFFER_CATEGORY[o.kategori.value],
            h.maybe("organisationer", o.driftsherre),
            # "Nordjylland" under "Ligger i region": not a second "Region Nordjylland" beside
            # an operator of that name.
            region_value(ctx.catalog, "tilbud", o.id)[1].removeprefix("Region "),
            f"{number(places.pladser)} ({places.aar})" if places else "–",
            f"{number(latest.belaegning_procent)} % ({latest.aar})" if latest else "–",
            OFFER_STATUS[status.status.value] if status else "–",
        ])
    return (["Tilbud", "Kategori", "Driftsherre", "Ligger i region", "Pladser", "Belægning",
             "Opfølgning"],
            rows, items)


def _notifications(ctx: RenderContext, h: Helpers) -> Built:
    rows, items = [], sorted(ctx.catalog.all("udmeldinger"), key=lambda n: n.navn)
    for n in items:
        sent = min((e.dato for e in n.haendelser if e.type.value == "udsendt"), default=None,
                   key=date_order)
        upcoming = sorted((e.dato for e in n.haendelser
                           if e.is_deadline and not deadline_passed(e.dato, ctx.today)),
                          key=date_order)
        rows.append([
            h.entity("udmeldinger", n.id),
            Markup(", ").join(h.entity("maalgrupper", g.id) for g in n.maalgrupper),
            date_da(sent), NOTIFICATION_STATE[n.resultat.status.value] if n.resultat else "–",
            date_da(upcoming[0]) if upcoming else "ingen kommende",
        ])
    return ["Udmelding", "Målgruppe", "Udsendt", "Status", "Næste frist"], rows, items


def _sources(ctx: RenderContext, h: Helpers) -> Built:
    rows, items = [], sorted(ctx.catalog.all("kilder"), key=lambda s: date_order(s.dato), reverse=True)
    for s in items:
        rows.append([
            date_da(s.dato), h.entity("kilder", s.id), SOURCE_TYPE[s.type.value],
            h.maybe("organisationer", s.organ), len(ctx.catalog.citations.get(s.id, ())),
        ])
    return ["Dato", "Kilde", "Type", "Organ", "Henvisninger"], rows, items


def _organisations(ctx: RenderContext, h: Helpers) -> Built:
    rows, items = [], sorted(ctx.catalog.all("organisationer"), key=lambda o: o.navn)
    for o in items:
        rows.append([
            h.entity("organisationer", o.id), o.forkortelse or "–", ORG_TYPE[o.type.value],
            region_value(ctx.catalog, "organisationer", o.id)[1],
            len(ctx.catalog.linking_entities("organisationer", o.id, "tilbud")),
            len(ctx.catalog.backlinks.get(("organisationer", o.id), ())),
        ])
    return ["Organisation", "Forkortelse", "Type", "Region", "Tilbud", "Henvisninger"], rows, items


def _reforms(ctx: RenderContext, h: Helpers) -> Built:
    rows, items = [], sorted(ctx.catalog.all("reformer"), key=lambda r: r.navn)
    for r in items:
        steps = sorted(r.milepaele, key=lambda m: date_order(m.dato))
        rows.append([
            h.entity("reformer", r.id), REFORM_TYPE[r.type.value],
            date_da(steps[0].dato) if steps else "–", date_da(steps[-1].dato) if steps else "–",
            len(r.milepaele),
            len(r.maalgrupper) + len(r.tilbud) + len(r.organisationer) + len(r.udmeldinger),
        ])
    return (["Reform eller program", "Type", "Første milepæl", "Sidste milepæl", "Milepæle",
             "Angår"], rows, items)


TABLES: dict[str, Callable[[RenderContext, Helpers], tuple[list[str], list[Row], list[Any]]]] = {
    "maalgrupper": _target_groups, "tilbud": _offers, "udmeldinger": _notifications,
    "kilder": _sources, "organisationer": _organisations, "reformer": _reforms,
}


def render_overview(ctx: RenderContext, kind: str) -> str:
    builder, noun = TABLES[kind], KINDS[kind].plural_in_text
    h = Helpers(ctx, overview_uri(kind))
    headers, rows, items = builder(ctx, h)
    filters = filters_for(kind, ctx.today)
    cells = [[row_marker(ctx.catalog, filters, entity) + h.html.text(row[0]), *row[1:]]
             for row, entity in zip(rows, items, strict=True)]
    table = h.block(sortable(h.html.table(headers, cells),
                             attributes=f'data-kb-table="{attr(kind)}"'))
    return environment().get_template("overview.md.j2").render(
        table=table, noun=noun, kind=kind, total=len(rows),
        form=h.block(filter_form(ctx.catalog, kind, filters, items)),
        csv_href=f"../{API_DIR}/{kind}.csv", csv_name=f"{kind}.csv")

