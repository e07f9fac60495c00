"""The machine-readable record of the whole data set (schema.org `Dataset` as JSON-LD, the
vocabulary search engines and data portals read; it maps field for field onto DCAT-AP-DK's
dcat:Dataset): publisher and contact, licence, the period the sources cover, and every
downloadable file. Shown on the "Om data" page as a data block; the CSP does not apply to
it (it is never run), see koordineringsbasen/site/csp.py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..catalog import KINDS, Catalog
from ..model import ENTITY_MODELS
from ..model.fields import child_tables
from ..render.labels import KIND_PLURAL
from ..urls import API_DIR, SiteInfo
from .calendar import CALENDAR_PATH
from .feed import FEED_PATH
from .licence import LICENCE

# What mkdocs.yml's `extra` says when nobody has named a publisher or contact: text that reads
# as a placeholder on the page, and an address that can never reach anyone (RFC 2606).
PLACEHOLDER_PUBLISHER = "Udgiver ikke angivet"
PLACEHOLDER_CONTACT = "kontakt@example.invalid"


@dataclass(frozen=True)
class Publisher:
    name: str
    contact: str  # a shared mailbox

    @property
    def placeholders(self) -> list[str]:
        """The settings still at their placeholder: 'udgiver', 'kontakt' (empty when set)."""
        return [key for key, value, placeholder in (
            ("udgiver", self.name, PLACEHOLDER_PUBLISHER),
            ("kontakt", self.contact, PLACEHOLDER_CONTACT)) if value == placeholder]


def publisher_from(extra: Mapping[str, Any]) -> Publisher:
    """mkdocs.yml `extra.udgiver` and `extra.kontakt`, placeholders where missing or empty."""
    name = str(extra.get("udgiver") or "").strip() or PLACEHOLDER_PUBLISHER
    contact = str(extra.get("kontakt") or "").strip() or PLACEHOLDER_CONTACT
    return Publisher(name, contact)


def _files(site: SiteInfo) -> list[tuple[str, str, str]]:
    """(path, title, media type) of every downloadable file of the data set."""
    files = [(f"{API_DIR}/alt.json", "Alle enheder og ordlisten i én JSON-fil", "application/json")]
    for kind in KINDS:
        files.append((f"{API_DIR}/{kind}.csv", KIND_PLURAL[kind], "text/csv"))
        files += [(f"{API_DIR}/{kind}-{c.name.replace('_', '-')}.csv",
                   f"{KIND_PLURAL[kind]}: {c.name}", "text/csv")
                  for c in child_tables(ENTITY_MODELS[kind])]
    files += [
        (f"{API_DIR}/ordliste.csv", "Ordliste", "text/csv"),
        (f"{API_DIR}/datapackage.json", "Frictionless Data Package", "application/json"),
        (CALENDAR_PATH, "Frister (iCalendar)", "text/calendar"),
        (FEED_PATH, "Ændringer i data (Atom)", "application/atom+xml"),
    ]
    return files


def temporal_coverage(catalog: Catalog) -> str | None:
    """The period the sources cover, first to last source date, as an ISO 8601 interval
    ('2022-12-15/2025-05-22'); None without sources."""
    dates = sorted(source.dato for source in catalog.all("kilder"))
    return f"{dates[0]}/{dates[-1]}" if dates else None


def dataset_record(catalog: Catalog, site: SiteInfo, publisher: Publisher) -> dict[str, Any]:
    record: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": "Koordineringsbasen",
        "description": ("Målgrupper, tilbud, centrale udmeldinger, kilder og organisationer i den "
                        "nationale koordination af det specialiserede socialområde, med "
                        "kildehenvisning til hvert faktum."),
        "url": site.url("om-data/"),
        "inLanguage": "da",
        "isAccessibleForFree": True,
        "license": LICENCE.url,
        "publisher": {"@type": "Organization", "name": publisher.name,
                      "email": publisher.contact},
        "spatialCoverage": {"@type": "Place", "name": "Danmark"},
        "dateModified": site.today.isoformat(),
        "keywords": ["specialiseret socialområde", "national koordination", "målgrupper",
                     "tilbud", "centrale udmeldinger"],
        "distribution": [{"@type": "DataDownload", "name": title, "encodingFormat": media,
                          "contentUrl": site.url(path)} for path, title, media in _files(site)],
    }
    coverage = temporal_coverage(catalog)
    if coverage:
        record["temporalCoverage"] = coverage
    return record


def json_ld_block(record: Mapping[str, Any]) -> Markup:
    """`record` as a <script type="application/ld+json"> data block; '<', '>' and '&' are
    written as JSON escapes, so no text in it can end the element."""
    text = (json.dumps(record, ensure_ascii=False, indent=1)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')
