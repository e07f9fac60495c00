"""The sources section shared by the cross-cutting pages."""

from __future__ import annotations

from typing import Any

from .citations import Citations


def footer(c: Citations) -> list[Any]:
    """The page's "Kilder" section with its footnotes (kept out of the search index)."""
    return ["## Kilder { #kilder data-search-exclude }\n", c.footnotes()]
