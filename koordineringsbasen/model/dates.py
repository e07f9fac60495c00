"""Partial dates: what a date known as a day, a month or only a year means.

The data keep dates as ISO text ('2025-05-14', '2025-05', '2025'; validated by
model.common.PartialDate). `period()` turns one into the days it can mean, and everything that
compares, places or writes dates (deadlines, the calendar, Datakvalitet, the pages) goes
through it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

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
