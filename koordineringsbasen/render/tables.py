"""Markdown tables and the sources section shared by the cross-cutting pages."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .citations import Citations
from .text import md


def markdown_table(headers: list[str], rows: list[list[Any]]) -> Markup:
    """A Markdown table; every cell that is not Markup is escaped."""
    lines = ["| " + " | ".join(md(h) for h in headers) + " |",
             "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join(c if isinstance(c, Markup) else md(c) for c in row) + " |")
    return Markup("\n".join(lines))


def sortable(table: Markup, compact: bool = False) -> Markup:
    """A table whose columns sort (sortable.js); `compact` for tables with many columns."""
    css = "kb-sortable kb-compact" if compact else "kb-sortable"
    return Markup(f'<div class="{css}" markdown>\n\n') + table + Markup("\n\n</div>")


def footer(c: Citations) -> list[Any]:
    """The page's "Kilder" section with its footnotes (kept out of the search index)."""
    return ["## Kilder { #kilder data-search-exclude }\n", c.footnotes()]
