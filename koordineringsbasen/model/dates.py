"""Partial dates: what a date known as a day, a month or only a year means.

The data keep dates as ISO text ('2025-05-14', '2025-05', '2025'; validated by
model.common.PartialDate). `period()` turns one into the days it can mean, and everything that
compares, places or writes dates (deadlines, the calendar, Datakvalitet, the pages) goes
through it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december")


@dataclass(frozen=True)
class Period:
    first: dt.date  # the first day the date can mean
    last: dt.date  # the last day: the same day, the month's end or 31 December
    precision: str  # "dag", "måned" or "år"

    def is_past(self, today: dt.date) -> bool:
        """Over before `today`: a month or a year counts as past once all of it has passed."""
        return self.last < today

    def danish(self) -> str:
        """'14. maj 2025', 'maj 2025' or '2025'."""
        if self.precision == "år":
            return str(self.first.year)
        month = f"{MONTHS[self.first.month - 1]} {self.first.year}"
        return month if self.precision == "måned" else f"{self.first.day}. {month}"


@lru_cache(maxsize=4096)
def period(value: str) -> Period:
    """The Period of a (partial) ISO date as the data hold it."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return Period(day, day, "dag")
    if len(parts) == 2:
        year, month = parts
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return Period(dt.date(year, month, 1), following - dt.timedelta(days=1), "måned")
    return Period(dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "år")


def date_order(value: str) -> tuple[dt.date, dt.date]:
    """Sort key of a partial date: its first day, then its last (so '2024-05-14' comes before
    '2024-05', which comes before '2024' only when it also ends first)."""
    found = period(value)
    return found.first, found.last


class Dated(Protocol):
    @property
    def dato(self) -> str: ...


D = TypeVar("D", bound=Dated)


def newest(items: Iterable[D]) -> D | None:
    """The item with the newest date (date_order); of equal dates the later one in the list,
    as a later entry in a file records a later decision. None for no items. The one rule for
    "the latest rating" and "the current status"."""
    found: D | None = None
    for item in items:
        if found is None or date_order(item.dato) >= date_order(found.dato):
            found = item
    return found


@dataclass(frozen=True)
class Span:
    """The period a figure covers: one (partial) date, or from one to another."""

    start: Period
    end: Period

    def danish(self) -> str:
        """'2024', '2017–2019' or '1. januar 2022–25. oktober 2024'."""
        if self.start == self.end:
            return self.start.danish()
        return f"{self.start.danish()}–{self.end.danish()}"


YEARS = re.compile(r"^(\d{4})-(\d{4})$")


@lru_cache(maxsize=1024)
def span(value: str) -> Span:
    """The Span of a validated period text: 'ÅÅÅÅ', 'ÅÅÅÅ-ÅÅÅÅ' or 'dato/dato' (either side a
    partial ISO date)."""
    years = YEARS.match(value)
    first, last = years.groups() if years else (value.split("/") + [value])[:2]
    return Span(period(first), period(last))
