"""Render the Markdown of one entity page from its template."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..model.common import line_bounds
from ..model.dates import date_order
from . import key_facts
from .charts import bar_chart
from .citations import agenda_anchor
from .context import RenderContext
from .environment import environment
from .fact_tables import FactTables
from .follow import follow
from .freshness import entity_as_of
from .helpers import Helpers, deadline_passed
from .history_page import history_block
from .html_writer import HtmlWriter
from .labels import KIND_PLURAL
from .links import page_uri
from .municipalities import offer_coverage, serving_offers
from .reforms import concerns, timeline
from .text import md
from .textlayout import source_layout, text_uri

MAX_CHARTS = 3
MISMATCH_POINTS = 2.0


@dataclass(frozen=True)
class CapacityRow:
    row: Any
    computed: float | None
    mismatch: bool


def capacity_groups(offer: Any) -> list[tuple[str | None, list[CapacityRow], Markup | None]]:
    """Capacity rows per ydelse, with computed occupancy and a chart for the first few."""
    groups: dict[str | None, list[Any]] = defaultdict(list)
    for row in offer.kapacitet:
        groups[row.ydelse].append(row)
    result = []
    for index, (ydelse, rows) in enumerate(groups.items()):
        enriched = []
        for row in sorted(rows, key=lambda r: r.aar, reverse=True):  # newest year first
            computed = (100 * row.forbrug / row.pladser
                        if row.forbrug is not None and row.pladser else None)
            mismatch = (computed is not None and row.belaegning_procent is not None
                        and abs(computed - row.belaegning_procent) > MISMATCH_POINTS)
            enriched.append(CapacityRow(row, computed, mismatch))
        points = [(str(r.row.aar), r.row.belaegning_procent) for r in reversed(enriched)
                  if r.row.belaegning_procent is not None]  # the chart runs oldest to newest
        chart = None
        if index < MAX_CHARTS and len(points) >= 2:
            title = f"Belægning i procent pr. år{f' ({ydelse})' if ydelse else ''}"
            chart = bar_chart(f"belaegning-{index}", title, points, " %", reference=100)
        result.append((ydelse, enriched, chart))
    return result


def _deadlines(entity: Any) -> list[Any]:
    return sorted((h for h in getattr(entity, "haendelser", []) if h.is_deadline),
                  key=lambda h: date_order(h.dato))


def _cited(ctx: RenderContext, page: str, source_id: str) -> Markup | None:
    """Pages citing the source, grouped by kind: a compact line each, as sources can be
    cited by hundreds of pages and the page must stay light (None when none cites it)."""
    by_entity: dict[tuple[str, str], list[str]] = defaultdict(list)
    for fact in ctx.catalog.citations.get(source_id, ()):
        if fact.entity != ("kilder", source_id):  # its own agenda items' decisions
            by_entity[fact.entity].append(fact.lines)
    helpers = Helpers(ctx, page)
    groups: dict[str, list[Markup]] = defaultdict(list)
    for (kind, entity_id), lines in sorted(by_entity.items()):
        ordered = sorted(set(lines), key=line_bounds)
        shown = ", ".join(ordered[:3]) + (" …" if len(ordered) > 3 else "")
        groups[KIND_PLURAL[kind]].append(
            helpers.entity(kind, entity_id) + Markup(" (l. ") + helpers.html.text(shown) + Markup(")"))
    if not groups:
        return None
    return helpers.block(helpers.html.items(
        helpers.html.strong(f"{label} ({len(items)}):") + Markup(" ") + Markup(", ").join(items)
        for label, items in groups.items()))


def _text_links(ctx: RenderContext, page: str, source: Any) -> tuple[Markup | None, Any]:
    """A source page's link to its text, and a function linking an agenda item to its passage
    (None, None when the build has no source texts)."""
    if ctx.texts.lines(source.fil) is None:
        return None, None
    text_layout = source_layout(ctx.catalog, source)
    html = HtmlWriter(page, ctx.catalog.glossary, in_markdown=True, index_tables=True)

    def item_link(item: Any) -> Markup:
        uri = text_uri(source.id, text_layout.home(line_bounds(item.linjer)[0]))
        return html.link(uri, f"Linje {item.linjer} i kildeteksten", agenda_anchor(item.nr))

    whole = html.link(text_uri(source.id), "Læs kildeteksten")
    return whole + md(f" (linje {source.linjer})"), item_link


def render_entity(ctx: RenderContext, kind: str, entity_id: str) -> str:
    entity = ctx.catalog.get(kind, entity_id)
    page = page_uri(kind, entity_id)
    citations = ctx.citations(page)
    extra: dict[str, Any] = {"follow": follow(Helpers(ctx, page), entity)}
    if kind == "tilbud":
        extra["capacity"] = [(ydelse, rows, chart and ctx.block(page, chart))
                             for ydelse, rows, chart in capacity_groups(entity)]
    if kind == "udmeldinger":
        deadlines = _deadlines(entity)
        extra["deadlines"] = deadlines
        extra["next_deadline"] = next(
            (h for h in deadlines if not deadline_passed(h.dato, ctx.today)), None)
        extra["focus_deadline"] = key_facts.deadline_in_focus(deadlines, ctx.today)
    if kind == "kilder":
        extra["cited"] = _cited(ctx, page, entity_id)
        extra["anchor"] = lambda nr: Markup(agenda_anchor(nr))
        extra["text_link"], extra["item_link"] = _text_links(ctx, page, entity)
    if kind == "tilbud":
        extra["municipalities"] = offer_coverage(Helpers(ctx, page), citations, entity)
    if kind == "organisationer":
        extra["served_by"] = serving_offers(Helpers(ctx, page), entity)
    if kind == "reformer":
        extra["timeline"] = timeline(Helpers(ctx, page), citations, entity)
        extra["concerns"] = concerns(Helpers(ctx, page), citations, entity)
    extra["history"] = lambda: history_block(ctx.history, ctx.catalog, kind, entity_id,
                                             Helpers(ctx, page), citations)
    template = environment().get_template(f"{kind}.md.j2")
    tables = FactTables(Helpers(ctx, page), citations, ctx.today)
    return template.render(e=entity, c=citations, ctx=ctx, kf=key_facts,
                           as_of=entity_as_of(ctx.catalog, entity),
                           helpers=Helpers(ctx, page, in_markdown=True),
                           tables=tables, **extra)
