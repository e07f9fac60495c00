"""The tables and lists of an entity page, as finished HTML (render/html_writer.py).

One table per kind of fact: capacity, prices, follow-up, key figures, events, risk ratings,
data ratings, sizes, deadlines and answers. Each row cites its source. The templates place
them; the cells read as the Markdown tables did (the same text, escaping and alignment).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..danish.writing import number
from ..model.dates import date_order
from ..model.deadlines import follow_up_outcomes, outcome_dates
from . import figure_facts
from .citations import Citations
from .helpers import Helpers, deadline_badge, offer_status_badge, risk_badge
from .labels import (
    EVENT_TYPE,
    FOLLOW_UP_STATUS,
    RESPONSIBLE_ROLE,
    date_da,
    dated,
    enum_value,
    price_amount,
)

RIGHT = "right"


def _or_dash(value: str | None) -> str:
    return value or "–"


@dataclass(frozen=True)
class FactTables:
    h: Helpers
    c: Citations
    today: dt.date

    def _table(self, headers: list[str], rows: list[list[Any]],
               align: list[str | None] | None = None) -> Markup:
        return self.h.block(self.h.html.table(headers, rows, align))

    def capacity(self, rows: Iterable[Any]) -> Markup:
        """Places, use and occupancy by year (render/entity.capacity_groups' rows)."""
        body = []
        for r in rows:
            share = (f"{number(r.row.belaegning_procent)} %"
                     if r.row.belaegning_procent is not None else "–")
            computed = (f"{number(r.computed, 0)} %" + (" ⚠" if r.mismatch else "")
                        if r.computed is not None else "–")
            body.append([r.row.aar, number(r.row.pladser), number(r.row.forbrug), share,
                         computed, figure_facts.capacity_kind_note(r.row),
                         self.c.cite(r.row.kilde)])
        return self._table(["År", "Pladser", "Pladsforbrug", "Belægning", "Beregnet", "Note",
                            "Kilde"], body, [None, RIGHT, RIGHT, RIGHT, RIGHT, None, None])

    def prices(self, prices: Iterable[Any]) -> Markup:
        body = [[p.aar, _or_dash(p.ydelse), price_amount(p), p.note or "",
                 self.c.cite(p.kilde)]
                for p in sorted(prices, key=lambda p: p.aar, reverse=True)]  # newest year first
        return self._table(["År", "Ydelse", "Beløb", "Note", "Kilde"], body,
                           [None, None, RIGHT, None, None])

    def follow_up(self, statuses: Iterable[Any]) -> Markup:
        body = [[date_da(s.dato), offer_status_badge(s.status),
                 self.h.maybe("organisationer", s.af), s.beskrivelse, self.c.cite(s.kilde)]
                for s in sorted(statuses, key=lambda s: date_order(s.dato))]
        return self._table(["Dato", "Status", "Af", "Beskrivelse", "Kilde"], body)

    def key_figures(self, figures: Iterable[Any]) -> Markup:
        """Each figure with its kind, period, area and note (render/figure_facts.py)."""
        return figure_facts.key_figure_table(self.h, self.c, figures)

    def eligibility(self, group: Any) -> Markup:
        """A target group's ages, criteria and legal basis (render/figure_facts.py)."""
        return figure_facts.eligibility(self.h, self.c, group)

    def events(self, events: Iterable[Any], owner: Any = None) -> Markup:
        """`owner`: the entity whose events these are (its answers tell met deadlines)."""
        outcomes = outcome_dates(owner)
        body = [[dated(e.dato, e.dato_tekst),
                 self.h.html.text(EVENT_TYPE[enum_value(e.type)] + (" (planlagt)" if e.planlagt else ""))
                 + (deadline_badge(e.dato, self.today, outcomes) if e.is_deadline
                    else Markup("")),
                 e.beskrivelse, self.c.cite(e.kilde)]
                for e in sorted(events, key=lambda e: e.order)]
        return self._table(["Dato", "Hændelse", "Beskrivelse", "Kilde"], body)

    def risk(self, ratings: Iterable[Any]) -> Markup:
        body = [[f"{r.runde} ({date_da(r.dato)})", risk_badge(r.niveau), r.begrundelse,
                 _or_dash(r.naeste_skridt), self.c.cite(r.kilde)]
                for r in sorted(ratings, key=lambda r: date_order(r.dato))]
        return self._table(["Runde", "Status", "Begrundelse", "Næste skridt", "Kilde"], body)

    def data_ratings(self, ratings: Iterable[Any]) -> Markup:
        body = [[f"{d.undersoegelse} ({date_da(d.dato)})", risk_badge(d.niveau), d.begrundelse,
                 self.c.cite(d.kilde)] for d in ratings]
        return self._table(["Undersøgelse", "Farve", "Begrundelse", "Kilde"], body)

    def sizes(self, sizes: Iterable[Any]) -> Markup:
        body = []
        for s in sizes:
            count = (("ca. " if s.cirka else "") + number(s.antal)
                     + (f"–{number(s.antal_til)}" if s.antal_til is not None else ""))
            body.append([f"{count} {s.enhed}", s.betydning, _or_dash(s.geografi),
                         _or_dash(s.periode), self.c.cite(s.kilde)])
        return self._table(["Antal", "Hvad tallet måler", "Geografi", "Periode", "Kilde"], body)

    def deadlines(self, events: Iterable[Any], owner: Any = None) -> Markup:
        outcomes = outcome_dates(owner)
        body = [[dated(e.dato, e.dato_tekst), EVENT_TYPE[enum_value(e.type)],
                 deadline_badge(e.dato, self.today, outcomes), e.beskrivelse, self.c.cite(e.kilde)]
                for e in events]
        return self._table(["Frist", "Type", "Status", "Beskrivelse", "Kilde"], body)

    def actions(self, actions: Iterable[Any]) -> Markup:
        """An agenda item's follow-up actions: what, who (organisation or role), by when."""
        body = []
        for a in actions:
            who = (self.h.entity("organisationer", a.ansvarlig) if a.ansvarlig
                   else RESPONSIBLE_ROLE[enum_value(a.rolle)])
            when: Any = (Markup(self.h.html.text(dated(a.frist, a.frist_tekst)))
                         + deadline_badge(a.frist, self.today, follow_up_outcomes(a))) if a.frist \
                else _or_dash(a.frist_tekst)
            body.append([a.handling, who, when, FOLLOW_UP_STATUS[enum_value(a.status)],
                         self.c.cite(a.kilde)])
        return self._table(["Handling", "Ansvarlig", "Frist", "Status", "Kilde"], body)

    def target_groups(self, links: Iterable[Any]) -> Markup:
        """The target groups an offer or notification names: link, whether the link is ours
        ("udledt"), note and source."""
        return self.h.block(self.h.html.items(
            self.h.entity("maalgrupper", g.id)
            + (Markup(" (vores sammenkobling)") if enum_value(g.relation) == "udledt" else Markup(""))
            + (Markup(": ") + self.h.html.text(g.note) if g.note else Markup(""))
            + self.c.cite(g.kilde) for g in links))

    def entities(self, kind: str, ids: Iterable[str]) -> Markup:
        """A list of links to the entities `ids` of `kind`."""
        return self.h.block(self.h.html.items(self.h.entity(kind, entity_id) for entity_id in ids))

    def backlinks(self, kind: str, entity_id: str) -> list[tuple[str, Markup, int]]:
        """The pages linking here as lists under a heading per kind and field, with how many."""
        return [(heading, self.h.block(self.h.html.items(items)), len(items))
                for heading, items in self.h.backlink_sections(kind, entity_id)]

    def answers(self, answers: Iterable[Any]) -> Markup:
        body = [[date_da(s.dato), self.h.maybe("organisationer", s.fra), s.resume,
                 self.c.cite(s.kilde)] for s in sorted(answers, key=lambda s: date_order(s.dato))]
        return self._table(["Dato", "Fra", "Svar", "Kilde"], body)
