"""Atom feeds (RFC 4287) of the data's changes, worded as the pages word them.

`aendringer.xml` at the site's root has one entry per commit that changed the data, saying
what changed on which page; each entity page has its own feed next to it
(`<kind>/<id>/aendringer.xml`), one entry per change of the entity or of a source it cites.
Entry ids are tag URIs (RFC 4151) made of the commit, so rebuilding never changes an id and
every change is a new entry. Without the history (render/history.py) the feeds are empty.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markupsafe import Markup

from ..catalog import KINDS, Catalog
from ..render.history import History, Revision, change_lines, entity_revisions
from ..render.labels import KIND_SINGULAR, date_da
from ..urls import SiteInfo
from .guards import xml_text
from .licence import rights_statement

ATOM = "http://www.w3.org/2005/Atom"
TAG_YEAR = "2025"  # the year the tagging authority (the site's host) was first used
FEED_PATH = "aendringer.xml"
MAX_LINES = 100  # lines of one entry of the site's feed (an import adds hundreds of files)
TITLE_LENGTH = 120


def _tag(site: SiteInfo, path: str) -> str:
    return f"tag:{site.host},{TAG_YEAR}:{path}"


def _list(lines: list[str]) -> str:
    """The lines as an HTML list (the content of an entry of type html)."""
    return str(Markup("<ul>") + Markup("").join(Markup("<li>%s</li>") % line for line in lines)
               + Markup("</ul>"))


def _short(text: str) -> str:
    return text if len(text) <= TITLE_LENGTH else text[:TITLE_LENGTH - 1] + "…"


def _feed(site: SiteInfo, feed_id: str, title: str, subtitle: str, self_path: str,
          page_url: str, updated: str) -> ET.Element:
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "da"})
    ET.SubElement(feed, "id").text = _tag(site, feed_id)
    ET.SubElement(feed, "title").text = title
    ET.SubElement(feed, "subtitle").text = subtitle
    ET.SubElement(feed, "updated").text = updated
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=site.url(self_path))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=page_url)
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = "Koordineringsbasen"
    ET.SubElement(feed, "rights").text = rights_statement()
    return feed


def _entry(feed: ET.Element, entry_id: str, title: str, updated: str, link: str,
           lines: list[str]) -> None:
    entry = ET.SubElement(feed, "entry")
    ET.SubElement(entry, "id").text = entry_id
    ET.SubElement(entry, "title").text = _short(title)
    ET.SubElement(entry, "updated").text = updated
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=link)
    ET.SubElement(entry, "content", type="html").text = _list(lines)


def _document(feed: ET.Element) -> str:
    for element in feed.iter():  # every text and attribute holds only XML 1.0 characters
        if element.text:
            element.text = xml_text(element.text)
        for name, value in element.attrib.items():
            element.set(name, xml_text(value))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _timestamp(site: SiteInfo) -> str:
    return f"{site.today.isoformat()}T00:00:00Z"


def commit_lines(revision: Revision) -> list[str]:
    """One revision in the site's feed: what changed on which page, in words."""
    kind = revision.path.split("/")[-2]
    if revision.added:
        return [f"{KINDS[kind].new}: {revision.name}"]
    if revision.removed:
        return [f"Fjernet: {KIND_SINGULAR[kind]} {revision.name}"]
    about = f"{KIND_SINGULAR[kind].capitalize()} «{revision.name}»"
    return [f"{about} – {line[:1].lower()}{line[1:]}" for line in change_lines(revision)]


def atom_feed(catalog: Catalog, site: SiteInfo, history: History | None = None) -> str:
    """The site's aendringer.xml: one entry per commit that changed what a page shows."""
    subtitle = ("Hvad der er ændret i målgrupper, tilbud, centrale udmeldinger, kilder og "
                "organisationer, nyeste ændring først.")
    if history is None:
        subtitle += " Denne udgave er bygget uden versionshistorikken: ingen ændringer vises."
    commits = history.commits if history else ()
    updated = commits[0].date if commits else _timestamp(site)
    feed = _feed(site, "aendringer", "Koordineringsbasen: ændringer i data", subtitle,
                 FEED_PATH, site.url(""), updated)
    by_file = {file: key for key, file in catalog.files.items()}
    for commit in commits:
        lines = [line for revision in commit.revisions for line in commit_lines(revision)]
        if len(lines) > MAX_LINES:
            lines = [*lines[:MAX_LINES], f"… og {len(lines) - MAX_LINES} ændringer mere."]
        pages = [by_file[r.path] for r in commit.revisions if r.path in by_file]
        names = list(dict.fromkeys(r.name for r in commit.revisions))
        shown = ", ".join(names[:3]) + (f" og {len(names) - 3} andre" if len(names) > 3 else "")
        link = site.page_url(*pages[0]) if len(set(pages)) == 1 else site.url("")
        _entry(feed, _tag(site, f"aendringer/{commit.commit}"),
               f"{date_da(commit.date[:10])}: {shown}", commit.date, link, lines)
    return _document(feed)


def entity_feed(catalog: Catalog, site: SiteInfo, history: History | None, kind: str,
                entity_id: str) -> str:
    """The entity's own aendringer.xml: its changes and those of the sources it cites."""
    entity = catalog.get(kind, entity_id)
    found = entity_revisions(history, catalog, kind, entity_id) if history else []
    subtitle = f"Ændringer i oplysningerne om {KIND_SINGULAR[kind]} {entity.navn}, nyeste først."
    if history is None:
        subtitle += " Denne udgave er bygget uden versionshistorikken: ingen ændringer vises."
    page = site.page_url(kind, entity_id)
    feed = _feed(site, f"{kind}/{entity_id}/aendringer", f"Ændringer: {entity.navn}", subtitle,
                 site.entity_feed_path(kind, entity_id), page,
                 found[0][0].date if found else _timestamp(site))
    for revision, source in found:
        where = f" i kilden «{catalog.get('kilder', source).navn}»" if source else ""
        lines = change_lines(revision, where)
        more = f" (og {len(lines) - 1} mere)" if len(lines) > 1 else ""
        suffix = f"/kilder/{source}" if source else ""
        _entry(feed, _tag(site, f"{kind}/{entity_id}/{revision.commit}{suffix}"),
               f"{date_da(revision.day)}: {lines[0]}{more}", revision.date,
               page + "#aendringshistorik", lines)
    return _document(feed)

