"""Source-text lines set aside from Markdown come back unchanged, and their anchors count."""

from __future__ import annotations

import markdown
import pytest

from koordineringsbasen.site import raw_blocks

PAGE = ('# Tekst\n\n<div class="kb-kildetekst" markdown>\n\n## Punkt 1 { #punkt-1 }\n\n'
        '<ol class="kb-linjer" start="3">\n<li id="L3">*ikke kursiv*\tmed tab</li>\n'
        '<li id="L4"><span id="L4-L5" class="kb-anker"></span>[ikke et link](x)</li>\n</ol>\n\n'
        '</div>\n')


def test_blocks_come_back_as_written_around_converted_markdown() -> None:
    text, blocks = raw_blocks.set_aside(PAGE)
    assert len(blocks) == 1 and "kb-linjer" not in text
    html = raw_blocks.put_back(markdown.markdown(text, extensions=["md_in_html", "attr_list"]), blocks)
    assert blocks[0] in html and '<h2 id="punkt-1">' in html
    assert raw_blocks.anchor_ids(blocks) == {"L3", "L4", "L4-L5"}


def test_a_lost_block_is_an_error_not_a_silent_gap() -> None:
    _, blocks = raw_blocks.set_aside(PAGE)
    with pytest.raises(RuntimeError, match="lost"):
        raw_blocks.put_back("<p>nothing</p>", blocks)


def test_pages_without_source_lines_are_left_alone() -> None:
    assert raw_blocks.set_aside("# Egely\n\nTekst.\n") == ("# Egely\n\nTekst.\n", [])


def test_generated_tables_and_lists_are_set_aside_one_by_one() -> None:
    table = '<div class="kb-sortable">\n<table>\n<thead>\n<tr>\n<th>A</th>\n</tr>\n</thead>\n</table>\n</div>'
    page = f"{table}\n*mellem*\n\n<ul>\n<li>x</li>\n</ul>\n\nTekst.\n\n{table}\n"
    text, blocks = raw_blocks.set_aside(page)
    # The first table is followed by Markdown, not a blank line: it stays in the Markdown, and
    # no block reaches over the paragraph to the next table.
    assert blocks == ["<ul>\n<li>x</li>\n</ul>", table]
    assert "*mellem*" in text and text.count("KBRÅBLOK") == 2
