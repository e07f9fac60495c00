"""The name of a source text in the seeds folder: `NNN_<16 hex>.txt`, content-addressed.

NNN is the file's serial number in the folder (the next after the highest there), the hex the
first 16 hexadecimal digits of the SHA-256 of the text's UTF-8 bytes: the same text always gets
the same hex, so a text already in the folder is found by its name. The five texts from before
this rule keep their names (their hex is no hash of their text: not SHA-256, MD5 or SHA-1).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

NAME = re.compile(r"^([0-9]{3})_([0-9a-f]{16})\.txt$")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def seed_name(text: str, existing: Iterable[str]) -> str:
    """The file name of `text` in a folder holding the files named `existing`: the existing
    name when a file with this content hash is there, else the next serial number."""
    digest = content_hash(text)
    serials = []
    for name in existing:
        match = NAME.match(name)
        if match is None:
            continue
        if match.group(2) == digest:
            return name
        serials.append(int(match.group(1)))
    serial = max(serials, default=-1) + 1
    if serial > 999:
        raise ValueError("seeds-mappen har allerede 1000 nummererede filer")
    return f"{serial:03d}_{digest}.txt"
