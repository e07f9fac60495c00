"""Large raw HTML blocks kept out of Python-Markdown's way, with the same HTML as the result.

The numbered lines of a source text, the footnotes of a page, the tables and lists of the
entity and cross-cutting pages and the one-line blocks (the hidden search block, charts, filter
forms) are finished HTML, tens of thousands of lines per build. Markdown would only parse them
to emit them unchanged, and that parsing was a fifth of the build. Their writers register them
with the page as they make them (render/blocks.py), so the Markdown holds a placeholder
paragraph in their place; after conversion the hook puts them back and tells mkdocs the ids they
hold, so its anchor check still sees every line. Other generators get the full Markdown
(blocks.restore) and convert it themselves.
"""

from __future__ import annotations

import re

from ..render.blocks import PLACEHOLDER

PUT_BACK = re.compile("<p>" + PLACEHOLDER.replace("{:06d}", r"(\d{6})") + "</p>")
ID = re.compile(r'\bid="([^"]+)"')


def put_back(html: str, blocks: list[str]) -> str:
    """The converted page with every placeholder paragraph replaced by its block."""
    if not blocks:
        return html
    restored, count = PUT_BACK.subn(lambda found: blocks[int(found.group(1))], html)
    if count != len(blocks) or PUT_BACK.search(restored):
        raise RuntimeError("a set-aside HTML block was lost in the Markdown conversion")
    return restored


def anchor_ids(blocks: list[str]) -> set[str]:
    """The element ids in `blocks`: mkdocs checks links to them (Page.present_anchor_ids)."""
    return {found for block in blocks for found in ID.findall(block)}
