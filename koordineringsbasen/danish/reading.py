"""Which numbers and dates a Danish text states, in any of the notations Danish documents use.

Numbers: `4107`, `4.107` and `4 107` (thousands separators), `33,5` (decimal comma),
`52,0` in tables, `33 %`, `4,2 mio.`/`mia.`/`tusind`, and a number broken over a PDF line. A
number is read as a whole token: 33 is never found inside 133, 2033, 33,5 or 3.300.
Dates: `18. november 2022`, `18. nov. 2022`, `18.11.2022`, `18/11-22`, `2022-11-18`, `18.
november` (the year left to the context), `november 2022` for a month, `2022` for a year.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache

from ..model.dates import MONTHS

# A maximal run of digits with '.' or ',' between them; never part of a longer run or a word
# (hex file names, ids).
# Each pattern starts with its first digit (the engine then jumps from digit to digit) and looks
# back past it: what stands before the token is checked as if the look-behind came first.
TOKEN = re.compile(r"\d(?<![\w.,]\d)(?<!\d[.,]\d)\d*(?:[.,]\d+)*(?![\w])(?![.,]\d)")
THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
DECIMAL_COMMA = re.compile(r"^\d+(?:,\d+)?$")
# "4 107" and "4 107 000": groups of three after a short head, separated by a (hard) space.
SPACED = re.compile(r"\d(?<![\w.,]\d)(?<!\d[.,] \d)\d{0,2}(?:[ \u00a0]\d{3})+(?:,\d+)?(?![\w])"
                    r"(?![.,]\d)")
SCALES = (
    (re.compile(r"\s*(?:mia\.?|milliard(?:er)?)(?!\w)", re.IGNORECASE), Decimal(10) ** 9),
    (re.compile(r"\s*(?:mio\.?|mill\.?|million(?:er)?)(?!\w)", re.IGNORECASE), Decimal(10) ** 6),
    (re.compile(r"\s*(?:tusind|t\.\s?kr\.?|tkr\.?|t\.)(?!\w)", re.IGNORECASE), Decimal(1000)),
)
RANGE_REST = re.compile(r"\s*(?:-|–|til)\s*\d+(?:[.,]\d+)*")
# What every RANGE_REST and SCALES match starts with: a number followed by anything else is
# neither part of a range nor scaled.
MAY_FOLLOW = re.compile(r"\s*[-–tm]", re.IGNORECASE)
# A word hyphenated over a PDF line ("speci-\nalundervisning") and the line break itself.
HYPHEN_BREAK = re.compile(r"-(?<=[^\W\d]-)[ \t]*\n[ \t]*(?=[^\W\d])")  # '-' first, as above

# The full name, or the usual abbreviation with or without its full stop ("nov.", "sept").
MONTH_WORDS = tuple(rf"(?:{name}|{name[:3]}{'t?' if name == 'september' else ''}\.?)"
                    for name in MONTHS)


def tidy(text: str) -> str:
    """Join PDF lines: a hyphenated word is mended, other line breaks become spaces (with the
    spaces and tabs around them: the lines are stripped at the seams)."""
    if "\n" not in text:
        return text
    lines = HYPHEN_BREAK.sub("", text).split("\n")
    if len(lines) == 1:
        return lines[0]
    inner = (line.strip(" \t") for line in lines[1:-1])
    return " ".join((lines[0].rstrip(" \t"), *inner, lines[-1].lstrip(" \t")))


@cache  # the same tokens (years, small counts) recur in every passage
def _value(token: str) -> Decimal | None:
    if THOUSANDS_DOT.match(token):
        token = token.replace(".", "")
    elif not DECIMAL_COMMA.match(token):
        return None  # a date like 18.11.2022, a paragraph like 9.3 or a list like 1,2,3
    try:
        return Decimal(token.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the patterns admit only digits
        return None


def _scaled(text: str, end: int, value: Decimal) -> set[Decimal]:
    """`value` and what a range or a unit after it (at `end`) makes of it."""
    found = {value}
    # "fra 0,7 til 1 mio. kr.", "2-3 mio.": the unit after a range scales both ends.
    rest = RANGE_REST.match(text, end)
    after = rest.end() if rest else end
    for pattern, factor in SCALES:
        if pattern.match(text, end) or pattern.match(text, after):
            found.add(value * factor)
    return found


@cache  # every cited passage of a build: an LRU bound made large data sets re-scan
def numbers_in(text: str) -> frozenset[Decimal]:
    """Every value a number in `text` can stand for."""
    text = tidy(text)
    found: set[Decimal] = set()
    for pattern in (TOKEN, SPACED):
        spaced = pattern is SPACED  # TOKEN matches hold no spaces
        for match in pattern.finditer(text):
            token = match.group(0)
            value = _value(token.replace(" ", "").replace("\u00a0", "") if spaced else token)
            if value is None:
                continue
            if MAY_FOLLOW.match(text, match.end()):
                found |= _scaled(text, match.end(), value)
            else:  # neither a range nor a unit follows: most numbers
                found.add(value)
    return frozenset(found)


def states_number(text: str, value: float | int) -> bool:
    """Does `text` state `value` (as written in the data: 4107, 33.5, 4200000)?"""
    return Decimal(repr(value)) in numbers_in(text) if not isinstance(value, bool) else False


def _month(word: str) -> int:
    return next(i for i, name in enumerate(MONTHS, 1) if word.lower().startswith(name[:3]))


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


MONTH_NAME = "|".join(MONTH_WORDS)
# "18. november 2022", "18. nov. 2022", "18 november", "november 2022", "marts måned 2025"
WORD_DATE = re.compile(rf"(?<![\w.,])(?:(\d{{1,2}})\.?\s*)?({MONTH_NAME})(?!\w)"
                       rf"(?:\s+måned)?(?:\s+(?:i\s+)?((?:19|20)\d\d)(?!\d))?", re.IGNORECASE)
# "18.11.2022", "18-11-22", "18/11-2022", "18/11 2022", "18/11"
NUMERIC_DATE = re.compile(r"(\d(?<![\w.,]\d)\d?)(?:([./-])\s?(\d{1,2})\2\s?(\d{4}|\d{2})|/(\d{1,2})"
                          r"(?:[-/ ]((?:19|20)\d\d|\d{2}))?)(?!\d)(?![.,]\d)")
ISO_DATE = re.compile(r"((?:1(?<![\w.,]1)9|2(?<![\w.,]2)0)\d\d)-(\d{2})(?:-(\d{2}))?(?!\d)")
MONTH_YEAR = re.compile(r"(\d(?<![\w.,]\d)\d?)[./-]((?:19|20)\d\d)(?!\d)")
YEAR = re.compile(r"((?:1(?<!\d1)9|2(?<!\d2)0)\d\d)(?!\d)")  # look-behinds as TOKEN's


def _add(found: set[str], year: int | None, month: int, day: int | None) -> None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return
    if year is None:  # "18. november": the year is left to the context
        if day is not None:
            found.add(f"--{month:02d}-{day:02d}")
        return
    found.add(f"{year}-{month:02d}")
    if day is not None:
        found.add(f"{year}-{month:02d}-{day:02d}")


@cache
def dates_in(text: str) -> frozenset[str]:
    """Every date `text` states, as ISO text: `2022-11-18` (also `2022-11`), `2022-11`, `2022`,
    and `--11-18` for a day and month without a year."""
    text = tidy(text)
    found: set[str] = set(YEAR.findall(text))
    for day, word, year in WORD_DATE.findall(text):
        _add(found, int(year) if year else None, _month(word), int(day) if day else None)
    for match in NUMERIC_DATE.finditer(text):
        day, _, month, year, slash_month, slash_year = match.groups()
        if month:
            _add(found, _year(year), int(month), int(day))
        else:
            _add(found, _year(slash_year) if slash_year else None, int(slash_month), int(day))
    for year, month, day in ISO_DATE.findall(text):
        _add(found, int(year), int(month), int(day) if day else None)
    for month, year in MONTH_YEAR.findall(text):
        _add(found, int(year), int(month), None)
    return frozenset(found)


def states_date(text: str, date: str) -> bool:
    """Does `text` state the (partial) ISO date `date` (`2022-11-18`, `2022-11`, `2022`)?"""
    found = dates_in(text)
    return date in found or (len(date) == len("2022-11-18") and f"--{date[5:]}" in found)
