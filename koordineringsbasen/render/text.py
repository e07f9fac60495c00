"""Escaping: data text becomes inert Markdown. Everything that is not `Markup` is escaped."""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Characters with meaning in Markdown or its extensions (links, emphasis, attr_list,
# footnotes, tables). Only characters Python-Markdown can backslash-escape are listed.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# Every character that ends a line for Markdown or for Python's str.splitlines: a carriage
# return alone is a line break to Python-Markdown, and would start a heading or code block.
LINE_BREAK = re.compile(r"\s*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]\s*")


def md(text: object) -> Markup:
    """Escape `text` for use inline in Markdown: Markdown syntax, then HTML entities."""
    if isinstance(text, Markup):
        return text
    # In this order the '#' of the entity '&#x27;' stays unescaped; a backslash inside it
    # broke the entity in page titles (shown as "&#x27;" instead of an apostrophe).
    value = MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    value = html.escape(value, quote=True)
    # Newlines would start new blocks (lists, headings, snippets): fold them.
    value = LINE_BREAK.sub(" ", value)
    return Markup(value)


def paragraphs(text: object) -> Markup:
    """Escape a longer text as Markdown paragraphs: each line break in the value (an empty
    line in the YAML source of a folded `>-` or quoted scalar) starts a new paragraph."""
    if isinstance(text, Markup):
        return text
    parts = [md(part) for part in LINE_BREAK.split(str(text).strip()) if part]
    return Markup("\n\n").join(parts)


def attr(text: object) -> Markup:
    """Escape `text` for an HTML attribute value inside raw HTML."""
    return Markup(html.escape(str(text), quote=True))


ANCHOR_ID = re.compile(r"[\w-]+")


def anchor_id(text: object) -> Markup:
    """An id (a data slug, an agenda anchor) for an attr_list anchor `{ #id }`: kept as it is,
    refused if it holds anything but letters, digits, hyphens and underscores."""
    if not ANCHOR_ID.fullmatch(str(text)):
        raise ValueError(f"not an anchor id: {text!r}")
    return Markup(str(text))


def plain(text: object) -> str:
    """Collapse whitespace; for places that escape on their own (SVG via attr/md)."""
    return re.sub(r"\s+", " ", str(text)).strip()
