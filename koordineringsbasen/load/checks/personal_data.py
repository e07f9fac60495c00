"""Refuse text that looks like personal data: CPR numbers, e-mail addresses, phone numbers.

The site is about very small groups of vulnerable citizens; data about named individuals
never belongs in it. Organisational contacts may be allowed explicitly below.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Any

from pydantic import BaseModel

from ...model.common import Anchor

# Organisational (not personal) contact points that may appear in data.
ALLOWED_CONTACTS = frozenset({"nordjysksocialaftale@aalborg.dk"})

# Not inside a word (hex file names, ids) nor a longer number (12.345.678,90, 24/12345678,
# 2024-2028); a full stop or comma *after* the number may end the sentence.
BEFORE = r"(?<![\w+])(?<!\d[.,/-])"
AFTER = r"(?!\w)(?![.,/-]\d)"
CPR = re.compile(BEFORE + r"(\d{2})(\d{2})(\d{2})[ -]?(\d{4})" + AFTER)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(BEFORE + r"(?:\+45[ ]?)?(?:\d{2}[ ]?){3}\d{2}" + AFTER)
# Amounts and registry numbers of organisations are not personal data.
NOT_PERSONAL_BEFORE = re.compile(r"(?:kr\.?|DKK|CVR(?:-nr\.?)?|EAN(?:-nr\.?)?|P-nr\.?|"
                                 r"sagsnr\.?|j\.\s?nr\.?)[\s:]*$", re.IGNORECASE)
NOT_PERSONAL_AFTER = re.compile(r"\s*(?:kr\b|kr\.|kroner|DKK|mio\b|mia\b|%)", re.IGNORECASE)


def _looks_like_cpr(match: re.Match[str]) -> bool:
    day, month = int(match.group(1)), int(match.group(2))
    return 1 <= day <= 31 and 1 <= month <= 12


def _not_personal(match: re.Match[str]) -> bool:
    text = match.string
    return bool(NOT_PERSONAL_BEFORE.search(text[max(0, match.start() - 12):match.start()])
                or NOT_PERSONAL_AFTER.match(text, match.end()))


# Every pattern above needs an '@' or a run of at least eight digits (spaces and dashes allowed
# between them); most text has neither, so it is passed over without running the patterns.
CANDIDATE = re.compile(r"@|\d(?:[ -]?\d){7}")
# The same, over a data file's raw text: YAML may fold a line break into a space and spell a
# character as an escape ('\x40'), so line breaks, indentation and any backslash count too.
RAW_CANDIDATE = re.compile(r"@|\\|\d(?:[ \t\r\n-]*\d){7}")


def find(text: str) -> list[str]:
    """Return a plain-Danish description of each piece of personal data in `text`."""
    if not CANDIDATE.search(text):
        return []
    found = []
    for match in CPR.finditer(text):
        if _looks_like_cpr(match) and not _not_personal(match):
            found.append(f"'{match.group(0)}' ligner et CPR-nummer")
    for match in EMAIL.finditer(text):
        if match.group(0).lower() not in ALLOWED_CONTACTS:
            found.append(f"'{match.group(0)}' er en e-mailadresse")
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if (len(digits) in (8, 10) and not CPR.fullmatch(match.group(0).replace(" ", ""))
                and not _not_personal(match)):
            found.append(f"'{match.group(0)}' ligner et telefonnummer")
    return found


def _strings(value: Any, path: tuple[Any, ...], out: list[tuple[tuple[Any, ...], str]]) -> None:
    """Append (path, text) for every string below `value` to `out` (a plain recursion,
    entered only for models and lists: this visits every value of every file)."""
    # A validated model's __dict__ holds its fields in declaration order, nothing else.
    children = value.__dict__.items() if isinstance(value, BaseModel) else enumerate(value)
    for key, child in children:
        if isinstance(child, Anchor):
            # A citation's anchor quotes its source text, which the site publishes in full
            # (the source-text pages): written by 'anker', never typed, so not scanned.
            continue
        if isinstance(child, str):
            out.append(((*path, key), child))
        elif isinstance(child, (BaseModel, list, tuple)):
            _strings(child, (*path, key), out)


def scan(entity: BaseModel, source: str | None = None) -> list[tuple[tuple[Any, ...], str]]:
    """(path, message) for every string field that holds personal data.

    `source`, the YAML text the entity was read from, lets a file without any candidate be
    passed over without visiting its fields."""
    if source is not None and not RAW_CANDIDATE.search(source):
        return []
    strings: list[tuple[tuple[Any, ...], str]] = []
    _strings(entity, (), strings)
    # One search over all strings, NUL between them (no candidate reaches over it), finds the
    # strings worth a closer look.
    joined = "\0".join(text for _, text in strings)
    starts = list(accumulate((len(text) + 1 for _, text in strings), initial=0))
    problems = []
    worth = sorted({bisect_right(starts, m.start()) - 1 for m in CANDIDATE.finditer(joined)})
    for index in worth:
        path, text = strings[index]
        for description in find(text):
            problems.append((path, f"{description}; personoplysninger må ikke stå i data"))
    return problems
