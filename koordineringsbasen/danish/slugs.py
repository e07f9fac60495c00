"""Ids and anchors from Danish names: lowercase ASCII, æ→ae, ø→oe, å→aa (the data's id rule)."""

from __future__ import annotations

import re
import unicodedata


def slugify(name: str) -> str:
    """'Børne- og Ungehuset Å' -> 'boerne-og-ungehuset-aa' (æ→ae, ø→oe, å→aa)."""
    text = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
