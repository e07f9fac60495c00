"""Small Markup-producing helpers shared by templates: badges, links, backlink sections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import Markup

from ..model.contact import ContactPoint
from ..model.dates import period
from ..model.deadlines import UPCOMING, deadline_state, outcome_dates
from . import html_writer
from .context import RenderContext
from .html_writer import HtmlWriter
from .labels import KIND_SINGULAR, NOTIFICATION_STATE, OFFER_STATUS, RISK
from .links import entity_of_page, page_uri

ICONS = {
    # Simple shapes so that the level is told by shape and text as well as colour.
    "roed": '<path d="M8 1 15 15H1Z"/>',
    "gul": '<rect x="2" y="2" width="12" height="12"/>',
    "groen": '<circle cx="8" cy="8" r="6.5"/>',
}

# Statuses by how much attention they call for; each tone has its shape (as the risk levels).
TONE_ICONS = {
    "alert": ICONS["roed"], "watch": ICONS["gul"], "calm": ICONS["groen"],
    "neutral": '<circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" stroke-width="2"/>',
}
STATUS_TONES = {
    "foelges-skaerpet": "alert", "noedspor": "alert", "foelges-lokalt": "watch",
    "ikke-laengere-skaerpet": "calm", "i-drift": "calm", "planlagt": "neutral",
    "under-etablering": "neutral", "lukket": "neutral",
    "aaben": "watch", "afventer-afgoerelse": "watch", "vurderet": "calm", "afsluttet": "neutral",
}

BACKLINK_HEADINGS = {
    ("maalgrupper", "tilbud", "maalgrupper"): "Tilbud til målgruppen",
    ("maalgrupper", "udmeldinger", "maalgrupper"): "Centrale udmeldinger om målgruppen",
    ("maalgrupper", "maalgrupper", "overordnet"): "Delmålgrupper",
    ("tilbud", "udmeldinger", "tilbud"): "Centrale udmeldinger der angår tilbuddet",
    ("tilbud", "tilbud", "overordnet"): "Deltilbud",
    ("organisationer", "tilbud", "driftsherre"): "Driver disse tilbud",
    ("organisationer", "tilbud", "paa_vegne_af"): "Tilbud drevet på organisationens vegne",
    ("organisationer", "tilbud", "status"): "Følger op på disse tilbud",
    ("organisationer", "udmeldinger", "udsteder"): "Udsendte centrale udmeldinger",
    ("organisationer", "udmeldinger", "svar"): "Har svaret på centrale udmeldinger",
    ("organisationer", "kilder", "organ"): "Møder og dokumenter",
    ("organisationer", "organisationer", "overordnet"): "Underordnede organisationer",
    ("kilder", "kilder", "indgaar_i"): "Dokumenter i denne kilde",
    ("maalgrupper", "reformer", "maalgrupper"): "Reformer og programmer, der angår målgruppen",
    ("tilbud", "reformer", "tilbud"): "Reformer og programmer, der angår tilbuddet",
    ("organisationer", "reformer", "organisationer"): "Reformer og programmer, organisationen "
                                                      "har en rolle i",
    ("udmeldinger", "reformer", "udmeldinger"): "Reformer og programmer, der angår udmeldingen",
}


def risk_badge(level: Any) -> Markup:
    value = getattr(level, "value", level)
    return html_writer.risk_badge(value, ICONS[value], RISK[value])


def offer_status_badge(status: Any) -> Markup:
    """An offer's follow-up status as a badge."""
    value = getattr(status, "value", status)
    tone = STATUS_TONES[value]
    return html_writer.status_badge(tone, TONE_ICONS[tone], OFFER_STATUS[value])


def notification_badge(state: Any) -> Markup:
    """A central notification's state as a badge."""
    value = getattr(state, "value", state)
    tone = STATUS_TONES[value]
    return html_writer.status_badge(tone, TONE_ICONS[tone], NOTIFICATION_STATE[value])


