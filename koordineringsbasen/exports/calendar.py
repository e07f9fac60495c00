"""The deadlines of the central notifications as an iCalendar file (RFC 5545).

One all-day VEVENT per event of type frist or fristforlaengelse. A date known only as a month
or a year is placed on the first day of that period, and the description says so. The
`icalendar` package writes the file: TEXT escaping, line folding and the UTC stamp are its job.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import icalendar
from icalendar.parser import Contentline

from ..catalog import Catalog, Deadline
from ..model.dates import period
from ..render.labels import EVENT_TYPE, date_da
from ..urls import SiteInfo
from .guards import ical_text

CALENDAR_PATH = "frister.ics"
PRODID = "-//Koordineringsbasen//Frister//DA"


def first_day(partial: str) -> tuple[dt.date, str | None]:
    """The date an event is placed on, and what precision the source gave ('måned'/'år')."""
    found = period(partial)
    return found.first, None if found.precision == "dag" else found.precision


def fold(line: str) -> str:
    """One content line folded as icalendar folds every line of frister.ics (at most 75 octets,
    never inside a character); kept so that guarantee stays tested here."""
    return Contentline(line).to_ical().decode("utf-8")


def _uid(deadline: Deadline, seen: Counter[str], host: str) -> str:
    # Stable across builds: notification, type and date (a counter only for same-day twins).
    base = f"{deadline.notification.id}-{deadline.event.type.value}-{deadline.event.dato}"
    seen[base] += 1
    suffix = f"-{seen[base]}" if seen[base] > 1 else ""
    return f"{base}{suffix}@{host}"


def _description(deadline: Deadline, precision: str | None, source: str) -> str:
    event = deadline.event
    lines = [event.beskrivelse]
    if event.dato_tekst:
        lines.append(f"Kildens ordlyd: {event.dato_tekst}")
    if precision:
        lines.append(f"Kilden angiver kun {precision}en ({date_da(event.dato)}); fristen er her "
                     f"lagt på periodens første dag.")
    ref = event.kilde
    place = f", punkt {ref.punkt}" if ref.punkt else ""
    lines.append(f"Kilde: {source} ({ref.kilde}){place}, linje {ref.linjer}")
    return "\n".join(lines)


def vevent(deadline: Deadline, site: SiteInfo, uid: str, source: str) -> icalendar.Event:
    start, precision = first_day(deadline.event.dato)
    label = EVENT_TYPE[deadline.event.type.value]
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", dt.datetime.combine(site.today, dt.time(), tzinfo=dt.timezone.utc))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(days=1))
    event.add("summary", ical_text(f"{label}: {deadline.notification.navn}"))
    event.add("description", ical_text(_description(deadline, precision, source)))
    event.add("transp", "TRANSPARENT")
    event.add("categories", [ical_text(label)])
    if site.base:
        event.add("url", site.page_url("udmeldinger", deadline.notification.id),
                  parameters={"VALUE": "URI"})
    return event


def calendar(catalog: Catalog, site: SiteInfo) -> str:
    """The whole frister.ics text, CRLF line endings."""
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Koordineringsbasen: frister for centrale udmeldinger")
    seen: Counter[str] = Counter()
    for deadline in catalog.deadlines():
        source = catalog.get("kilder", deadline.event.kilde.kilde).navn
        cal.add_component(vevent(deadline, site, _uid(deadline, seen, site.host), source))
    return cal.to_ical(sorted=False).decode("utf-8")
