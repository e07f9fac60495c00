"""How current the facts are: per entity the newest date among the sources its facts cite."""

from __future__ import annotations

from pydantic import BaseModel

from ..catalog import Catalog, Key
from ..model.dates import date_order
from ..model.references import Citation, walk


def newest_source_dates(catalog: Catalog) -> dict[Key, str]:
    """For every citing entity, the date of the newest source it cites (ISO, maybe partial).

    The same date as an entity page's "Oplysninger til og med": its footnotes cite exactly
    the entity's own references.
    """
    newest: dict[Key, str] = {}
    for source_id, facts in catalog.citations.items():
        date = catalog.get("kilder", source_id).dato
        for fact in facts:
            known = newest.get(fact.entity)
            if known is None or date_order(date) > date_order(known):
                newest[fact.entity] = date
    return newest


def entity_as_of(catalog: Catalog, entity: BaseModel) -> str | None:
    """The newest date among the sources `entity` cites (ISO, maybe partial), or None: the
    "Oplysninger til og med" its page shows at the top, before its footnotes are numbered."""
    dates = [catalog.get("kilder", item.reference.kilde).dato for item in walk(entity)
             if type(item) is Citation]
    return max(dates, key=date_order, default=None)
