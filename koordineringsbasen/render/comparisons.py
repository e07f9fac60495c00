"""Comparison pages over the offers: the secure units and the national offers side by side by
year (as the annual capacity report shows them in tables), and every price in one table."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..danish.writing import number
from .charts import Group, hbar_chart
from .citations import Citations
from .context import RenderContext
from .environment import render_template
from .helpers import Helpers
from .html_writer import HtmlWriter, sortable
from .labels import OFFER_CATEGORY, OFFER_STATUS, date_da, price_amount
from .links import SPECIAL_PAGES

SECURE = ("sikret-afdeling",)
NATIONAL = ("landsdaekkende-undervisning", "landsdelsdaekkende-undervisning", "oevrigt-landsdaekkende")
# The occupancy goal is a key figure of a secure unit (data: noegletal) named like
# "Danske Regioners aktivitetsmål for belægning på de sikrede afdelinger": the one rule for it.
GOAL = re.compile(r"aktivitetsmål for belægning", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One offer and one ydelse (department or legal basis) with its capacity rows by year."""

    offer: Any
    ydelse: str | None
    rows: dict[int, Any]

    @property
    def label(self) -> str:
        return f"{self.offer.navn}, {self.ydelse}" if self.ydelse else self.offer.navn


def capacity_lines(offers: Iterable[Any]) -> list[Line]:
    """Every offer's capacity rows grouped by ydelse, offers by name, ydelser as in the data."""
    lines = []
    for offer in sorted(offers, key=lambda o: o.navn):
        grouped: dict[str | None, dict[int, Any]] = {}
        for row in offer.kapacitet:
            grouped.setdefault(row.ydelse, {})[row.aar] = row
        lines += [Line(offer, ydelse, rows) for ydelse, rows in grouped.items()]
    return lines


def occupancy_goal(offers: Iterable[Any]) -> Any | None:
    """The first key figure that states the occupancy goal, or None when the data has none."""
    for offer in sorted(offers, key=lambda o: o.id):
        for figure in offer.noegletal:
            if GOAL.search(figure.betegnelse):
                return figure
    return None


def _cell(row: Any, c: Citations, html: HtmlWriter) -> Markup:
    if row is None:
        return Markup("–")
    share = f"{number(row.belaegning_procent)} %" if row.belaegning_procent is not None else "–"
    used = number(row.forbrug) if row.forbrug is not None else "–"
    places = number(row.pladser) if row.pladser is not None else "–"
    return html.strong(share) + Markup("<br>") + html.text(f"{used} af {places}") + c.cite(row.kilde)


def _pivot(lines: list[Line], c: Citations, html: HtmlWriter, first: list[str],
           extra: dict[int, list[Markup]] | None = None, last: list[str] | None = None,
           after: dict[int, list[Markup]] | None = None) -> Markup:
    """One row per line: its `first` cells, a cell per year (newest first, so the latest year
    stands beside the name on a phone), then its `last` cells. The first column stays in view
    when the table scrolls sideways (kb-years, kb.css)."""
    years = sorted({year for line in lines for year in line.rows}, reverse=True)
    rows = []
    for index, line in enumerate(lines):
        rows.append([*(extra or {}).get(index, []),
                     *[_cell(line.rows.get(y), c, html) for y in years],
                     *(after or {}).get(index, [])])
    return sortable(html.table([*first, *map(str, years), *(last or [])], rows), compact=True,
                    attributes='data-kb-years=""')


def _offer_cell(line: Line, h: Helpers, whole: str) -> Markup:
    """The offer's link and, below it, its ydelse (or `whole` when the row is the offer's)."""
    return (h.entity("tilbud", line.offer.id) + Markup('<br><span class="kb-sub">')
            + h.html.text(line.ydelse or whole) + Markup("</span>"))


def _chart(lines: list[Line], goal: Any | None) -> Markup:
    years = sorted({year for line in lines for year in line.rows
                    if line.rows[year].belaegning_procent is not None})[-2:]
    groups = [Group(line.label, tuple(line.rows[y].belaegning_procent if y in line.rows else None
                                      for y in years)) for line in lines]
    label = f"Aktivitetsmål {number(goal.vaerdi)} %" if goal else ""
    return hbar_chart("sikrede-belaegning", f"Belægning i procent, {' og '.join(map(str, years))}",
                      groups, [str(y) for y in years], " %", goal.vaerdi if goal else None, label)


