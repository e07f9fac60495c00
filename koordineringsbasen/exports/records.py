"""One JSON record per entity (the data plus its page, file and reverse links), and alt.json."""

from __future__ import annotations

from typing import Any

from ..catalog import KINDS, Catalog
from ..model.common import field_path
from ..urls import SiteInfo

FORMAT_VERSION = 1


def _backlinks(catalog: Catalog, site: SiteInfo, kind: str, entity_id: str) -> list[dict]:
    links = []
    for link in catalog.backlinks.get((kind, entity_id), ()):
        source_kind, source_id = link.source
        links.append({
            "art": source_kind,
            "id": source_id,
            "navn": catalog.get(source_kind, source_id).navn,
            "felt": field_path(link.path),
            "url": site.page_url(source_kind, source_id),
        })
    return links


def _citing(catalog: Catalog, site: SiteInfo, source_id: str) -> list[dict]:
    return [{
        "art": fact.entity[0],
        "id": fact.entity[1],
        "felt": field_path(fact.path),
        "linjer": fact.lines,
        "punkt": fact.punkt,
        "url": site.page_url(*fact.entity),
    } for fact in catalog.citations.get(source_id, ())]


def entity_record(catalog: Catalog, site: SiteInfo, kind: str, entity_id: str) -> dict[str, Any]:
    """The JSON export of one entity; `data` validates against schemas/<kind>.schema.json."""
    entity = catalog.get(kind, entity_id)
    data_file = catalog.files.get((kind, entity_id))
    record: dict[str, Any] = {
        "art": kind,
        "id": entity_id,
        "navn": entity.navn,
        "url": site.page_url(kind, entity_id),
        "json": site.url(site.entity_json_path(kind, entity_id)),
        "datafil": data_file,
        "sidst_aendret": site.changed.get(data_file or ""),
        "henvisninger": _backlinks(catalog, site, kind, entity_id),
    }
    if kind == "kilder":
        record["citeret_af"] = _citing(catalog, site, entity_id)
    record["data"] = entity.model_dump(mode="json")
    return record


def all_records(catalog: Catalog, site: SiteInfo) -> dict[str, list[dict[str, Any]]]:
    return {kind: [entity_record(catalog, site, kind, entity_id)
                   for entity_id in catalog.entities[kind]] for kind in KINDS}


def everything(catalog: Catalog, site: SiteInfo,
               records: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The content of api/alt.json: every record of every kind, and the glossary."""
    records = records if records is not None else all_records(catalog, site)
    return {
        "formatversion": FORMAT_VERSION,
        "titel": "Koordineringsbasen",
        "url": site.url(""),
        "genereret": site.today.isoformat(),
        "antal": {kind: len(items) for kind, items in records.items()},
        "enheder": records,
        "ordliste": [entry.model_dump(mode="json") for entry in catalog.glossary],
    }
