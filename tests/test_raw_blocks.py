"""HTML blocks registered by their writers (render/blocks.py) and kept out of Markdown come back
as Markdown itself would have passed them through; tested on the writers' real output."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest

from koordineringsbasen.render.blocks import PLACEHOLDER, Blocks, restore
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.render.links import overview_uri, page_uri
from koordineringsbasen.render.overviews import render_overview
from koordineringsbasen.render.source_text import render_source_text, text_pages
from koordineringsbasen.site import build_state, raw_blocks
from tests.support import FIXTURE_SEEDS

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]


@pytest.fixture
def ctx(fixture_data: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RenderContext]:
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(FIXTURE_SEEDS))
    build = build_state.start()
    yield build.load(fixture_data)
    build_state.start()


def pages(ctx: RenderContext) -> dict[str, str]:
    """Every kind of page the writers make, as its macro renders it."""
    found = {page_uri(kind, entity_id): render_entity(ctx, kind, entity_id)
             for kind, entities in ctx.catalog.entities.items() for entity_id in entities}
    found |= {overview_uri(kind): render_overview(ctx, kind) for kind in ctx.catalog.entities}
    found |= {uri: render_source_text(ctx, source_id, index)
              for source_id, parts in text_pages(ctx) for index, uri in parts}
    return found


def lines(html: str) -> list[str]:
    return [line for line in html.split("\n") if line.strip()]


def test_set_aside_blocks_convert_as_markdown_would_pass_them_through(
        ctx: RenderContext) -> None:
    register = ctx.blocks
    assert register is not None
    starts: list[str] = []
    for page, text in pages(ctx).items():
        finished, blocks = register.finish(page, text)
        register.take(page)
        starts += blocks
        whole = restore(finished, blocks)
        assert "KBRÅBLOK" not in whole and "KBMÆRKE" not in whole, page
        aside = raw_blocks.put_back(markdown.markdown(finished, extensions=EXTENSIONS), blocks)
        # The same HTML; only the blank lines where a placeholder paragraph stood differ.
        assert lines(aside) == lines(markdown.markdown(whole, extensions=EXTENSIONS)), page
    # Every kind of block the writers register was among them.
    for kind in ('<div class="kb-soegeord" hidden>', '<div class="footnote">', '<table>',
                 '<ol class="kb-linjer" start="1">', '<figure class="kb-figure">',
                 '<div class="kb-sortable" data-kb-table=', '<form class="kb-filter"'):
        assert any(block.startswith(kind) for block in starts), kind


def test_the_ids_in_blocks_count_as_anchors_of_the_page(ctx: RenderContext) -> None:
    register = ctx.blocks
    assert register is not None
    source_id, parts = text_pages(ctx)[0]
    index, uri = parts[0]
    _, blocks = register.finish(uri, render_source_text(ctx, source_id, index))
    ids = raw_blocks.anchor_ids(blocks)
    assert {"L1", "L2"} <= ids and all(f'id="{i}"' in "".join(blocks) for i in ids)


def test_a_lost_block_is_an_error_not_a_silent_gap() -> None:
    register = Blocks()
    placeholder = register.aside("a.md", "<ul>\n<li>x</li>\n</ul>")
    assert placeholder.strip() == PLACEHOLDER.format(0)
    with pytest.raises(RuntimeError, match="lost"):
        raw_blocks.put_back("<p>nothing</p>", register.take("a.md"))


def test_markers_are_numbered_where_they_stand_also_inside_blocks() -> None:
    register = Blocks()
    first_made = register.marker("a.md", 1)
    table = register.aside("a.md", f"<table><tr><td>{first_made}</td></tr></table>")
    later = register.marker("a.md", 1)
    text, blocks = register.finish("a.md", f"Tekst{later}\n{table}")
    assert 'id="fnref:1"' in text and 'id="fnref2:1"' in blocks[0]
    assert register.finish("b.md", "Uden markører") == ("Uden markører", [])