def deadline_badge(date: str, today: dt.date, outcomes: Iterable[str] = ()) -> Markup:
    """"kommende", "passeret" (an outcome is recorded) or "overskredet" (none is):
    model/deadlines.py; `outcomes` are the owner's outcome dates (deadlines.outcome_dates)."""
    state = deadline_state(date, outcomes, today)
    return html_writer.deadline_badge(state != UPCOMING, state)


def deadline_passed(date: str, today: dt.date) -> bool:
    """A deadline given only as month or year counts as passed once that period is over."""
    return period(date).is_past(today)


@dataclass(frozen=True)
class Helpers:
    """What the templates and page builders of one page share: links to entities (HTML, from
    the page's HtmlWriter), badges and the backlink sections. `in_markdown`: for HTML placed
    in a template's Markdown (see HtmlWriter), not in a table or list block."""

    ctx: RenderContext
    page: str
    in_markdown: bool = False

    risk_badge = staticmethod(risk_badge)
    offer_status_badge = staticmethod(offer_status_badge)
    notification_badge = staticmethod(notification_badge)

    @cached_property
    def html(self) -> HtmlWriter:
        return HtmlWriter(self.page, self.ctx.catalog.glossary, self.in_markdown,
                          index_tables=entity_of_page(self.ctx.catalog, self.page) is not None)

    def block(self, html: Markup) -> Markup:
        """`html`, standing on its own in the page's Markdown, registered with the page."""
        return self.ctx.block(self.page, html)

    def deadline_badge(self, date: str, owner: Any = None) -> Markup:
        """The state of deadline `date` on the build date, as a badge: met or overdue by what
        `owner` (the entity the deadline is on) records (model/deadlines.py)."""
        return deadline_badge(date, self.ctx.today, outcome_dates(owner))

    def entity(self, kind: str, entity_id: str, with_kind: bool = False) -> Markup:
        entity = self.ctx.catalog.get(kind, entity_id)
        result = self.html.link(page_uri(kind, entity_id), entity.navn)
        if with_kind:
            result += Markup(" (") + self.html.text(KIND_SINGULAR[kind]) + Markup(")")
        return result

    def external_link(self, url: str, label: str) -> Markup:
        """The "Ret data" link to the data file on the code host."""
        return self.html.external_link(url, label, "kb-edit")

    def public_link(self, url: str, label: str) -> Markup:
        """A plain link to a public document on another host (shown in print too; never
        fetched)."""
        return self.html.external_link(url, label)

    def contact_point(self, point: ContactPoint) -> Markup:
        """A contact point as one line: website · mailbox · postal address."""
        parts = []
        if point.hjemmeside:
            label = point.hjemmeside.split("://", 1)[1].rstrip("/")
            parts.append(self.html.external_link(point.hjemmeside, label))
        if point.postkasse:
            parts.append(self.html.mail_link(point.postkasse))
        if point.postal_address:
            parts.append(self.html.text(point.postal_address))
        return Markup(" · ").join(parts)

    def maybe(self, kind: str, entity_id: str | None) -> Markup:
        return self.entity(kind, entity_id) if entity_id else Markup("–")

    def backlink_sections(self, kind: str, entity_id: str) -> list[tuple[str, list[Markup]]]:
        """Every entity that links here, grouped under a heading per kind and field."""
        groups: dict[str, dict[str, Markup]] = {}
        for backlink in self.ctx.catalog.backlinks.get((kind, entity_id), ()):
            source_kind, source_id = backlink.source
            field = str(backlink.path[0])
            heading = BACKLINK_HEADINGS.get(
                (kind, source_kind, field), f"Nævnt i {KIND_SINGULAR[source_kind]}"
            )
            groups.setdefault(heading, {})[source_id] = self.entity(source_kind, source_id)
        return [(h, [items[k] for k in sorted(items)]) for h, items in sorted(groups.items())]
