"""Deadlines as iCalendar files (RFC 5545): frister.ics with every deadline of every entity,
and `<entity page dir>/frister.ics` with one entity's deadlines.

One all-day VEVENT per deadline (catalog.Catalog.deadlines: events of type frist or
fristforlaengelse, and agenda follow-ups with a deadline). A date known only as a month or a
year is placed on the first day of that period, and the description says so. The `icalendar`
package writes the file: TEXT escaping, line folding and the UTC stamp are its job.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

import icalendar
from icalendar.parser import Contentline

from ..catalog import Catalog, Deadline, Key
from ..model.dates import period
from ..render.deadlines import label, place, responsible, summary
from ..render.labels import date_da
from ..render.textlayout import agenda_anchor
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
    # Stable across builds: entity, type and date (a counter only for same-day twins). A
    # notification's deadlines keep the UIDs they had before other kinds joined the calendar.
    prefix = "" if deadline.kind == "udmeldinger" else f"{deadline.kind}-"
    item = f"{agenda_anchor(deadline.item.nr)}-" if deadline.item is not None else ""
    base = f"{prefix}{deadline.entity.id}-{item}{deadline.type}-{deadline.dato}"
    seen[base] += 1
    suffix = f"-{seen[base]}" if seen[base] > 1 else ""
    return f"{base}{suffix}@{host}"


def _description(catalog: Catalog, deadline: Deadline, precision: str | None) -> str:
    lines = [deadline.beskrivelse, f"Gælder: {place(deadline)}"]
    who = responsible(catalog, deadline)
    if who:
        lines.append(f"Ansvarlig: {who}")
    if deadline.dato_tekst:
        lines.append(f"Kildens ordlyd: {deadline.dato_tekst}")
    if precision:
        lines.append(f"Kilden angiver kun {precision}en ({date_da(deadline.dato)}); fristen er "
                     f"her lagt på periodens første dag.")
    ref = deadline.kilde
    where = f", punkt {ref.punkt}" if ref.punkt else ""
    source = catalog.get("kilder", ref.kilde).navn
    lines.append(f"Kilde: {source} ({ref.kilde}){where}, linje {ref.linjer}")
    return "\n".join(lines)


def _page_url(deadline: Deadline, site: SiteInfo) -> str:
    url = site.page_url(deadline.kind, deadline.entity.id)
    return url + f"#{agenda_anchor(deadline.item.nr)}" if deadline.item is not None else url


def vevent(catalog: Catalog, deadline: Deadline, site: SiteInfo, uid: str) -> icalendar.Event:
    start, precision = first_day(deadline.dato)
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", dt.datetime.combine(site.today, dt.time(), tzinfo=dt.timezone.utc))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(days=1))
    event.add("summary", ical_text(summary(catalog, deadline)))
    event.add("description", ical_text(_description(catalog, deadline, precision)))
    event.add("transp", "TRANSPARENT")
    event.add("categories", [ical_text(label(deadline))])
    if site.base:
        event.add("url", _page_url(deadline, site), parameters={"VALUE": "URI"})
    return event


def _calendar(catalog: Catalog, site: SiteInfo, name: str,
              deadlines: Iterable[Deadline]) -> str:
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # An X- property has no known type: vText makes icalendar escape it as TEXT (a name may
    # hold a line break).
    cal.add("x-wr-calname", icalendar.vText(ical_text(name)))
    seen: Counter[str] = Counter()
    for deadline in deadlines:
        cal.add_component(vevent(catalog, deadline, site, _uid(deadline, seen, site.host)))
    return cal.to_ical(sorted=False).decode("utf-8")


def calendar(catalog: Catalog, site: SiteInfo) -> str:
    """The whole frister.ics text (every deadline of every entity), CRLF line endings."""
    return _calendar(catalog, site, "Koordineringsbasen: frister", catalog.deadlines())


def entity_calendars(catalog: Catalog, site: SiteInfo) -> dict[Key, str]:
    """The text of each entity's own frister.ics, for every entity that has deadlines."""
    by_entity: dict[Key, list[Deadline]] = defaultdict(list)
    for deadline in catalog.deadlines():
        by_entity[(deadline.kind, deadline.entity.id)].append(deadline)
    return {key: _calendar(catalog, site, f"Koordineringsbasen: frister for "
                                          f"{catalog.get(*key).navn}", found)
            for key, found in by_entity.items()}
