"""The "Følg" control of an entity page: its feed of changes and, when it has deadlines, its
calendar, both files in the page's folder, with a line on how to subscribe in Outlook."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .helpers import Helpers
from .html_writer import follow_menu

FEED_FILE = "aendringer.xml"  # written by the history feeds, beside every entity page
CALENDAR_FILE = "frister.ics"  # exports/calendar.entity_calendars, beside pages with deadlines


def follow(h: Helpers, entity: Any) -> Markup:
    """The control for `entity`'s page (a block: finished HTML kept out of Markdown)."""
    links = [(FEED_FILE, "Ændringer som feed (Atom)", "application/atom+xml")]
    notes = [Markup("Feedet viser nye og ændrede oplysninger på siden. Følg det i en "
                    "feedlæser, eller i Outlook: højreklik på <strong>RSS-abonnementer</strong> "
                    "› <strong>Tilføj et nyt RSS-feed</strong>, og indsæt linkets adresse.")]
    if (entity.kind, entity.id) in h.ctx.catalog.deadline_keys():
        links.append((CALENDAR_FILE, "Frister i kalender (iCalendar)", "text/calendar"))
        notes.append(Markup("Kalenderen holder sig opdateret, når du abonnerer: kopiér linkets "
                            "adresse (højreklik på linket), og vælg i Outlook <strong>Tilføj "
                            "kalender</strong> › <strong>Fra internettet</strong>, og indsæt "
                            "adressen."))
    return h.block(follow_menu(links, notes))
