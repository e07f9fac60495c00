"""Open data exports written into the built site: JSON per entity, CSV, JSON Schema,
a Frictionless data package, iCalendar files of deadlines (all, and each entity's beside its
page) and an Atom feed of changes.

`write_exports` is the one entry point; the mkdocs hook calls it after the build.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..model.schema import rendered_schemas
from ..render.history import History
from ..urls import API_DIR, SiteInfo
from .calendar import CALENDAR_PATH, calendar, entity_calendars
from .datapackage import CSV_DIALECT, CSV_ENCODING, descriptor
from .feed import FEED_PATH, atom_feed, entity_feed
from .records import all_records, everything
from .tables import Table, all_tables

__all__ = ["API_DIR", "CALENDAR_PATH", "FEED_PATH", "SiteInfo", "write_exports"]


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        handle.write(text)
    return path


def _json(value: Any, compact: bool = False) -> str:
    if compact:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def write_csv(path: Path, table: Table) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle, delimiter=str(CSV_DIALECT["delimiter"]), lineterminator="\r\n")
        writer.writerow([c.name for c in table.columns])
        writer.writerows(table.rows)
    return path


def write_exports(catalog: Catalog, out_dir: Path, site: SiteInfo | None = None,
                  history: History | None = None) -> list[Path]:
    """Write every export below `out_dir` (the built site); return the files written. The
    feeds of changes come from `history` (None: the build has none, the feeds are empty)."""
    site = site or SiteInfo()
    api = out_dir / API_DIR
    written = []
    records = all_records(catalog, site)
    for kind, items in records.items():
        for record in items:
            written.append(_write(api / kind / f"{record['id']}.json", _json(record)))
    written.append(_write(api / "alt.json", _json(everything(catalog, site, records), True)))
    tables = all_tables(catalog, site)
    written.extend(write_csv(api / table.path, table) for table in tables)
    for name, text in rendered_schemas().items():
        written.append(_write(api / "schemas" / name, text))
    written.append(_write(api / "datapackage.json", _json(descriptor(tables, site))))
    written.append(_write(out_dir / CALENDAR_PATH, calendar(catalog, site)))
    for (kind, entity_id), text in entity_calendars(catalog, site).items():
        written.append(_write(out_dir / site.entity_file_path(kind, entity_id, CALENDAR_PATH),
                              text))
    written.append(_write(out_dir / FEED_PATH, atom_feed(catalog, site, history)))
    for kind, entities in catalog.entities.items():
        for entity_id in entities:
            written.append(_write(out_dir / site.entity_feed_path(kind, entity_id),
                                  entity_feed(catalog, site, history, kind, entity_id)))
    return written
