"""How a deadline reads, wherever it is shown: Frister, the front page, the calendars.

A deadline (catalog.Deadline) is an event of type frist or fristforlaengelse of a notification,
target group, offer or organisation, or a follow-up action with a deadline agreed under an
agenda item. `deadline_rows` is the one builder of Frister's table rows.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..catalog import FOLLOW_UP, Catalog, Deadline
from ..model.dates import date_order
from ..model.deadlines import follow_up_outcomes, outcome_dates
from .citations import Citations
from .helpers import Helpers, deadline_badge
from .html_writer import HtmlWriter
from .labels import (
    EVENT_TYPE,
    KIND_SINGULAR,
    NOTIFICATION_STATE,
    RESPONSIBLE_ROLE,
    date_da,
    dated,
    enum_value,
)
from .links import page_uri
from .textlayout import agenda_anchor

DEADLINE_TYPE = {**EVENT_TYPE, FOLLOW_UP: "Opfølgning"}
HEADERS = ["Frist", "Gælder", "Type og status", "Beskrivelse", "Svar", "Resultat"]


def label(deadline: Deadline) -> str:
    """'Frist', 'Fristforlængelse' or 'Opfølgning'."""
    return DEADLINE_TYPE[deadline.type]


def responsible(catalog: Catalog, deadline: Deadline) -> str | None:
    """Who is to act on a follow-up: the organisation's name or the role (None otherwise)."""
    if deadline.item is None:
        return None
    action = deadline.event
    if action.ansvarlig:
        return str(catalog.get("organisationer", action.ansvarlig).navn)
    return RESPONSIBLE_ROLE[enum_value(action.rolle)]


def place(deadline: Deadline) -> str:
    """What the deadline belongs to, in words: 'Kofoedsminde (tilbud)', or the meeting and
    agenda item of a follow-up."""
    if deadline.item is not None:
        return f"{deadline.entity.navn}, punkt {deadline.item.nr}"
    return f"{deadline.entity.navn} ({KIND_SINGULAR[deadline.kind]})"


def summary(catalog: Catalog, deadline: Deadline) -> str:
    """One line naming the deadline (a calendar event's title)."""
    if deadline.item is not None:
        return f"{label(deadline)}: {deadline.beskrivelse} ({responsible(catalog, deadline)})"
    return f"{label(deadline)}: {deadline.entity.navn}"


def place_link(h: Helpers, deadline: Deadline) -> Markup:
    if deadline.item is not None:
        return h.html.link(page_uri("kilder", deadline.entity.id), place(deadline),
                           agenda_anchor(deadline.item.nr))
    return h.entity(deadline.kind, deadline.entity.id, with_kind=True)


def answer_summary(n: Any, html: HtmlWriter) -> Markup:
    """A notification's answers in a few words, linking to them on Frister."""
    if not n.svar:
        return Markup("Ingen svar i data")
    dates = sorted((s.dato for s in n.svar), key=date_order)
    span = date_da(dates[0]) + (f"–{date_da(dates[-1])}" if dates[-1] != dates[0] else "")
    return html.link("", f"{len(n.svar)} svar, {span}", f"svar-{n.id}")


def _description(deadline: Deadline, h: Helpers, c: Citations) -> Markup:
    text = h.html.text(deadline.beskrivelse)
    who = responsible(h.ctx.catalog, deadline)
    if who:
        text += h.html.text(f" Ansvarlig: {who}.")
    return text + c.cite(deadline.kilde)


def outcomes(deadline: Deadline) -> list[str]:
    """What tells whether a passed deadline was met (model/deadlines.py is the rule): the
    owner's recorded outcomes, or for a follow-up its deadline when marked done."""
    if deadline.item is not None:
        return follow_up_outcomes(deadline.event)
    return outcome_dates(deadline.entity)


def deadline_rows(deadlines: list[Deadline], h: Helpers, c: Citations) -> list[list[Any]]:
    """Frister's rows (columns HEADERS), one per deadline, in the order given."""
    today = h.ctx.today
    rows = []
    for d in deadlines:
        when = dated(d.dato, d.dato_tekst)
        result = (NOTIFICATION_STATE[d.entity.resultat.status.value]
                  if d.kind == "udmeldinger" and d.entity.resultat else "–")
        rows.append([when, place_link(h, d), h.html.text(label(d)) + deadline_badge(d.dato, today, outcomes(d)),
                     _description(d, h, c),
                     answer_summary(d.entity, h.html) if d.kind == "udmeldinger" else "–",
                     result])
    return rows
