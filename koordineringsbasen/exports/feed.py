"""An Atom feed (RFC 4287) of data changes: one entry per entity whose data file changed in git.

Entry ids are tag URIs (RFC 4151) made of the entity and the change date, so an entity that
changes again appears as a new entry, and rebuilding never changes an id.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..catalog import Catalog
from ..render.labels import KIND_PLURAL, KIND_SINGULAR, date_da
from ..urls import SiteInfo
from .guards import xml_text
from .licence import rights_statement

ATOM = "http://www.w3.org/2005/Atom"
TAG_YEAR = "2025"  # the year the tagging authority (the site's host) was first used
FEED_PATH = "aendringer.xml"


def changes(catalog: Catalog, site: SiteInfo) -> list[tuple[str, str, str]]:
    """(date, kind, id) for every entity with a known change date, newest first."""
    found = [(site.changed[path], kind, entity_id)
             for (kind, entity_id), path in catalog.files.items() if path in site.changed]
    return sorted(found, key=lambda item: (item[0], item[1], item[2]), reverse=True)


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _entry(feed: ET.Element, catalog: Catalog, site: SiteInfo, date: str, kind: str,
           entity_id: str) -> None:
    entity = catalog.get(kind, entity_id)
    entry = ET.SubElement(feed, "entry")
    ET.SubElement(entry, "id").text = f"tag:{site.host},{TAG_YEAR}:{kind}/{entity_id}/{date}"
    ET.SubElement(entry, "title").text = f"{KIND_SINGULAR[kind].capitalize()}: {entity.navn}"
    ET.SubElement(entry, "updated").text = _timestamp(date)
    ET.SubElement(entry, "link", rel="alternate", type="text/html",
                  href=site.page_url(kind, entity_id))
    ET.SubElement(entry, "link", rel="related", type="application/json",
                  href=site.url(site.entity_json_path(kind, entity_id)))
    ET.SubElement(entry, "category", term=kind, label=KIND_PLURAL[kind])
    ET.SubElement(entry, "summary").text = (
        f"{catalog.files[(kind, entity_id)]} blev ændret {date_da(date)}. {entity.resume}")


def atom_feed(catalog: Catalog, site: SiteInfo) -> str:
    """The whole aendringer.xml document."""
    found = changes(catalog, site)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "da"})
    ET.SubElement(feed, "id").text = f"tag:{site.host},{TAG_YEAR}:aendringer"
    ET.SubElement(feed, "title").text = "Koordineringsbasen: ændringer i data"
    ET.SubElement(feed, "subtitle").text = ("Målgrupper, tilbud, centrale udmeldinger, kilder og "
                                            "organisationer, nyeste ændring først.")
    updated = found[0][0] if found else site.today.isoformat()
    ET.SubElement(feed, "updated").text = _timestamp(updated)
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=site.url(FEED_PATH))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=site.url(""))
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = "Koordineringsbasen"
    ET.SubElement(feed, "rights").text = rights_statement()
    for date, kind, entity_id in found:
        _entry(feed, catalog, site, date, kind, entity_id)
    for element in feed.iter():  # every text and attribute holds only XML 1.0 characters
        if element.text:
            element.text = xml_text(element.text)
        for name, value in element.attrib.items():
            element.set(name, xml_text(value))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
