"""Large raw HTML blocks kept out of Python-Markdown's way, with the same HTML as the result.

The numbered lines of a source text (`<ol class="kb-linjer">`, render/source_text.py), the
footnotes of a page (`<div class="footnote">`, render/citations.py), the tables and lists of the
cross-cutting pages (render/html.py) and the one-line blocks the generator writes (the hidden
search block, charts, filter forms) are finished HTML, tens of thousands of lines per build. Markdown would only parse them to emit them unchanged, and that
parsing was a fifth of the build. The mkdocs hook sets them aside
before conversion (a placeholder paragraph in their place), puts them back after and tells
mkdocs the ids they hold, so its anchor check still sees every line; other generators get the
full Markdown and convert it themselves.
"""

from __future__ import annotations

import re

INSIDE = r"(?:(?!\n\n).)*?"  # a block has no blank line: it never reaches into the next one
# These are Markdown's raw HTML only with blank lines around them; elsewhere they stay.
STANDALONE = (r'(?:\A|(?<=\n\n))(?:<div class="kb-soegeord" hidden>[^\n]*</div>'
              r'|<figure class="kb-figure">[^\n]*</figure>|<form class="kb-filter"[^\n]*</form>'
              r'|<div class="kb-sortable[^"\n]*"[^>\n]*>\n<table>\n' + INSIDE + r'\n</table>\n</div>'
              r'|<table>\n<thead>\n' + INSIDE + r'\n</table>|<ul>\n<li>' + INSIDE + r'\n</ul>)'
              r'(?=\n\n|\n?\Z)')
BLOCK = re.compile(r'^<ol class="kb-linjer"[^>]*>\n.*?^</ol>$'
                   r'|^<div class="footnote">\n<hr />\n.*?^</div>$|' + STANDALONE,
                   re.DOTALL | re.MULTILINE)
PLACEHOLDER = "KBRÅBLOK{:06d}"
PUT_BACK = re.compile(r"<p>KBRÅBLOK(\d{6})</p>")
ID = re.compile(r'\bid="([^"]+)"')


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """`markdown` with each block replaced by a placeholder paragraph, and the blocks."""
    blocks: list[str] = []

    def replace(found: re.Match[str]) -> str:
        blocks.append(found.group(0))
        return "\n" + PLACEHOLDER.format(len(blocks) - 1) + "\n"

    return BLOCK.sub(replace, markdown), blocks


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
