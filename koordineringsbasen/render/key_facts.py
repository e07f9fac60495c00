"""What an entity page's fact box shows beside the entity's own fields: an offer's places and
occupancy in its latest year and its latest tariffs, a notification's next or last deadline.

The fact box (the `fact_box` macro of each kind's template) puts them at the top of the page;
the full tables stay further down, folded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model.dates import date_order
from .helpers import deadline_passed


@dataclass(frozen=True)
class Latest:
    """One ydelse's newest places and newest occupancy (rows of possibly different years)."""

    ydelse: str | None
    places: Any | None
    occupancy: Any | None


def latest_capacity(rows: Iterable[Any]) -> list[Latest]:
    """Per ydelse (in the data's order) the row of its newest year with places and the row of
    its newest year with occupancy: a year's places are often known before its occupancy."""
    places: dict[str | None, Any] = {}
    occupancy: dict[str | None, Any] = {}
    order: list[str | None] = []
    for row in rows:
        if row.ydelse not in order:
            order.append(row.ydelse)
        for found, value in ((places, row.pladser), (occupancy, row.belaegning_procent)):
            if value is not None and (row.ydelse not in found or row.aar > found[row.ydelse].aar):
                found[row.ydelse] = row
    return [Latest(y, places.get(y), occupancy.get(y)) for y in order
            if y in places or y in occupancy]


def latest_prices(prices: Iterable[Any]) -> list[Any]:
    """The prices of the newest year that has any."""
    prices = list(prices)
    newest = max((p.aar for p in prices), default=None)
    return [p for p in prices if p.aar == newest]


def year_span(years: Iterable[int]) -> str:
    """'2018–2025', or '2024' for one year ('' for none)."""
    ordered = sorted(set(years))
    if not ordered:
        return ""
    return str(ordered[0]) if len(ordered) == 1 else f"{ordered[0]}–{ordered[-1]}"


def deadline_in_focus(deadlines: Iterable[Any], today: dt.date) -> tuple[Any, bool] | None:
    """The next deadline not yet passed, else the last passed one, with whether it is next."""
    ordered = sorted(deadlines, key=lambda h: date_order(h.dato))
    upcoming = [h for h in ordered if not deadline_passed(h.dato, today)]
    if upcoming:
        return upcoming[0], True
    return (ordered[-1], False) if ordered else None
