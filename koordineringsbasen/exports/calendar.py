"""The deadlines of the central notifications as an iCalendar file (RFC 5545), written by hand.

One all-day VEVENT per event of type frist or fristforlaengelse. A date known only as a month
or a year is placed on the first day of that period, and the description says so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..catalog import Catalog
from ..model import Event
from ..render.labels import EVENT_TYPE, date_da
from .site import SiteInfo

DEADLINE_TYPES = ("frist", "fristforlaengelse")
CALENDAR_PATH = "frister.ics"
PRODID = "-//Koordineringsbasen//Frister//DA"


@dataclass(frozen=True)
class Deadline:
    notification_id: str
    notification_name: str
    event: Event


def deadlines(catalog: Catalog) -> list[Deadline]:
    """Every deadline event of every central notification, by date then notification."""
    found = [Deadline(n.id, n.navn, e) for n in catalog.all("udmeldinger") for e in n.haendelser
             if e.type.value in DEADLINE_TYPES]
    return sorted(found, key=lambda d: (d.event.dato, d.notification_id))


def first_day(partial: str) -> tuple[dt.date, str | None]:
    """The date an event is placed on, and what precision the source gave ('måned'/'år')."""
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 3:
        return dt.date(*parts), None
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), "måned"
    return dt.date(parts[0], 1, 1), "år"


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never splitting a character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _uid(deadline: Deadline, seen: Counter[str], host: str) -> str:
    # Stable across builds: notification, type and date (a counter only for same-day twins).
    base = f"{deadline.notification_id}-{deadline.event.type.value}-{deadline.event.dato}"
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


def vevent(deadline: Deadline, site: SiteInfo, uid: str, source: str) -> list[str]:
    start, precision = first_day(deadline.event.dato)
    label = EVENT_TYPE[deadline.event.type.value]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{site.today.strftime('%Y%m%d')}T000000Z",
        f"DTSTART;VALUE=DATE:{start.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(start + dt.timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{escape(f'{label}: {deadline.notification_name}')}",
        f"DESCRIPTION:{escape(_description(deadline, precision, source))}",
        "TRANSP:TRANSPARENT",
        "CATEGORIES:" + escape(label),
    ]
    if site.base:
        lines.append(f"URL;VALUE=URI:{site.page_url('udmeldinger', deadline.notification_id)}")
    lines.append("END:VEVENT")
    return lines


def calendar(catalog: Catalog, site: SiteInfo) -> str:
    """The whole frister.ics text, CRLF line endings."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Koordineringsbasen: frister for centrale udmeldinger",
    ]
    seen: Counter[str] = Counter()
    for deadline in deadlines(catalog):
        source = catalog.get("kilder", deadline.event.kilde.kilde).navn
        lines.extend(vevent(deadline, site, _uid(deadline, seen, site.host), source))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
