"""What each export format needs of every text it writes, whatever the field.

The data check already refuses control and invisible characters (yamlsource.REFUSED_CHARS);
these guards make each format safe on its own, for every cell and field:

- CSV: a cell that a spreadsheet would run as a formula gets a leading apostrophe;
- Atom (XML 1.0): characters XML 1.0 cannot hold become U+FFFD;
- iCalendar TEXT: control characters other than tab and line feed become a space (the
  icalendar package then escapes backslash, semicolon, comma and line breaks);
- all: a lone surrogate (not writable as UTF-8) becomes U+FFFD.
"""

from __future__ import annotations

import re

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list, plus
# the full-width forms some spreadsheets fold to ASCII), also after leading spaces.
FORMULA_START = re.compile("[ \u00a0]*[=+\\-@\t\r\n\uff1d\uff0b\uff0d\uff20]")
XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ICAL_CONTROL = re.compile("\r\n?|[\x00-\x08\x0b-\x1f\x7f]")
SURROGATE = re.compile("[\ud800-\udfff]")  # cannot be written as UTF-8 at all


def csv_cell(text: str) -> str:
    """A text cell that no spreadsheet runs: "'=1+1" for "=1+1"."""
    text = SURROGATE.sub("\ufffd", text)
    return "'" + text if FORMULA_START.match(text) else text


def xml_text(text: str) -> str:
    """`text` with every character XML 1.0 forbids replaced by U+FFFD."""
    return XML_INVALID.sub("\ufffd", text)


def ical_text(text: str) -> str:
    """`text` for an iCalendar TEXT value: CR/CRLF become a line feed, other controls a
    space (RFC 5545 allows no control characters but tab in TEXT), a lone surrogate U+FFFD."""
    text = SURROGATE.sub("\ufffd", text)
    return ICAL_CONTROL.sub(lambda m: "\n" if m.group().startswith("\r") else " ", text)
