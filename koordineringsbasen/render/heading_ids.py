"""Heading ids (the toc extension's slugify, set in mkdocs.yml) that data cannot collide with.

A heading's id is made from its text, and entity names and agenda items are data. The theme and
the site name their own elements in namespaces of their own: Material's ids start with '__'
(`__config`, `__search`, `__drawer`, `__toc`, `__nav_3`), the site's with 'kb-' (`kb-search`)
or 'belaegning-' (charts); line anchors are 'L12' (upper case) and footnotes 'fn:1' (a colon),
which a slug never is. A heading id therefore never starts with '_' or '-', and one that would
start with a reserved prefix (or be empty) is put under 'afsnit-'.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pymdownx.slugs import slugify as pymdownx_slugify

RESERVED_PREFIXES = ("kb-", "md-", "belaegning-")
SAFE_PREFIX = "afsnit-"


def safe_id(slug: str) -> str:
    """`slug` moved out of the theme's and the site's namespaces."""
    slug = slug.lstrip("_-")
    if not slug or slug.startswith(RESERVED_PREFIXES):
        return SAFE_PREFIX + slug if slug else SAFE_PREFIX.rstrip("-")
    return slug


def slugify(**options: Any) -> Callable[[str, str], str]:
    """pymdownx's slugify with `options` (e.g. case: lower), then `safe_id`."""
    inner = pymdownx_slugify(**options)

    def make(text: str, separator: str) -> str:
        return safe_id(inner(text, separator))
    return make