def secure_units(ctx: RenderContext) -> str:
    page = SPECIAL_PAGES["sikrede-afdelinger"]
    h, c = Helpers(ctx, page), ctx.citations(page)
    offers = [o for o in ctx.catalog.all("tilbud") if o.kategori.value in SECURE]
    lines = capacity_lines(offers)
    goal = occupancy_goal(offers)
    goal_cite = c.cite(goal.kilde) if goal else None
    table = h.block(_pivot(lines, c, h.html, ["Afdeling og afsnit"],
                           {i: [_offer_cell(line, h, "Samlet")] for i, line in enumerate(lines)}))
    return render_template("sikrede_afdelinger.md.j2", c=c, offers=len(offers), lines=len(lines),
                           goal=goal, goal_cite=goal_cite, table=table, chart=h.block(_chart(lines, goal)))


def _status(offer: Any, c: Citations, html: HtmlWriter) -> Markup:
    latest = offer.current_status
    if latest is None:
        return Markup("Ingen opfølgning i data")
    return (html.text(f"{OFFER_STATUS[latest.status.value]} ({date_da(latest.dato)})")
            + c.cite(latest.kilde))


def national_offers(ctx: RenderContext) -> str:
    page = SPECIAL_PAGES["landsdaekkende"]
    h, c = Helpers(ctx, page), ctx.citations(page)
    prose = Helpers(ctx, page, in_markdown=True)  # for the sentence under the tables
    offers = [o for o in ctx.catalog.all("tilbud") if o.kategori.value in NATIONAL]
    categories = []
    for category in NATIONAL:
        group = [o for o in offers if o.kategori.value == category]
        if not group:
            continue
        lines = capacity_lines(group)
        without = sorted((o for o in group if not o.kapacitet), key=lambda o: o.navn)
        table = None
        if lines:
            extra = {i: [_offer_cell(line, h, "Hele tilbuddet")] for i, line in enumerate(lines)}
            after = {i: [h.html.text("; ".join(line.offer.lovgrundlag) or "–"),
                         _status(line.offer, c, h.html)] for i, line in enumerate(lines)}
            table = h.block(_pivot(lines, c, h.html, ["Tilbud og ydelse"], extra,
                                   ["Lovgrundlag", "Opfølgning"], after))
        categories.append((category, table,
                           Markup(", ").join(prose.entity("tilbud", o.id) for o in without)))
    return render_template("landsdaekkende.md.j2", c=c, offers=len(offers),
                           categories=categories)


def prices(ctx: RenderContext) -> str:
    page = SPECIAL_PAGES["takster"]
    h, c = Helpers(ctx, page), ctx.citations(page)
    every = sorted(((o, p) for o in ctx.catalog.all("tilbud") for p in o.priser),
                   key=lambda item: (item[0].navn, item[1].ydelse or "", -item[1].aar))  # newest first
    headers = ["Tilbud", "Kategori", "År", "Ydelse", "Takst", "Note", "Kilde"]

    def table(items: list[tuple[Any, Any]], column: str) -> Markup | None:
        rows = [[h.entity("tilbud", o.id), o.kategori and OFFER_CATEGORY[o.kategori.value],
                 p.aar, p.ydelse or "–", price_amount(p), p.note or "", c.cite(p.kilde)]
                for o, p in items]
        return h.block(sortable(h.html.table([*headers[:4], column, *headers[5:]], rows),
                                attributes='data-kb-years=""')) if rows else None
    # A change of a tariff ("119 kr. mere pr. døgn") is no tariff: a table of its own.
    found = [(o, p) for o, p in every if p.aendring is None]
    changes = [(o, p) for o, p in every if p.aendring is not None]
    return render_template("takster.md.j2", c=c, prices=len(found),
                           offers=len({o.id for o, _ in found}), table=table(found, "Takst"),
                           changes=table(changes, "Ændring"))
