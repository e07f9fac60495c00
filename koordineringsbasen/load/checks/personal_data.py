"""Refuse text that looks like personal data: CPR numbers, e-mail addresses, phone numbers.

The site is about very small groups of vulnerable citizens; data about named individuals
never belongs in it. The one e-mail address allowed is an organisation's or offer's shared
mailbox in a contact point's `postkasse` (model/contact.py says which mailboxes are shared).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from typing import Any

from pydantic import BaseModel

from ...model.common import Anchor
from ...model.contact import is_role_mailbox

# The field of a contact point that may hold a shared mailbox (model.contact.ContactPoint).
MAILBOX_FIELD = "postkasse"

# Not inside a word (hex file names, ids) nor a longer number (12.345.678,90, 24/12345678,
# 2024-2028); a full stop or comma *after* the number may end the sentence.
BEFORE = r"(?<![\w+])(?<!\d[.,/-])"
AFTER = r"(?!\w)(?![.,/-]\d)"
CPR = re.compile(BEFORE + r"(\d{2})(\d{2})(\d{2})[ -]?(\d{4})" + AFTER)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Danish phone numbers: 12345678, pairs with one separator throughout (12 34 56 78,
# 12-34-56-78, 12.34.56.78) or halves (1234 5678, 1234-5678), +45 in front or not.
PHONE = re.compile(BEFORE + r"(?:\+45[ ]?)?(?:\d{2}([ .-]?)\d{2}\1\d{2}\1\d{2}|"
                   r"(\d{4})([ .-])(\d{4}))" + AFTER)
# '2024-2028' (a span of years) and '2024-1533' (a case number of a year) are no phone numbers.
YEARS = range(1900, 2101)
# Fields that hold line numbers of a source text ('1570-2757'), validated as such by the model.
LINE_FIELDS = frozenset({"linjer"})
# Amounts and registry numbers of organisations are not personal data.
NOT_PERSONAL_BEFORE = re.compile(r"(?:kr\.?|DKK|CVR(?:-nr\.?)?|EAN(?:-nr\.?)?|P-nr\.?|"
                                 r"sagsnr\.?|j\.\s?nr\.?|linjer?|l\.)[\s:]*$", re.IGNORECASE)
NOT_PERSONAL_AFTER = re.compile(r"\s*(?:kr\b|kr\.|kroner|DKK|mio\b|mia\b|%)", re.IGNORECASE)


# Every dash (Unicode Pd, and the minus sign) becomes '-', every space (Zs) ' '.
DASHES = ("\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e17"
          "\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63"
          "\uff0d\U00010ead")
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009" \
         "\u200a\u202f\u205f\u3000"
DASHES_AND_SPACES = str.maketrans(DASHES + SPACES, "-" * len(DASHES) + " " * len(SPACES))


def normalise(text: str) -> str:
    """The text the patterns read: NFKC (full-width digits and the like), then every dash and
    space variant as '-' and ' ' (a CPR number written with an en dash or a no-break space is
    still one)."""
    return unicodedata.normalize("NFKC", text).translate(DASHES_AND_SPACES)


def _looks_like_cpr(match: re.Match[str]) -> bool:
    day, month = int(match.group(1)), int(match.group(2))
    return 1 <= day <= 31 and 1 <= month <= 12


def _not_personal(match: re.Match[str]) -> bool:
    text = match.string
    return bool(NOT_PERSONAL_BEFORE.search(text[max(0, match.start() - 12):match.start()])
                or NOT_PERSONAL_AFTER.match(text, match.end()))


# Every pattern above needs an '@' or a run of at least eight digits (spaces and dashes allowed
# between them); most text has neither, so it is passed over without running the patterns.
CANDIDATE = re.compile(r"@|\d(?:[ .-]?\d){7}")
# The same, over a data file's raw text (normalised): YAML may fold a line break into a space
# and spell a character as an escape ('\x40'), so line breaks, indentation and any backslash
# count too.
RAW_CANDIDATE = re.compile(r"@|\\|\d(?:[ .\t\r\n-]*\d){7}")


def find(text: str, shared_mailbox: bool = False) -> list[str]:
    """Return a plain-Danish description of each piece of personal data in `text`;
    `shared_mailbox`: the text is a contact point's mailbox, checked to be a shared one."""
    text = normalise(text)
    if not CANDIDATE.search(text):
        return []
    found = []
    for match in CPR.finditer(text):
        if _looks_like_cpr(match) and not _not_personal(match):
            found.append(f"'{match.group(0)}' ligner et CPR-nummer")
    for match in EMAIL.finditer(text):
        if not shared_mailbox:
            found.append(f"'{match.group(0)}' er en e-mailadresse")
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if match.group(3) == "-" and int(match.group(2)) in YEARS:
            continue
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
        if key in LINE_FIELDS or isinstance(child, Anchor):
            # Line numbers are validated as such; a citation's anchor quotes its source text,
            # which the site publishes in full (the source-text pages): written by 'anker',
            # never typed, so not scanned.
            continue
        if isinstance(child, str):
            out.append(((*path, key), child))
        elif isinstance(child, (BaseModel, list, tuple)):
            _strings(child, (*path, key), out)


def scan(entity: BaseModel, source: str | None = None) -> list[tuple[tuple[Any, ...], str]]:
    """(path, message) for every string field that holds personal data.

    `source`, the YAML text the entity was read from, lets a file without any candidate be
    passed over without visiting its fields."""
    if source is not None and not RAW_CANDIDATE.search(normalise(source)):
        return []
    strings: list[tuple[tuple[Any, ...], str]] = []
    _strings(entity, (), strings)
    # One search over all strings, NUL between them (no candidate reaches over it), finds the
    # strings worth a closer look.
    texts = [normalise(text) for _, text in strings]  # NFKC may change a text's length
    joined = "\0".join(texts)
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    problems = []
    worth = sorted({bisect_right(starts, m.start()) - 1 for m in CANDIDATE.finditer(joined)})
    for index in worth:
        path, text = strings[index][0], texts[index]
        mailbox = path[-1] == MAILBOX_FIELD
        if mailbox and not is_role_mailbox(text, _own_names(entity)):
            problems.append((path, f"'{text}' ligner en persons e-mailadresse; en postkasse skal "
                                   "være fælles (fx post@…, sekretariat@… eller enhedens navn "
                                   "eller forkortelse), aldrig en persons"))
            continue
        for description in find(text, shared_mailbox=mailbox):
            problems.append((path, f"{description}; personoplysninger må ikke stå i data"))
    return problems


def _own_names(entity: BaseModel) -> list[str]:
    """The names a shared mailbox of `entity` may be called by: name, aliases, abbreviation."""
    names = [getattr(entity, "navn", None), getattr(entity, "forkortelse", None),
             *getattr(entity, "aliaser", [])]
    return [name for name in names if isinstance(name, str)]
