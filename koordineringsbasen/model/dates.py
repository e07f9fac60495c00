"""Partial dates: what a date known as a day, a month or only a year means.

The data keep dates as ISO text ('2025-05-14', '2025-05', '2025'; validated by
model.common.PartialDate). `period()` turns one into the days it can mean, and everything that
compares, places or writes dates (deadlines, the calendar, Datakvalitet, the pages) goes
through it. A source's own wording (`dato_tekst`) may say more than the ISO date: "efterår
2024" of a date '2024', "medio oktober" of '2021-10'. `refined()` reads that (season, half,
quarter, beginning/middle/end), so that such a date is placed by its first day and written once
("efterår 2024", never "2024 (efterår 2024)"); `label()` writes a date with its wording, the
wording only where it adds something.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol, TypeVar

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december")


@dataclass(frozen=True)
class Period:
    first: dt.date  # the first day the date can mean
    last: dt.date  # the last day: the same day, the month's end or 31 December
    precision: str  # "dag", "måned" or "år" (or "del" for a part of a month or year)
    wording: str | None = None  # how a refined period is written ("efterår 2024")

    def is_past(self, today: dt.date) -> bool:
        """Over before `today`: a month or a year counts as past once all of it has passed."""
        return self.last < today

    def danish(self) -> str:
        """'14. maj 2025', 'maj 2025', '2025', or a refined period's wording."""
        if self.wording:
            return self.wording
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


# Parts of a year (months, first and last) and of a month (days), as the sources name them.
YEAR_PARTS = {"forår": (3, 5), "foråret": (3, 5), "sommer": (6, 8), "sommeren": (6, 8),
              "efterår": (9, 11), "efteråret": (9, 11), "1. halvår": (1, 6),
              "2. halvår": (7, 12), "1. kvartal": (1, 3), "2. kvartal": (4, 6),
              "3. kvartal": (7, 9), "4. kvartal": (10, 12)}
# Words for the beginning, middle and end of a year or month: thirds of it.
THIRDS = {"primo": 0, "begyndelsen af": 0, "medio": 1, "midten af": 1, "ultimo": 2,
          "slutningen af": 2}
# Words that add nothing to a date: "i maj 2020", "den 24. juni".
FILLERS = frozenset({"i", "den", "d", "måned"})
# At most this many words before the part ("forventeligt i"); more is a remark, not a date.
QUALIFIER = 2
# A wording this short that names the date itself is written instead of the date.
SHORT_WORDING = 4
# The part may follow a qualifier ("forventeligt i slutningen af 2023"); it ends the wording.
_PART = re.compile(r"(?:^|\s)(?P<part>" + "|".join(sorted(map(re.escape, [*YEAR_PARTS, *THIRDS]),
                                                    key=len, reverse=True))
                   + r")(?:\s+(?P<month>" + "|".join(MONTHS) + r"))?(?:\s+(?P<year>\d{4}))?$")


def refined(value: str, wording: str | None) -> Period | None:
    """The part of the date `value` that the source's `wording` names (a season, half, quarter,
    or the beginning, middle or end of a year or month), when the wording is only that and
    agrees with the date's year (and month); else None."""
    core = _core(wording)[0] if wording else ""
    found = _PART.search(core)
    whole = period(value)
    if not found or whole.precision == "dag" or len(core[:found.start()].split()) > QUALIFIER:
        return None
    part, month, year = found.group("part"), found.group("month"), found.group("year")
    if year and int(year) != whole.first.year:
        return None
    if month and (whole.precision != "måned" or MONTHS.index(month) + 1 != whole.first.month):
        return None
    if whole.precision == "måned" and not month and part in THIRDS:
        month = MONTHS[whole.first.month - 1]  # "Medio oktober" or "medio" of '2021-10'
    y = whole.first.year
    if part in YEAR_PARTS:
        if whole.precision != "år":
            return None
        first, last = YEAR_PARTS[part]
        start, end = dt.date(y, first, 1), period(f"{y}-{last:02d}").last
        written = f"{part.removesuffix('et').removesuffix('en')} {y}"
    elif month:  # a third of the month: days 1-10, 11-20, 21 to the end
        third, m = THIRDS[part], MONTHS.index(month) + 1
        start = dt.date(y, m, 1 + 10 * third)
        end = period(f"{y}-{m:02d}").last if third == 2 else dt.date(y, m, 10 + 10 * third)
        written = f"{part} {month} {y}"
    else:  # a third of the year: four months
        third = THIRDS[part]
        start, end = dt.date(y, 1 + 4 * third, 1), period(f"{y}-{4 + 4 * third:02d}").last
        written = f"{part} {y}"
    qualifier = core[:found.start("part")].strip()
    if qualifier not in ("", "i"):  # "forventeligt i slutningen af 2023": the source's words
        written = f"{qualifier} {written}"
    return replace(whole, first=start, last=end, precision="del", wording=written)


def when(value: str, wording: str | None) -> Period:
    """The days a date with the source's wording means: refined when the wording says more."""
    return refined(value, wording) or period(value)


def label(value: str, wording: str | None) -> str:
    """A date as the pages write it: '14. maj 2025'; a refined period alone ('efterår 2024');
    the source's wording in parentheses only when it adds something ('2021 (foreløbige
    konklusioner …)', not 'maj 2020 (i maj 2020)')."""
    written = when(value, wording).danish()
    if not wording:
        return written
    if refined(value, wording) is not None:
        extra = _core(wording)[1]
        return f"{written} ({extra})" if extra else written
    words, said = set(_words(wording)) - FILLERS, set(_words(written))
    if words <= said:  # "i maj 2020": nothing more than the date
        return written
    numbers = {w for w in words if w.isdigit()}
    if said <= words and len(words) <= SHORT_WORDING and numbers <= said:
        # "i løbet af 2025": the date, said more closely
        return wording
    return f"{written} ({wording})"


def _core(wording: str) -> tuple[str, str | None]:
    """The wording without a closing remark in parentheses, and that remark:
    'efterår 2024 (risikovurderingen)' -> ('efterår 2024', 'risikovurderingen')."""
    text = " ".join(wording.casefold().split())
    found = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", text)
    return (found.group(1), wording[wording.index("(") + 1:wording.rindex(")")].strip()) \
        if found else (text, None)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())
